/**
 * Which ops destroy data, so the result lists them and the file says so.
 * One entry per op kind: a new kind must say whether it loses data.
 */
import type { AlterColumnOp } from '../operations/ops/column-ops.js'
import type { AnyOp, OpKind, OpsByKind } from '../operations/ops/op-kinds.js'
import type { DataLoss } from './schema-diff.js'
import { isNarrowing } from './type-description.js'

/**
 * What data an op destroys: a dropped table's rows, a dropped column's
 * values, values that do not fit a narrower type. Null when it keeps data.
 * A batch's losses are its changes' (the renderer notes each one inside it).
 *
 * @example
 * dataLossOf(new DropColumnOp({ name: 'users', schema: null }, 'bio'))
 * // { table: 'users', column: 'bio', what: 'drops column "bio" and its values' }
 */
export function dataLossOf(op: AnyOp): DataLoss | null {
  const rule = LOSSES[op.kind] as ((op: AnyOp) => DataLoss | null) | null
  return rule === null ? null : rule(op)
}

const narrowing = (op: AlterColumnOp): DataLoss | null => {
  const a = op.alteration
  if (a.type === undefined || a.existingType === undefined || !isNarrowing(a.existingType, a.type)) return null
  return { table: op.table.name, column: a.column, what: `narrows the type of "${a.column}": values that do not fit are cut or rejected` }
}

// `null`: the kind keeps every row and value (or, for raw SQL and batches, says nothing itself).
const LOSSES: { readonly [K in OpKind]: ((op: OpsByKind[K]) => DataLoss | null) | null } = {
  drop_table: (op) => ({ table: op.table.name, what: `drops table "${op.table.name}" and every row in it` }),
  drop_column: (op) => ({ table: op.table.name, column: op.column, what: `drops column "${op.column}" and its values` }),
  alter_column: narrowing,
  create_table: null,
  rename_table: null,
  create_table_comment: null,
  drop_table_comment: null,
  alter_table_storage: null,
  add_column: null,
  create_index: null,
  drop_index: null,
  create_primary_key: null,
  create_unique_constraint: null,
  create_check_constraint: null,
  create_exclude_constraint: null,
  create_foreign_key: null,
  drop_constraint: null,
  validate_constraint: null,
  create_enum: null,
  drop_enum: null,
  add_enum_value: null,
  // A materialized view's rows are computed, and come back with it.
  create_object: null,
  replace_object: null,
  drop_object: null,
  bulk_insert: null,
  execute: null,
  backfill_column: null,
  batch_alter_table: null,
}
