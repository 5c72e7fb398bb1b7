/**
 * Operations as users meet them: the `op` facade revisions receive, its batch
 * form, and the ops as data that autogenerate emits and `op.run` executes.
 * This is the public part, re-exported by the package root (docs/api.md);
 * constructors and executors are imported from their own files.
 *
 * @example
 * import { Operations, AddColumnOp } from 'athanor'
 */
export { Operations, type CreateTableOptions, type SchemaOption } from './operations.js'
export { BatchOperations } from './batch-operations.js'
export type { MigrationContextInfo } from './executor.js'
export type { MigrateOperation } from './ops/migrate-operation.js'
export { Irreversible, IrreversibleError } from './ops/irreversible.js'
export { CreateTableOp, DropTableOp, RenameTableOp, CreateTableCommentOp, DropTableCommentOp } from './ops/table-ops.js'
export { AddColumnOp, DropColumnOp, AlterColumnOp, type AlterColumnOptions, type TypeInput } from './ops/column-ops.js'
export { CreateIndexOp, DropIndexOp, type CreateIndexOptions } from './ops/index-ops.js'
export { AddConstraintOp, DropConstraintOp, type CreateForeignKeyOptions } from './ops/constraint-ops.js'
export { CreateEnumOp, DropEnumOp, AddEnumValueOp } from './ops/enum-ops.js'
export { CreateObjectOp, ReplaceObjectOp, DropObjectOp } from './ops/object-ops.js'
export type { ReplaceObjectOptions, DropSchemaObjectOptions } from './object-operations.js'
export { BulkInsertOp, ExecuteOp } from './ops/data-ops.js'
export { BatchAlterTableOp, type RecreateMode } from './ops/batch-ops.js'
