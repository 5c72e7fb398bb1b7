/**
 * The schema vocabulary: types, columns, tables, constraints, indexes,
 * MetaData and `sql` fragments. Models, ops, reflection and autogenerate all
 * speak it.
 *
 * @example
 * import { table, t, sql, MetaData } from 'athanor'
 */
export { t } from './t.js'
export { sql, renderSql, sqlText, isSqlFragment, type SqlFragment, type SqlPart, type SqlRenderer } from './sql.js'
export { sameType, enumTypesOf, freezeType, type SqlType, type SqlTypeKind } from './types.js'
export {
  ColumnBuilder,
  isColumn,
  toColumn,
  typeOf,
  resolveTarget,
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
  foreignKey,
  primaryKey,
  columnName,
  IndexBuilder,
  type CheckConstraint,
  type ColumnRef,
  type Constraint,
  type ConstraintSpec,
  type ForeignKeyConstraint,
  type Index,
  type IndexSpec,
  type PrimaryKeyConstraint,
  type UniqueConstraint,
} from './constraints.js'
export { table, Table, type TableDefinition, type TableOptions, type TableParts } from './table.js'
export { MetaData } from './metadata.js'
export { conventionName, DEFAULT_NAMING_CONVENTION, type NamingContext, type NamingConvention } from './naming-convention.js'
