import { describe, expect, it } from 'vitest'
import type { DatabaseConnection } from '../../src/dialect/dialect.js'
import type { Operations } from '../../src/operations/operations.js'
import { AddColumnOp, AlterColumnOp, DropColumnOp } from '../../src/operations/ops/column-ops.js'
import { AddConstraintOp } from '../../src/operations/ops/constraint-ops.js'
import { CreateEnumOp } from '../../src/operations/ops/enum-ops.js'
import { CreateIndexOp } from '../../src/operations/ops/index-ops.js'
import { tableName, type MigrateOperation } from '../../src/operations/ops/migrate-operation.js'
import { CreateTableCommentOp, CreateTableOp, RenameTableOp } from '../../src/operations/ops/table-ops.js'
import { check, index } from '../../src/schema/constraints.js'
import { sql } from '../../src/schema/sql.js'
import { t } from '../../src/schema/t.js'
import { table } from '../../src/schema/table.js'
import { ALL_DATABASES, type TestDatabaseKind } from '../support/databases.js'
import { freshDatabaseEachTest } from '../support/fresh-database.js'
import { enumTypes, readTable, type TableCatalog } from './catalog.js'
import { connectionExecutor, operationsOn } from './executors.js'

const account = tableName('account')

interface Scenario {
  readonly name: string
  /** The table whose catalog the op changes. */
  readonly table: string
  readonly op: () => MigrateOperation
  /** Databases where the op legitimately changes nothing visible (SQLite has no comments). */
  readonly invisibleOn?: readonly TestDatabaseKind[]
  readonly skipOn?: readonly TestDatabaseKind[]
}

const scenarios: Scenario[] = [
  { name: 'add_column (nullable)', table: 'account', op: () => AddColumnOp.of(account, 'last_login', t.datetime({ timezone: true })) },
  { name: 'add_column (NOT NULL with a default)', table: 'account', op: () => AddColumnOp.of(account, 'active', t.boolean().notNull().serverDefault(true)) },
  { name: 'add_column (with a foreign key)', table: 'tag', op: () => AddColumnOp.of(tableName('tag'), 'owner_id', t.integer().references('account.id', { name: 'fk_tag_owner', onDelete: 'set null' })) },
  {
    name: 'add_column (unique, index and a foreign key, all unnamed)',
    table: 'tag',
    op: () => AddColumnOp.of(tableName('tag'), 'ref_id', t.integer().unique().index().references('account.id')),
  },
  { name: 'drop_column', table: 'account', op: () => DropColumnOp.of(account, 'note', { existing: t.text() }) },
  { name: 'drop_column (indexed, on a table with a check)', table: 'tag', op: () => DropColumnOp.of(tableName('tag'), 'label', { existing: t.string(20).index() }) },
  {
    name: 'alter_column type',
    table: 'account',
    op: () => AlterColumnOp.of(account, 'name', { type: t.string(100), existingType: t.string(50), existingNullable: false }),
  },
  {
    name: 'alter_column nullable',
    table: 'account',
    op: () => AlterColumnOp.of(account, 'name', { nullable: true, existingNullable: false, existingType: t.string(50) }),
  },
  {
    name: 'alter_column server default',
    table: 'account',
    op: () => AlterColumnOp.of(account, 'score', { serverDefault: 5, existingServerDefault: 0, existingType: t.integer(), existingNullable: true }),
  },
  {
    name: 'alter_column rename',
    table: 'account',
    op: () => AlterColumnOp.of(account, 'note', { newName: 'remark', existingType: t.text(), existingNullable: true }),
  },
  {
    name: 'alter_column comment',
    table: 'account',
    invisibleOn: ['sqlite'],
    op: () => AlterColumnOp.of(account, 'name', { comment: "who's this", existingComment: null, existingType: t.string(50), existingNullable: false }),
  },
  { name: 'create_index', table: 'account', op: () => CreateIndexOp.of('ix_account_name', account, ['name']) },
  {
    name: 'create_index (unique, partial)',
    table: 'account',
    skipOn: ['mysql'],
    op: () => CreateIndexOp.of('ix_account_score', account, ['score'], { unique: true, where: sql`score > 0` }),
  },
  { name: 'create_index (expression)', table: 'account', skipOn: ['mysql'], op: () => CreateIndexOp.of('ix_account_lower', account, [sql`lower(name)`]) },
  { name: 'create_unique_constraint', table: 'account', op: () => AddConstraintOp.of(account, { kind: 'unique', name: 'uq_account_name', columns: ['name'] }) },
  {
    name: 'create_check_constraint',
    table: 'account',
    op: () => AddConstraintOp.of(account, { kind: 'check', name: 'ck_account_score', expression: sql`score >= 0` }),
  },
  {
    name: 'create_foreign_key',
    table: 'tag',
    op: () => AddConstraintOp.foreignKey('fk_tag_account', 'tag', 'account', ['account_id'], ['id'], { onDelete: 'cascade' }),
  },
  { name: 'create_primary_key', table: 'log', op: () => AddConstraintOp.of(tableName('log'), { kind: 'primaryKey', name: 'pk_log', columns: ['id'] }) },
  { name: 'create_table_comment', table: 'account', invisibleOn: ['sqlite'], op: () => new CreateTableCommentOp(account, "people's accounts") },
  { name: 'rename_table', table: 'log', op: () => new RenameTableOp(tableName('log'), 'journal') },
  {
    name: 'create_table (enum, check, unique, index, foreign key, comment)',
    table: 'thing',
    op: () =>
      new CreateTableOp(
        table(
          'thing',
          {
            id: t.integer().primaryKey().autoincrement(),
            accountId: t.integer().name('account_id').notNull().references('account.id', { onDelete: 'cascade' }),
            mood: t.enum('mood', ['ok', "it's"]).notNull().serverDefault('ok'),
            code: t.string(10).unique(),
            at: t.datetime().serverDefault(sql`CURRENT_TIMESTAMP`).comment('created'),
          },
          { comment: 'things', indexes: () => [index('ix_thing_code').on('code', 'mood')], constraints: () => [check('ck_thing_code', sql`code <> ''`)] },
        ),
      ),
  },
]

