import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runUpgrade } from '../../src/runtime/commands.js'
import { describeTables } from '../support/catalog.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'
import { runtimeOptions, writeMigrationProject, type MigrationProject, type RevisionSpec } from '../support/migration-project.js'
import { runSqlScript } from '../support/sql-script.js'

/** Revisions as autogenerate writes them for SQLite: batches with no copyFrom. */
const specs: RevisionSpec[] = [
  {
    id: 'a1a1a1a1a1a1',
    message: 'create account',
    up: {
      code: `  const { t } = await import('athanor')
  await op.createTable('account', { id: t.integer().primaryKey(), name: t.string(50), legacy: t.integer() })
  await op.createIndex('ix_account_name', 'account', ['name'])`,
    },
    down: { code: "  await op.dropTable('account')" },
  },
  {
    id: 'b2b2b2b2b2b2',
    parent: 'a1a1a1a1a1a1',
    message: 'add email',
    up: { code: `  const { t } = await import('athanor')\n  await op.addColumn('account', 'email', t.string(100))` },
    down: { code: "  await op.dropColumn('account', 'email')" },
  },
  {
    id: 'c3c3c3c3c3c3',
    parent: 'b2b2b2b2b2b2',
    message: 'tighten account',
    up: {
      code: `  await op.batchAlterTable('account', (b) => {
    b.alterColumn('name', { nullable: false })
    b.dropColumn('legacy')
    b.createUniqueConstraint('uq_account_email', ['email'])
  })`,
    },
    down: {
      code: `  const { t } = await import('athanor')
  await op.batchAlterTable('account', (b) => {
    b.dropConstraint('uq_account_email', { type: 'unique' })
    b.addColumn('legacy', t.integer())
    b.alterColumn('name', { nullable: true })
  })`,
    },
  },
]

describe('an offline SQLite batch without copyFrom', () => {
  let online: TestDatabase
  let offline: TestDatabase
  let project: MigrationProject
  beforeEach(async () => {
    ;[online, offline] = await Promise.all([createTestDatabase('sqlite'), createTestDatabase('sqlite')])
    project = await writeMigrationProject(specs)
  })
  afterEach(async () => {
    await Promise.all([online.drop(), offline.drop()])
    project.remove()
  })

  async function tables(db: TestDatabase) {
    const conn = await db.connect()
    try {
      return await describeTables(conn, 'sqlite')
    } finally {
      await conn.close()
    }
  }

  it('takes the shape the rendered revisions gave the table, from base', async () => {
    await runUpgrade(project.script, 'head', runtimeOptions(online.url))
    const { sql } = await runUpgrade(project.script, 'base:head', { ...runtimeOptions(offline.url), sql: true })
    expect(sql).toContain('INSERT INTO "_athanor_tmp_account"')
    await runSqlScript(offline, sql!)
    expect(await tables(offline)).toEqual(await tables(online))
  })

  it('takes the shape from the live database when the range starts there', async () => {
    await runUpgrade(project.script, 'head', runtimeOptions(online.url))
    await runUpgrade(project.script, 'b2b2b2b2b2b2', runtimeOptions(offline.url))
    const { sql, steps } = await runUpgrade(project.script, 'head', { ...runtimeOptions(offline.url), sql: true })
    expect(steps.map((s) => s.revision)).toEqual(['c3c3c3c3c3c3'])
    await runSqlScript(offline, sql!)
    expect(await tables(offline)).toEqual(await tables(online))
  })

  it('renders the downgrade batch too, from the shape the upgrades left', async () => {
    await runUpgrade(project.script, 'head', runtimeOptions(offline.url))
    await runUpgrade(project.script, 'b2b2b2b2b2b2', runtimeOptions(online.url))
    const { sql } = await runUpgrade(project.script, 'base:head', { ...runtimeOptions(offline.url), sql: true })
    expect(sql).toBeDefined()
    const { runDowngrade } = await import('../../src/runtime/commands.js')
    const down = await runDowngrade(project.script, 'head:b2b2b2b2b2b2', { ...runtimeOptions(offline.url), sql: true })
    await runSqlScript(offline, down.sql!)
    expect(await tables(offline)).toEqual(await tables(online))
  })

  it('names the revision when no rendered revision made the table and no database has it', async () => {
    const error = await runUpgrade(project.script, 'b2b2b2b2b2b2:head', { ...runtimeOptions(offline.url), sql: true }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toContain('c3c3c3c3c3c3')
    expect((error as Error).message).toContain('batch mode on "account": the table\'s shape is unknown offline')
  })
})
