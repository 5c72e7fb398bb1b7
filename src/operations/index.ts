/**
 * Operations: the `op` facade revisions receive, and the ops as data that
 * autogenerate emits and `op.run` executes.
 *
 * @example
 * import { Operations, AddColumnOp } from 'athanor'
 */
export { Operations, type CreateTableOptions, type SchemaOption } from './operations.js'
export { BatchOperations } from './batch-operations.js'
export type { MigrationContextInfo, OperationExecutor } from './executor.js'
export { isTableChangeOperation, tableName, type MigrateOperation, type TableChangeOperation } from './ops/migrate-operation.js'
export { Irreversible, IrreversibleError } from './ops/irreversible.js'
export type { AnyOp, OpKind, OpsByKind, TableChangeOp, TableChangeOpKind } from './ops/op-kinds.js'
export { CreateTableOp, DropTableOp, RenameTableOp, CreateTableCommentOp, DropTableCommentOp } from './ops/table-ops.js'
export { AddColumnOp, DropColumnOp, AlterColumnOp, type AlterColumnOptions, type TypeInput } from './ops/column-ops.js'
export { CreateIndexOp, DropIndexOp, type CreateIndexOptions } from './ops/index-ops.js'
export { AddConstraintOp, DropConstraintOp, type AddConstraintKind, type AddConstraintOpOf, type CreateForeignKeyOptions } from './ops/constraint-ops.js'
export { CreateEnumOp, DropEnumOp, AddEnumValueOp } from './ops/enum-ops.js'
export { BulkInsertOp, ExecuteOp } from './ops/data-ops.js'
export { BatchAlterTableOp, type RecreateMode } from './ops/batch-ops.js'
