import { describe, expect, it } from 'vitest'
import type { DatabaseConnection } from '../../src/dialect/dialect.js'
import { t } from '../../src/schema/t.js'
import { freshDatabaseEachTest } from '../support/fresh-database.js'
import { connectionExecutor, operationsOn } from './executors.js'

describe.each(['postgres', 'pglite'] as const)('ops on tables in a named schema on %s', (kind) => {
  let conn: DatabaseConnection
  freshDatabaseEachTest(kind, async (opened) => {
    conn = opened
    await conn.execute('CREATE SCHEMA "App Data"')
  })

  const columnsOf = async (table: string) =>
    (await conn.query(`SELECT column_name AS c FROM information_schema.columns WHERE table_schema = 'App Data' AND table_name = ? ORDER BY ordinal_position`, [table])).map((r) => r.c)

  it('creates, alters, indexes, references, renames and drops tables in that schema', async () => {
    const op = operationsOn(connectionExecutor(conn))
    const schema = 'App Data'
    await op.createTable('org', { id: t.integer().primaryKey() }, { schema, comment: 'orgs' })
    await op.createTable('member', { id: t.integer().primaryKey(), orgId: t.integer().name('org_id') }, { schema })
    await op.createForeignKey('fk_member_org', 'member', 'org', ['org_id'], ['id'], { sourceSchema: schema, referentSchema: schema, onDelete: 'cascade' })
    await op.addColumn('member', 'name', t.string(20), { schema })
    await op.alterColumn('member', 'name', { nullable: false, schema })
    await op.createIndex('ix_member_name', 'member', ['name'], { schema, unique: true })
    await op.renameTable('member', 'members', { schema })
    await op.drain()
    expect(await columnsOf('members')).toEqual(['id', 'org_id', 'name'])
    const [ix] = await conn.query(`SELECT indexdef FROM pg_indexes WHERE schemaname = 'App Data' AND indexname = 'ix_member_name'`)
    expect(String(ix?.indexdef)).toContain('"App Data".members')
    await op.dropIndex('ix_member_name', 'members', { schema })
    await op.dropConstraint('fk_member_org', 'members', { schema, type: 'foreignKey' })
    await op.dropTable('members', { schema })
    await op.dropTable('org', { schema })
    await op.drain()
    expect(await conn.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'App Data'`)).toEqual([])
  })
})
