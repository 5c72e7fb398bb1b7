/**
 * Reflection's cost does not grow with the number of tables: the same
 * catalog queries read 5 tables or 50. Filters apply before reading.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { reflect } from '../../src/dialect/reflector.js'
import type { DatabaseConnection } from '../../src/dialect/dialect.js'
import { index } from '../../src/schema/constraints.js'
import { t } from '../../src/schema/t.js'
import { connectionExecutor, operationsOn } from '../operations/executors.js'
import { ALL_DATABASES, createTestDatabase, type TestDatabase } from '../support/databases.js'

/** Creates tables `item_<from>` … `item_<to - 1>`, each with an index and a foreign key to the one before. */
async function createItems(conn: DatabaseConnection, from: number, to: number): Promise<void> {
  const op = operationsOn(connectionExecutor(conn))
  for (let i = from; i < to; i++) {
    await op.createTable(
      `item_${i}`,
      {
        id: t.integer().primaryKey(),
        label: t.string(40).notNull(),
        parent_id: i === 0 ? t.integer() : t.integer().references(`item_${i - 1}.id`),
      },
      { indexes: (c) => [index(`ix_item_${i}_label`).on(c.label!)] },
    )
  }
}

describe.each(ALL_DATABASES)('reflection cost on %s', (kind) => {
  let db: TestDatabase
  let conn: DatabaseConnection
  beforeEach(async () => {
    db = await createTestDatabase(kind)
    conn = await db.connect()
  }, 30_000)
  afterEach(() => db.drop())

  it('sends the same number of queries for 5 tables as for 50', async () => {
    await createItems(conn, 0, 5)
    const five = await reflect(conn)
    await createItems(conn, 5, 50)
    const fifty = await reflect(conn)
    expect(five.tables).toHaveLength(5)
    expect(fifty.tables).toHaveLength(50)
    expect(fifty.queryCount).toBe(five.queryCount)
    expect(fifty.queryCount).toBeLessThanOrEqual(5)
  }, 120_000)

  it('reports as queryCount exactly the statements it sent', async () => {
    await createItems(conn, 0, 3)
    const before = conn.statementCount
    const reflected = await reflect(conn)
    expect(conn.statementCount - before).toBe(reflected.queryCount)
  }, 60_000)

  it('leaves out the tables includeName rejects, with their indexes and keys', async () => {
    await createItems(conn, 0, 4)
    const reflected = await reflect(conn, { includeName: (name, kind) => kind !== 'table' || name !== 'item_2' })
    expect(reflected.tables.map((t) => t.name)).toEqual(['item_0', 'item_1', 'item_3'])
    const item3 = reflected.tables.find((t) => t.name === 'item_3')!
    expect(item3.foreignKeys.map((fk) => fk.referredTable)).toEqual(['item_2'])
  }, 60_000)

  it('reads catalog rows only for the tables the filter lets through', async () => {
    await createItems(conn, 0, 20)
    const rowsPerQuery: number[] = []
    const query = conn.query.bind(conn)
    conn.query = (async (sql: string, params?: readonly unknown[]) => {
      const rows = await query(sql, params)
      rowsPerQuery.push(rows.length)
      return rows
    }) as DatabaseConnection['query']
    const everything = await reflect(conn)
    const unfilteredRows = rowsPerQuery.slice(1).reduce((a, b) => a + b, 0)
    rowsPerQuery.length = 0
    const one = await reflect(conn, { includeName: (name, kind) => kind !== 'table' || name === 'item_7' })
    const filteredRows = rowsPerQuery.slice(1).reduce((a, b) => a + b, 0)
    expect(everything.tables).toHaveLength(20)
    expect(one.tables.map((t) => t.name)).toEqual(['item_7'])
    // Only the first query lists names; the rest read item_7's 3 columns, key, index and foreign key.
    expect(filteredRows).toBeLessThanOrEqual(8)
    expect(unfilteredRows).toBeGreaterThan(20 * 3)
  }, 120_000)

  it('never returns the version table', async () => {
    await createItems(conn, 0, 1)
    const op = operationsOn(connectionExecutor(conn))
    await op.createTable('athanor_version', { version_num: t.string(32).notNull().primaryKey() })
    await op.createTable('my_versions', { version_num: t.string(32).notNull().primaryKey() })
    expect((await reflect(conn)).tables.map((t) => t.name)).toEqual(['item_0', 'my_versions'])
    expect((await reflect(conn, { versionTable: 'my_versions' })).tables.map((t) => t.name)).toEqual(['athanor_version', 'item_0'])
  }, 60_000)

  it('lists views apart from tables', async () => {
    await createItems(conn, 0, 1)
    await conn.execute(`CREATE VIEW item_names AS SELECT label FROM item_0`)
    const reflected = await reflect(conn)
    expect(reflected.tables.map((t) => t.name)).toEqual(['item_0'])
    expect(reflected.views).toEqual([{ schema: null, name: 'item_names', materialized: false }])
  }, 60_000)
})
