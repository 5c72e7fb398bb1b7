/**
 * The schema vocabulary as users write it: types, columns, tables,
 * constraints, indexes, MetaData and `sql` fragments. Models, ops, reflection
 * and autogenerate all speak it. This is the public part, re-exported by the
 * package root (docs/api.md); internals such as `toColumn` or `sqlText` are
 * imported from their own files.
 *
 * @example
 * import { table, t, sql, MetaData } from 'athanor'
 */
export { t } from './t.js'
export { sql, renderSql, type SqlFragment, type SqlPart, type SqlRenderer } from './sql.js'
export { sameType, type SqlType, type SqlTypeKind } from './types.js'
export {
  ColumnBuilder,
  type Column,
  type ColumnInput,
  type ColumnReference,
  type ColumnTarget,
  type ColumnThunk,
  type ForeignKeyOptions,
  type ReferentialAction,
  type ServerDefault,
} from './column.js'
export {
  index,
  unique,
  check,
  exclude,
  foreignKey,
  primaryKey,
  IndexBuilder,
  type CheckConstraint,
  type ColumnRef,
  type Constraint,
  type ConstraintSpec,
  type ExclusionConstraint,
  type ForeignKeyConstraint,
  type Index,
  type IndexSpec,
  type PrimaryKeyConstraint,
  type UniqueConstraint,
} from './constraints.js'
export { table, Table, type TableDefinition, type TableOptions, type TableParts } from './table.js'
export type { PartitionOf, TableStorage } from './table-storage.js'
export { MetaData } from './metadata.js'
export { DEFAULT_NAMING_CONVENTION, type NamingConvention } from './naming-convention.js'
export { view, materializedView, fn, trigger, extension, policy, type TriggerDefinition, type PolicyDefinition, type ObjectSchemaOption } from './objects/object-declarations.js'
export type { SchemaObject, SchemaObjectType, ViewObject, FunctionObject, TriggerObject, ExtensionObject, PolicyObject, PolicyCommand } from './objects/schema-object.js'
