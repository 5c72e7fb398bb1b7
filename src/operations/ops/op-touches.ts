/**
 * What each op kind touches in the database: the tables and columns (and
 * named indexes or constraints) it creates, changes or removes. `check
 * --conflicts` compares these between branches. One entry per kind: a kind
 * without one does not compile.
 */
import type { TableName } from '../../dialect/ddl-compiler.js'
import type { Constraint } from '../../schema/constraints.js'
import type { SchemaObject } from '../../schema/objects/schema-object.js'
import type { MigrateOperation } from './migrate-operation.js'
import { byKind, type AnyOp, type KindTable, type OpKind } from './op-kinds.js'

/**
 * One thing an op touches: a table as a whole (`part` null: created,
 * dropped, renamed, commented) or one part of it, a column name or a named
 * index or constraint (`index:ix_name`, `constraint:fk_name`).
 */
export interface OpTouch {
  /** `schema.table` or `table`. */
  readonly table: string
  readonly part: string | null
}

const qualified = (table: TableName | { name: string; schema: string | null }): string => (table.schema ? `${table.schema}.${table.name}` : table.name)
const whole = (table: TableName): OpTouch[] => [{ table: qualified(table), part: null }]
const parts = (table: TableName, names: readonly (string | null)[]): OpTouch[] =>
  names.filter((name): name is string => name !== null).map((part) => ({ table: qualified(table), part }))

function constraintTouches(table: TableName, constraint: Constraint): OpTouch[] {
  const named = constraint.name === null ? [] : [`constraint:${constraint.name}`]
  const columns = 'columns' in constraint ? constraint.columns : []
  return parts(table, [...named, ...columns])
}

// A trigger or policy is a part of its table; any other object is a thing of its own, as an enum type is.
function objectTouches(object: SchemaObject): OpTouch[] {
  if (object.type === 'trigger' || object.type === 'policy') return parts({ name: object.table, schema: object.schema }, [`${object.type}:${object.name}`])
  return [{ table: `${object.type.replace('_', ' ')} ${object.schema ? `${object.schema}.` : ''}${object.name}`, part: null }]
}

const TOUCHES: KindTable<OpKind, [], OpTouch[]> = {
  create_table: (o) => whole({ name: o.table.name, schema: o.table.schema }),
  drop_table: (o) => whole(o.table),
  rename_table: (o) => [...whole(o.table), ...whole({ name: o.newName, schema: o.table.schema })],
  create_table_comment: (o) => whole(o.table),
  drop_table_comment: (o) => whole(o.table),
  alter_table_storage: (o) => whole(o.table),
  add_column: (o) => parts(o.table, [o.column.name]),
  drop_column: (o) => parts(o.table, [o.column]),
  alter_column: (o) => parts(o.table, [o.alteration.column, o.alteration.newName ?? null]),
  create_index: (o) => parts(o.table, [`index:${o.index.name}`, ...o.index.expressions.filter((e): e is string => typeof e === 'string')]),
  drop_index: (o) => parts(o.table, [`index:${o.name}`]),
  create_primary_key: (o) => constraintTouches(o.table, o.constraint),
  create_unique_constraint: (o) => constraintTouches(o.table, o.constraint),
  create_check_constraint: (o) => constraintTouches(o.table, o.constraint),
  create_exclude_constraint: (o) => constraintTouches(o.table, o.constraint),
  create_foreign_key: (o) => constraintTouches(o.table, o.constraint),
  drop_constraint: (o) => parts(o.table, [`constraint:${o.name}`]),
  validate_constraint: (o) => parts(o.table, [`constraint:${o.name}`]),
  // Enum types are not tables; a type both branches change is named as one.
  create_enum: (o) => [{ table: `type ${o.schema ? `${o.schema}.` : ''}${o.name}`, part: null }],
  drop_enum: (o) => [{ table: `type ${o.schema ? `${o.schema}.` : ''}${o.name}`, part: null }],
  add_enum_value: (o) => [{ table: `type ${o.schema ? `${o.schema}.` : ''}${o.name}`, part: o.value }],
  create_object: (o) => objectTouches(o.object),
  replace_object: (o) => objectTouches(o.object),
  drop_object: (o) => objectTouches(o.object),
  bulk_insert: (o) => parts({ name: o.table.name, schema: o.table.schema }, o.table.columnList.map((c) => c.name)),
  // Raw SQL says nothing athanor can read: see touchesOf's `unknown`.
  execute: () => [],
  backfill_column: (o) => parts(o.table, [o.from, o.to]),
  batch_alter_table: (o) => o.ops.flatMap((inner) => byKind(TOUCHES, inner)),
}

/**
 * What an op touches; `known` is false for raw SQL (`op.execute`) and for
 * op kinds athanor does not define, whose effect cannot be read.
 *
 * @example
 * touchesOf(new DropColumnOp({ name: 'users', schema: null }, 'bio')) // { touches: [{ table: 'users', part: 'bio' }], known: true }
 */
export function touchesOf(op: MigrateOperation): { touches: OpTouch[]; known: boolean } {
  if (!Object.hasOwn(TOUCHES, op.kind) || op.kind === 'execute') return { touches: [], known: false }
  return { touches: byKind(TOUCHES, op as AnyOp), known: true }
}
