import { describe, expect, it } from 'vitest'
import { postgresDialect } from '../../src/dialect/postgres/postgres-dialect.js'
import { sqliteDialect } from '../../src/dialect/sqlite/sqlite-dialect.js'
import { t } from '../../src/schema/t.js'
import { operationsOn, recordingExecutor } from './executors.js'

describe('op calls run in call order, awaited or not', () => {
  it('queues createTable, batchAlterTable with a synchronous callback and later ops in the order called', async () => {
    const recorder = recordingExecutor(postgresDialect)
    const op = operationsOn(recorder)
    void op.createTable('a', { id: t.integer().primaryKey() })
    void op.batchAlterTable('a', (b) => b.addColumn('x', t.integer()))
    void op.addColumn('a', 'y', t.integer())
    void op.execute('SELECT 1')
    await op.drain()
    expect(recorder.statements.map((s) => s.sql.split('\n')[0])).toEqual([
      'CREATE TABLE "a" (',
      'ALTER TABLE "a" ADD COLUMN "x" INTEGER',
      'ALTER TABLE "a" ADD COLUMN "y" INTEGER',
      'SELECT 1',
    ])
  })

  it('stops after a failing op and rethrows its error from drain', async () => {
    const recorder = recordingExecutor(sqliteDialect)
    const op = operationsOn(recorder)
    const failing = op.dropColumn('a', 'x') // offline SQLite without a shape: refused
    const after = op.execute('SELECT 2')
    await expect(failing).rejects.toThrow(/copyFrom|shape/)
    await expect(after).rejects.toThrow(/copyFrom|shape/)
    await expect(op.drain()).rejects.toThrow(/copyFrom|shape/)
    expect(recorder.statements).toEqual([])
  })

  it('resolves createTable to the table it created, ready for bulkInsert', async () => {
    const op = operationsOn(recordingExecutor(sqliteDialect))
    const created = await op.createTable('seed', { id: t.integer().primaryKey(), name: t.text() })
    expect(created.columnList.map((c) => c.name)).toEqual(['id', 'name'])
  })
})
