import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runUpgrade } from '../../src/runtime/commands.js'
import { versionRows } from '../support/catalog.js'
import { ALL_DATABASES, createTestDatabase, type TestDatabase } from '../support/databases.js'
import { runtimeOptions, writeMigrationProject, type MigrationProject } from '../support/migration-project.js'

describe('op.autocommitBlock on postgres', () => {
  let db: TestDatabase
  let project: MigrationProject
  beforeEach(async () => {
    db = await createTestDatabase('postgres')
  })
  afterEach(async () => {
    await db.drop()
    project.remove()
  })

  it('runs a statement PostgreSQL refuses inside a transaction', async () => {
    project = await writeMigrationProject([
      {
        id: 'aaaaaaaaaaaa',
        up: {
          code: [
            "  await op.execute('CREATE TABLE big (a INTEGER)')",
            "  await op.autocommitBlock(async () => { await op.execute('CREATE INDEX CONCURRENTLY ix_big_a ON big (a)') })",
            "  await op.execute('INSERT INTO big (a) VALUES (1)')",
          ].join('\n'),
        },
      },
    ])
    await runUpgrade(project.script, 'head', runtimeOptions(db.url))
    const conn = await db.connect()
    expect(await conn.query("SELECT indexname FROM pg_indexes WHERE tablename = 'big'")).toEqual([{ indexname: 'ix_big_a' }])
    expect(await versionRows(conn)).toEqual(['aaaaaaaaaaaa'])
    await conn.close()
  })
})

describe.each(ALL_DATABASES)('op.autocommitBlock on %s', (kind) => {
  let db: TestDatabase
  let project: MigrationProject
  beforeEach(async () => {
    db = await createTestDatabase(kind)
  })
  afterEach(async () => {
    await db.drop()
    project.remove()
  })

  it('commits what ran before the block, so a later failure keeps it while the version table stays behind', async () => {
    project = await writeMigrationProject([
      {
        id: 'aaaaaaaaaaaa',
        up: {
          code: [
            "  await op.execute('CREATE TABLE kept (a INTEGER)')",
            "  await op.autocommitBlock(async () => { await op.execute('INSERT INTO kept (a) VALUES (1)') })",
            "  await op.execute('INSERT INTO no_such_table (a) VALUES (1)')",
          ].join('\n'),
        },
      },
    ])
    await expect(runUpgrade(project.script, 'head', runtimeOptions(db.url))).rejects.toThrow(/no_such_table/)
    const conn = await db.connect()
    expect(await conn.query('SELECT a FROM kept')).toEqual([{ a: 1 }])
    expect(await versionRows(conn)).toEqual([])
    await conn.close()
  })
})