describe.each(ALL_DATABASES)('every op applied and reversed on %s', (kind) => {
  let conn: DatabaseConnection
  let op: Operations

  freshDatabaseEachTest(kind, async (opened) => {
    conn = opened
    op = operationsOn(connectionExecutor(conn))
    await op.createTable('account', {
      id: t.integer().primaryKey(),
      name: t.string(50).notNull(),
      note: t.text(),
      score: t.integer().serverDefault(0),
    })
    await op.createTable('orders', { id: t.integer().primaryKey(), accountId: t.integer().name('account_id').references('account.id', { onDelete: 'cascade' }) })
    await op.createTable(
      'tag',
      { id: t.integer().primaryKey(), accountId: t.integer().name('account_id'), label: t.string(20).index() },
      { constraints: () => [check('ck_tag_id', sql`id > 0`)] },
    )
    await op.createTable('log', { id: t.integer().notNull(), n: t.integer() })
    await op.execute(`INSERT INTO account (id, name, note) VALUES (1, 'a', 'x'), (2, 'b', NULL)`)
    await op.execute(`INSERT INTO orders (id, account_id) VALUES (1, 1), (2, 2)`)
    await op.execute(`INSERT INTO tag (id, account_id, label) VALUES (1, 1, 'l')`)
  })

  const sorted = (c: TableCatalog) => ({ ...c, columns: [...c.columns].sort() })

  // PGlite starts an embedded Postgres per test: a smoke subset keeps the suite quick, the server covers the rest.
  const pgliteSmoke = ['add_column (nullable)', 'alter_column type', 'create_index', 'create_check_constraint', 'create_table (enum, check, unique, index, foreign key, comment)']
  for (const scenario of scenarios) {
    const skipped = scenario.skipOn?.includes(kind) || (kind === 'pglite' && !pgliteSmoke.includes(scenario.name))
    it.skipIf(skipped)(`${scenario.name}: changes the catalog, and reverse() restores it`, async () => {
      const before = await readTable(conn, kind, scenario.table)
      const enumsBefore = await enumTypes(conn, kind)
      const forward = scenario.op()
      await op.run(forward)
      const after = await readTable(conn, kind, scenario.table)
      if (scenario.invisibleOn?.includes(kind)) expect(after).toEqual(before)
      else expect(after).not.toEqual(before)
      await op.run(forward.reverse())
      await op.drain()
      expect(sorted(await readTable(conn, kind, scenario.table))).toEqual(sorted(before))
      expect(await enumTypes(conn, kind)).toEqual(enumsBefore)
      const [{ n }] = (await conn.query('SELECT count(*) AS n FROM orders')) as [{ n: unknown }]
      expect(Number(n)).toBe(2) // no cascade fired, no row lost
    })
  }

  it('rolls an enum type with its table through drop and re-create without "already exists"', async () => {
    const create = scenarios.find((s) => s.name.startsWith('create_table ('))!.op()
    await op.run(create)
    await op.run(create.reverse())
    await op.run(create)
    expect(await enumTypes(conn, kind)).toEqual(kind === 'postgres' || kind === 'pglite' ? ['mood'] : [])
    await op.run(create.reverse())
    expect(await enumTypes(conn, kind)).toEqual([])
  })

  it('keeps an enum type another table still uses when one of them is dropped', async () => {
    await op.createTable('a1', { id: t.integer().primaryKey(), m: t.enum('shared_mood', ['x', 'y']) })
    await op.createTable('a2', { id: t.integer().primaryKey(), m: t.enum('shared_mood', ['x', 'y']) })
    await op.dropTable('a1')
    const expected = kind === 'postgres' || kind === 'pglite' ? ['shared_mood'] : []
    expect(await enumTypes(conn, kind)).toEqual(expected)
    await op.dropTable('a2')
    expect(await enumTypes(conn, kind)).toEqual([])
  })

  it.runIf(kind === 'postgres' || kind === 'pglite')('creates, extends and drops a named enum type explicitly', async () => {
    const create = new CreateEnumOp('color', ['red', 'green'])
    await op.run(create)
    await op.addEnumValue('color', 'blue', { after: 'red' })
    const rows = await conn.query(`SELECT unnest(enum_range(NULL::color))::text AS v`)
    expect(rows.map((r) => r.v)).toEqual(['red', 'blue', 'green'])
    await op.run(create.reverse())
    expect(await enumTypes(conn, kind)).toEqual([])
  })

  it.runIf(kind === 'postgres')('creates and drops an index CONCURRENTLY inside an autocommit block', async () => {
    await op.autocommitBlock(async () => {
      await op.createIndex('ix_account_note', 'account', ['note'], { concurrently: true })
    })
    expect((await readTable(conn, kind, 'account')).indexes.join('\n')).toContain('ix_account_note')
    await op.autocommitBlock(async () => {
      await op.dropIndex('ix_account_note', 'account', { concurrently: true })
    })
    expect((await readTable(conn, kind, 'account')).indexes.join('\n')).not.toContain('ix_account_note')
  })

  it('drops a missing table with ifExists and creates an existing index with ifNotExists without error', async () => {
    await op.dropTable('no_such_table', { ifExists: true })
    await op.createIndex('ix_account_name', 'account', ['name'])
    await op.createIndex('ix_account_name', 'account', ['name'], { ifNotExists: true })
    await op.dropIndex('ix_account_name', 'account', { ifExists: true })
    await op.dropIndex('ix_account_name', 'account', { ifExists: true })
    await op.drain()
    expect((await readTable(conn, kind, 'account')).indexes.some((i) => i.includes('ix_account_name'))).toBe(false)
  })

  it('changes a column type with USING on PostgreSQL, or plainly elsewhere', async () => {
    await op.alterColumn('account', 'score', {
      type: t.bigint(),
      existingType: t.integer(),
      existingNullable: true,
      existingServerDefault: 0,
      ...(kind === 'postgres' || kind === 'pglite' ? { using: sql`score::bigint` } : {}),
    })
    await op.drain()
    const columns = (await readTable(conn, kind, 'account')).columns
    expect(columns.find((c) => c.startsWith('score '))).toMatch(/bigint/i)
  })
})
