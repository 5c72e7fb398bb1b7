/**
 * On a database that rebuilds tables to alter them (SQLite), one table's
 * changes are written as one `op.batchAlterTable` (Alembic's
 * `render_as_batch`), so they cost one move-and-copy instead of one each.
 */
import type { TableName } from '../dialect/ddl-compiler.js'
import { BatchAlterTableOp } from '../operations/ops/batch-ops.js'
import { isTableChangeOperation } from '../operations/ops/migrate-operation.js'
import type { TableChangeOp } from '../operations/ops/op-kinds.js'
import type { PlannedChange } from './schema-diff.js'

type BatchableChange = PlannedChange & { readonly op: TableChangeOp }

/** True for a change `op.batchAlterTable`'s `b` can express: every change to one table. */
function batchable(change: PlannedChange): change is BatchableChange {
  return isTableChangeOperation(change.op)
}

/**
 * Groups the batchable changes of one table into one batch, placed where
 * the first of them was; others keep their places. Fewer than two
 * batchable changes stay as they are.
 *
 * @example
 * groupIntoBatch({ name: 'users', schema: null }, changes) // [{ op: BatchAlterTableOp, inner: changes }]
 */
export function groupIntoBatch(table: TableName, changes: readonly PlannedChange[]): PlannedChange[] {
  const inner = changes.filter(batchable)
  if (inner.length < 2) return [...changes]
  const batch: PlannedChange = {
    op: new BatchAlterTableOp(table, inner.map((c) => c.op)),
    diffs: inner.flatMap((c) => c.diffs),
    inner,
  }
  const first = changes.indexOf(inner[0]!)
  return [...changes.slice(0, first).filter((c) => !batchable(c)), batch, ...changes.slice(first).filter((c) => !batchable(c))]
}
