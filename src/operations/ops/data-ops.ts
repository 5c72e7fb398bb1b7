import { UsageError } from '../../errors.js'
import type { SqlStatement } from '../../dialect/dialect.js'
import type { Column } from '../../schema/column.js'
import { isSqlFragment, renderSql, type SqlFragment } from '../../schema/sql.js'
import type { Table } from '../../schema/table.js'
import type { OperationExecutor } from '../executor.js'
import { Irreversible } from './irreversible.js'
import { checkParams, checkStorable } from '../storable-value.js'
import { runStatements, tableName, type MigrateOperation } from './migrate-operation.js'

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
