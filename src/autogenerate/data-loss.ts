/** Which ops destroy data, so the result lists them and the file says so. */
import { AlterColumnOp, DropColumnOp } from '../operations/ops/column-ops.js'
import type { MigrateOperation } from '../operations/ops/migrate-operation.js'
import { DropTableOp } from '../operations/ops/table-ops.js'
import type { DataLoss } from './schema-diff.js'
import { isNarrowing } from './type-description.js'

/**
 * What data an op destroys: a dropped table's rows, a dropped column's
 * values, values that do not fit a narrower type. Null when it keeps data.
 *
 * @example
 * dataLossOf(new DropColumnOp({ name: 'users', schema: null }, 'bio'))
 * // { table: 'users', column: 'bio', what: 'drops column "bio" and its values' }
 */
export function dataLossOf(op: MigrateOperation): DataLoss | null {
  if (op instanceof DropTableOp) return { table: op.table.name, what: `drops table "${op.table.name}" and every row in it` }
  if (op instanceof DropColumnOp) return { table: op.table.name, column: op.column, what: `drops column "${op.column}" and its values` }
  if (op instanceof AlterColumnOp) {
    const a = op.alteration
    if (a.type !== undefined && a.existingType !== undefined && isNarrowing(a.existingType, a.type)) {
      return { table: op.table.name, column: a.column, what: `narrows the type of "${a.column}": values that do not fit are cut or rejected` }
    }
  }
  return null
}
