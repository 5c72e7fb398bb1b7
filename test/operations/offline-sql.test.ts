import { describe, expect, it } from 'vitest'
import type { DatabaseConnection } from '../../src/dialect/dialect.js'
import type { Operations } from '../../src/operations/operations.js'
import { sql } from '../../src/schema/sql.js'
import { t } from '../../src/schema/t.js'
import { table } from '../../src/schema/table.js'
import { ALL_DATABASES, type TestDatabaseKind } from '../support/databases.js'
import { freshDatabaseEachTest } from '../support/fresh-database.js'
import { readTable } from './catalog.js'
import { operationsOn, recordingExecutor } from './executors.js'

/**
 * One upgrade touching every op, written offline. On SQLite, the changes
 * ALTER cannot make are batches given the table's shape (`copyFrom`), as
 * Alembic requires in --sql mode; elsewhere the same batches are plain ALTERs.
 */
async function upgrade(op: Operations, kind: TestDatabaseKind) {
  const isPostgres = kind === 'postgres' || kind === 'pglite'
  await op.createEnum('priority', ['low', 'high'])
  await op.addEnumValue('priority', 'mid', { after: 'low' })
  const account = await op.createTable(
    'account',
    {
      id: t.integer().primaryKey().autoincrement(),
      name: t.string(50).notNull(),
      note: t.text(),
      score: t.integer().serverDefault(0),
      mood: t.enum('mood', ['ok', "it's"]),
    },
    { comment: "people's accounts" },
  )
  const tag = await op.createTable('tag', { id: t.integer().primaryKey(), accountId: t.integer().name('account_id'), label: t.string(20) })
  await op.createTable('log', { id: t.integer().notNull(), n: t.integer() })
  await op.batchAlterTable(
    'account',
    (b) => {
      b.alterColumn('name', { type: t.string(100), existingType: t.string(50), existingNullable: false })
      b.alterColumn('score', { nullable: false, serverDefault: 1, existingType: t.integer(), existingServerDefault: 0, existingNullable: true })
      b.createUniqueConstraint('uq_account_name', ['name'])
      b.createCheckConstraint('ck_account_score', sql`score >= 0`)
      b.dropColumn('note')
    },
    { copyFrom: account },
  )
  await op.batchAlterTable('tag', (b) => b.createForeignKey('fk_tag_account', 'account', ['account_id'], ['id'], { onDelete: 'cascade' }), { copyFrom: tag })
  await op.batchAlterTable('log', (b) => b.createPrimaryKey('pk_log', ['id']), { copyFrom: table('log', { id: t.integer().notNull(), n: t.integer() }) })
  await op.addColumn('account', 'last_login', t.datetime({ timezone: true }))
  await op.alterColumn('account', 'mood', { newName: 'feeling', existingType: t.enum('mood', ['ok', "it's"]), existingNullable: true })
  await op.alterColumn('account', 'name', { comment: 'display name', existingType: t.string(100), existingNullable: false })
  await op.createIndex('ix_account_last_login', 'account', ['last_login'])
  if (kind !== 'mysql') await op.createIndex('ix_account_lower_name', 'account', [sql`lower(name)`], { unique: true, where: sql`name <> ''` })
  await op.createTableComment('account', 'accounts', { existingComment: "people's accounts" })
  await op.bulkInsert(table('account', { id: t.integer(), name: t.string(100), feeling: t.enum('mood', ['ok', "it's"]) }), [
    { id: 1, name: "o'hara\\n", feeling: "it's" },
    { id: 2, name: '名前', feeling: 'ok' },
  ])
  await op.execute(sql`UPDATE ${sql.identifier('account')} SET score = ${op.inlineLiteral(7)} WHERE name = ${op.inlineLiteral('名前')}`)
  await op.renameTable('log', 'journal')
  await op.dropIndex('ix_account_last_login', 'account')
  await op.dropTableComment('account')
  if (isPostgres) await op.dropEnum('priority')
  await op.createTable('scratch', { id: t.integer().primaryKey() })
  await op.dropTable('scratch')
}

describe.each(ALL_DATABASES)('offline SQL on %s', (kind) => {
  let conn: DatabaseConnection
  freshDatabaseEachTest(kind, (opened) => {
    conn = opened
  })

  it('every op compiles to statements the database accepts as written', async () => {
    const recorder = recordingExecutor(conn.dialect)
    const op = operationsOn(recorder)
    await upgrade(op, kind)
    await op.drain()
    expect(recorder.statements.every((s) => s.params === undefined)).toBe(true)
    if (kind === 'sqlite') await conn.execute('PRAGMA foreign_keys = OFF') // as the sqlite3 shell runs a script
    for (const statement of recorder.statements) await conn.execute(statement.sql)

    const account = await readTable(conn, kind, 'account')
    expect(account.columns.map((c) => c.split(' ')[0])).toEqual(['id', 'name', 'score', 'feeling', 'last_login'])
    expect(account.comment).toBe(null)
    expect((await readTable(conn, kind, 'journal')).exists).toBe(true)
    expect((await readTable(conn, kind, 'scratch')).exists).toBe(false)
    const rows = await conn.query('SELECT id, name, score FROM account ORDER BY id')
    expect(rows.map((r) => [Number(r.id), r.name, Number(r.score)])).toEqual([
      [1, "o'hara\\n", 1],
      [2, '名前', 7],
    ])
    await expect(conn.execute(`INSERT INTO account (id, name, score) VALUES (3, 'x', -1)`)).rejects.toThrow()
  })
})
