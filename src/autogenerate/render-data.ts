/** Data ops as code: seed rows into an ad-hoc `table(…)`, and raw SQL. */
import type { BulkInsertOp, ExecuteOp } from '../operations/ops/data-ops.js'
import { isSqlFragment } from '../schema/sql.js'
import { opCall, opCallOpening, type Tracker } from './render-calls.js'
import { renderColumn, renderFragment, renderKey, renderString, renderValue } from './render-values.js'

/**
 * `await op.bulkInsert(table('t', { … }), [ …rows ])`, one row a line; the
 * ad-hoc table declares the columns by the keys the rows use.
 *
 * @example
 * renderBulkInsert(new BulkInsertOp(account, [{ id: 1 }]), r) // ["await op.bulkInsert(table('account', { id: t.integer() }), [", '  { id: 1 },', '])']
 */
export function renderBulkInsert(op: BulkInsertOp, r: Tracker): string[] {
  const target = op.table
  const columns = target.columnList.map((c) => `${renderKey(c.key)}: ${r.scan(renderColumn(c))}${c.name === c.key ? '' : `.name(${renderString(c.name)})`}`)
  const schema = target.schema ? `, { schema: ${renderString(target.schema)} }` : ''
  const table = r.use('table', `table(${renderString(target.name)}, { ${columns.join(', ')} }${schema})`)
  const rows = op.rows.map((row) => `  { ${Object.entries(row).map(([key, value]) => `${renderKey(key)}: ${r.scan(renderValue(value))}`).join(', ')} },`)
  return [opCallOpening('bulkInsert', [table], '['), ...rows, '])']
}

/**
 * `await op.execute(…)` with the SQL as text or as an `sql` template, and its parameters.
 *
 * @example
 * renderExecute(new ExecuteOp('UPDATE t SET a = ?', [1]), r) // "await op.execute('UPDATE t SET a = ?', [1])"
 */
export function renderExecute(op: ExecuteOp, r: Tracker): string {
  const statement = isSqlFragment(op.sql) ? r.scan(renderFragment(op.sql)) : renderString(op.sql)
  return opCall('execute', [statement, op.params === undefined ? undefined : r.scan(renderValue([...op.params]))])
}
