import { describe, expect, it } from 'vitest'
import { DatabaseError } from '../../src/errors.js'
import { runUpgrade } from '../../src/runtime/commands.js'
import { listTables, versionRows } from '../support/catalog.js'
import { ALL_DATABASES } from '../support/databases.js'
import { runtimeOptions, writeMigrationProject } from '../support/migration-project.js'
import { eachTestProject } from '../support/each-test-project.js'

describe.each(ALL_DATABASES)('a revision that forgets to await its ops on %s', (kind) => {
  const t = eachTestProject(kind)

  it('still runs every op before the version table is written', async () => {
    t.project = await writeMigrationProject([
      {
        id: 'aaaaaaaaaaaa',
        up: {
          code: [
            "  op.execute('CREATE TABLE fa (id INTEGER)')",
            "  op.execute('INSERT INTO fa (id) VALUES (?)', [42])",
          ].join('\n'),
        },
      },
    ])
    await runUpgrade(t.project.script, 'head', runtimeOptions(t.db.url))
    const conn = await t.db.connect()
    expect(await conn.query('SELECT id FROM fa')).toEqual([{ id: 42 }])
    expect(await versionRows(conn)).toEqual(['aaaaaaaaaaaa'])
    await conn.close()
  })

  it('fails the revision when an un-awaited op fails', async () => {
    t.project = await writeMigrationProject([
      {
        id: 'aaaaaaaaaaaa',
        up: {
          code: [
            "  op.execute('CREATE TABLE fa (id INTEGER)')",
            "  op.execute('INSERT INTO missing_table (id) VALUES (1)')",
          ].join('\n'),
        },
      },
    ])
    const error = await runUpgrade(t.project.script, 'head', runtimeOptions(t.db.url)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DatabaseError)
    expect((error as DatabaseError).message).toContain('missing_table')
    const conn = await t.db.connect()
    expect(await versionRows(conn)).toEqual([])
    // On transactional-DDL databases the un-awaited CREATE ran inside the revision's transaction and rolled back with it, and the run, which applied nothing, took away the version table it made.
    if (conn.dialect.transactionalDdl) expect(await listTables(conn, kind)).toEqual([])
    await conn.close()
  })
})
