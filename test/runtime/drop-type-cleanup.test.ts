import { describe, expect, it } from 'vitest'
import type { DatabaseConnection, SqlStatement } from '../../src/dialect/dialect.js'
import type { OperationExecutor } from '../../src/operations/executor.js'
import { DropColumnOp } from '../../src/operations/ops/column-ops.js'
import { tableName } from '../../src/operations/ops/migrate-operation.js'
import { DropTableOp } from '../../src/operations/ops/table-ops.js'
import { OnlineExecutor } from '../../src/runtime/online-executor.js'
import { freshDatabaseEachTest } from '../support/fresh-database.js'
import { enumTypes } from '../operations/catalog.js'

/** The online executor a run uses, with every statement it is handed recorded. */
async function recordingOnline(conn: DatabaseConnection): Promise<OperationExecutor & { sent: string[]; begin(): Promise<void>; commit(): Promise<void> }> {
  const lock = await conn.dialect.runtime.acquireLock(conn, { name: 'athanor_version', timeoutMs: 5_000 })
  const online = new OnlineExecutor(conn, lock)
  const sent: string[] = []
  return {
    dialect: conn.dialect,
    offline: false,
    connection: conn,
    sent,
    run: (s: SqlStatement) => (sent.push(s.sql), online.run(s)),
    query: (s: SqlStatement) => (sent.push(s.sql), online.query(s)),
    autocommit: (fn) => online.autocommit(fn),
    needsTypeCleanup: (table, column) => online.needsTypeCleanup(table, column),
    begin: () => online.begin(),
    commit: () => online.commit(),
  }
}

describe.each(['postgres', 'pglite'] as const)('drops of columns and tables on %s', (kind) => {
  let conn: DatabaseConnection
  freshDatabaseEachTest(kind, async (opened) => {
    conn = opened
    await conn.execute(`CREATE TYPE mood AS ENUM ('ok', 'bad')`)
    await conn.execute(`CREATE TABLE plain (id INTEGER, a TEXT, b INTEGER)`)
    await conn.execute(`CREATE TABLE moody (id INTEGER, m mood, ms mood[], a TEXT)`)
  })

  it('sends plain ALTER TABLE … DROP COLUMN and DROP TABLE when no enum is involved, reading the catalog once', async () => {
    const executor = await recordingOnline(conn)
    await executor.begin()
    const before = conn.statementCount
    await new DropColumnOp(tableName('plain'), 'a').run(executor)
    await new DropColumnOp(tableName('moody'), 'a').run(executor)
    await new DropColumnOp(tableName('plain'), 'b').run(executor)
    await executor.commit()
    await executor.begin()
    await new DropTableOp(tableName('plain')).run(executor)
    const afterDrops = conn.statementCount
    await executor.commit()
    const transactionControl = 2 // the COMMIT and the BEGIN between the two transactions
    expect(afterDrops - before - transactionControl).toBe(4 + 1) // four drops, one catalog query
    expect(executor.sent).toEqual(['ALTER TABLE "plain" DROP COLUMN "a"', 'ALTER TABLE "moody" DROP COLUMN "a"', 'ALTER TABLE "plain" DROP COLUMN "b"', 'DROP TABLE "plain"'])
    expect(await enumTypes(conn, kind)).toEqual(['mood'])
  })

  it('still cleans up the enum type when the dropped column or table used the last of it', async () => {
    const executor = await recordingOnline(conn)
    await executor.begin()
    await new DropColumnOp(tableName('moody'), 'm').run(executor)
    expect(executor.sent.at(-1)).toMatch(/^DO /)
    expect(await enumTypes(conn, kind)).toEqual(['mood']) // moody.ms still uses it
    await new DropTableOp(tableName('moody')).run(executor)
    expect(executor.sent.at(-1)).toMatch(/^DO /)
    await executor.commit()
    expect(await enumTypes(conn, kind)).toEqual([])
  })

  it('reads the catalog again after a statement that may add an enum column', async () => {
    const executor = await recordingOnline(conn)
    await executor.begin()
    await new DropColumnOp(tableName('plain'), 'a').run(executor)
    await executor.run({ sql: `ALTER TABLE plain ADD COLUMN m2 mood` })
    await new DropColumnOp(tableName('plain'), 'm2').run(executor)
    expect(executor.sent.at(-1)).toMatch(/^DO /)
    await new DropTableOp(tableName('moody')).run(executor)
    await executor.commit()
    expect(await enumTypes(conn, kind)).toEqual([])
  })

  it('reads the catalog again after a statement sent past the executor (op.connection)', async () => {
    const executor = await recordingOnline(conn)
    await executor.begin()
    await new DropColumnOp(tableName('plain'), 'a').run(executor)
    await conn.execute(`ALTER TABLE plain ADD COLUMN m3 mood`)
    await new DropColumnOp(tableName('plain'), 'm3').run(executor)
    expect(executor.sent.at(-1)).toMatch(/^DO /)
    await executor.commit()
  })
})
