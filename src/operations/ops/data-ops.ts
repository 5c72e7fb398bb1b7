import { UsageError } from '../../errors.js'
import type { SqlStatement } from '../../dialect/dialect.js'
import type { Column } from '../../schema/column.js'
import { isSqlFragment, renderSql, type SqlFragment } from '../../schema/sql.js'
import type { Table } from '../../schema/table.js'
import type { OperationExecutor } from '../executor.js'
import { Irreversible } from './irreversible.js'
import { checkParams, checkStorable } from '../storable-value.js'
import { runStatements, tableName, type MigrateOperation } from './migrate-operation.js'
import type { TableName } from '../../dialect/ddl-compiler.js'

/** Rows per INSERT in offline scripts: keeps statements readable and far below any length limit. */
const OFFLINE_ROWS_PER_STATEMENT = 1000

/**
 * Multi-row INSERTs of seed data into a table (Alembic's bulk_insert).
 * Online, values are bound parameters, and each statement carries as many
 * rows as the driver's parameter limit allows; offline they are literals.
 * Rows are keyed by column property key or database name. Consecutive rows
 * with the same keys share a statement; a column a row leaves out gets its
 * server default.
 */
export class BulkInsertOp implements MigrateOperation {
  readonly kind = 'bulk_insert'
  constructor(
    readonly table: Table,
    readonly rows: readonly Readonly<Record<string, unknown>>[],
  ) {
    Object.freeze(this)
  }

  #column(key: string): Column {
    const column = this.table.columns[key] ?? this.table.column(key)
    if (!column) throw new UsageError(`bulkInsert into "${this.table.name}": no column "${key}"`)
    return column
  }

  /** The statements this op runs with `executor`'s dialect and mode. */
  statements(executor: OperationExecutor): SqlStatement[] {
    const { compiler } = executor.dialect
    const target = tableName(this.table.name, this.table.schema)
    const out: SqlStatement[] = []
    let i = 0
    while (i < this.rows.length) {
      const keys = Object.keys(this.rows[i]!)
      const columns = keys.map((k) => this.#column(k))
      const perStatement = executor.offline
        ? OFFLINE_ROWS_PER_STATEMENT
        : Math.max(1, Math.floor(compiler.maxBindParameters / Math.max(1, columns.length)))
      const chunk: unknown[][] = []
      while (i < this.rows.length && chunk.length < perStatement && sameKeys(this.rows[i]!, keys)) {
        const row = this.rows[i]!
        const values = new Array<unknown>(keys.length)
        for (let k = 0; k < keys.length; k++) {
          const value = (values[k] = row[keys[k]!])
          // Every row is checked before the first statement runs: a bad value writes nothing.
          if (typeof value !== 'string' && value !== null) checkStorable(value, `bulkInsert into "${this.table.name}"`, `rows[${i}].${keys[k]!}`, columns[k]!.type)
        }
        chunk.push(values)
        i++
      }
      if (columns.length === 0) throw new UsageError(`bulkInsert into "${this.table.name}": a row has no values`)
      out.push(compiler.insert(target, columns, chunk, executor.offline))
    }
    return out
  }

  async run(executor: OperationExecutor): Promise<void> {
    await runStatements(executor, this.statements(executor))
  }
  reverse(): Irreversible {
    return new Irreversible(this.kind, 'inserted rows are not tracked')
  }
}

/** True when `row` has exactly `keys`, in any order (checked without building strings: this runs per row). */
function sameKeys(row: Readonly<Record<string, unknown>>, keys: readonly string[]): boolean {
  let n = 0
  for (const key in row) {
    if (!Object.hasOwn(row, key)) continue
    n++
    if (n > keys.length || !keys.includes(key)) return false
  }
  return n === keys.length
}

/** Runs SQL text or an `sql` fragment, with optional `?` parameters. */
export class ExecuteOp implements MigrateOperation {
  readonly kind = 'execute'
  constructor(
    readonly sql: string | SqlFragment,
    readonly params?: readonly unknown[],
  ) {
    Object.freeze(this)
  }
  async run(executor: OperationExecutor): Promise<void> {
    if (this.params !== undefined) checkParams(this.params, 'op.execute')
    const text = isSqlFragment(this.sql) ? renderSql(this.sql, executor.dialect) : this.sql
    await executor.run(this.params === undefined ? { sql: text } : { sql: text, params: this.params })
  }
  reverse(): Irreversible {
    return new Irreversible(this.kind, 'raw SQL has no known inverse')
  }
}

/** How {@link BackfillColumnOp} walks the table. */
export interface BackfillOptions {
  /** The integer key the batches are ranges of (default `id`). */
  readonly key: string
  /** Rows per batch (default 10,000). */
  readonly batchSize: number
}

/**
 * Copies one column into another where the target is still NULL, in
 * batches of key ranges (`key >= lo AND key < lo + batchSize`), each its own
 * statement: inside `op.autocommitBlock` each batch commits on its own, so
 * no lock is held on the whole table. Offline (`--sql`) it is one UPDATE,
 * since a script cannot read the key range. The expand step of an
 * expand/contract rename.
 */
export class BackfillColumnOp implements MigrateOperation {
  readonly kind = 'backfill_column'
  constructor(
    readonly table: TableName,
    readonly from: string,
    readonly to: string,
    readonly options: BackfillOptions = { key: 'id', batchSize: 10_000 },
  ) {
    Object.freeze(this)
  }
  async run(executor: OperationExecutor): Promise<void> {
    const d = executor.dialect
    const table = d.quoteQualified(this.table.name, this.table.schema)
    const [key, from, to] = [this.options.key, this.from, this.to].map((name) => d.quoteIdentifier(name))
    const copy = `UPDATE ${table} SET ${to} = ${from} WHERE ${to} IS NULL AND ${from} IS NOT NULL`
    if (executor.offline) return executor.run({ sql: copy })
    const [range] = await executor.query({ sql: `SELECT MIN(${key}) AS lo, MAX(${key}) AS hi FROM ${table}` })
    if (range?.['lo'] === null || range?.['lo'] === undefined) return
    const [lo, hi] = [Number(range['lo']), Number(range['hi'])]
    for (let start = lo; start <= hi; start += this.options.batchSize) {
      await executor.run({ sql: `${copy} AND ${key} >= ? AND ${key} < ?`, params: [start, start + this.options.batchSize] })
    }
  }
  /** The copy the other way: undoing a contract step re-adds the old column, and this fills it back. */
  reverse(): BackfillColumnOp {
    return new BackfillColumnOp(this.table, this.to, this.from, this.options)
  }
}
