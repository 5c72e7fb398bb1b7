/**
 * The registry of op kinds: one line per kind, naming the class that holds
 * its data, SQL and reverse. Every surface that must know each kind — the
 * code renderer, the batch renderer, the diff a change reports, the data a
 * change loses — is a table typed from this registry, so adding a kind here
 * without adding it to each of them is a compile error, not a silent
 * fallback at run time (Kysely's `Record<OperationNodeKind, …>` visitors).
 */
import type { CheckConstraint, ExclusionConstraint, ForeignKeyConstraint, PrimaryKeyConstraint, UniqueConstraint } from '../../schema/constraints.js'
import type { BatchAlterTableOp } from './batch-ops.js'
import type { AddColumnOp, AlterColumnOp, DropColumnOp } from './column-ops.js'
import type { AddConstraintOp, DropConstraintOp, ValidateConstraintOp } from './constraint-ops.js'
import type { BackfillColumnOp, BulkInsertOp, ExecuteOp } from './data-ops.js'
import type { AddEnumValueOp, CreateEnumOp, DropEnumOp } from './enum-ops.js'
import type { CreateIndexOp, DropIndexOp } from './index-ops.js'
import type { CreateObjectOp, DropObjectOp, ReplaceObjectOp } from './object-ops.js'
import type { MigrateOperation, TableChangeOperation } from './migrate-operation.js'
import type { AlterTableStorageOp, CreateTableCommentOp, CreateTableOp, DropTableCommentOp, DropTableOp, RenameTableOp } from './table-ops.js'

/**
 * Each op kind (Alembic's name) and the class of its ops.
 *
 * @example
 * type Drop = OpsByKind['drop_column'] // DropColumnOp
 */
export interface OpsByKind {
  create_table: CreateTableOp
  drop_table: DropTableOp
  rename_table: RenameTableOp
  create_table_comment: CreateTableCommentOp
  drop_table_comment: DropTableCommentOp
  alter_table_storage: AlterTableStorageOp
  add_column: AddColumnOp
  drop_column: DropColumnOp
  alter_column: AlterColumnOp
  create_index: CreateIndexOp
  drop_index: DropIndexOp
  create_primary_key: AddConstraintOp<PrimaryKeyConstraint>
  create_unique_constraint: AddConstraintOp<UniqueConstraint>
  create_check_constraint: AddConstraintOp<CheckConstraint>
  create_foreign_key: AddConstraintOp<ForeignKeyConstraint>
  create_exclude_constraint: AddConstraintOp<ExclusionConstraint>
  drop_constraint: DropConstraintOp
  validate_constraint: ValidateConstraintOp
  create_enum: CreateEnumOp
  drop_enum: DropEnumOp
  add_enum_value: AddEnumValueOp
  create_object: CreateObjectOp
  replace_object: ReplaceObjectOp
  drop_object: DropObjectOp
  bulk_insert: BulkInsertOp
  execute: ExecuteOp
  backfill_column: BackfillColumnOp
  batch_alter_table: BatchAlterTableOp
}

/** Every op kind: `'add_column' | 'drop_column' | …`. */
export type OpKind = keyof OpsByKind

/** Any op athanor defines. */
export type AnyOp = OpsByKind[OpKind]

/** The kinds whose ops change one table, which a batch (`op.batchAlterTable`) can hold. */
export type TableChangeOpKind = { [K in OpKind]: OpsByKind[K] extends TableChangeOperation ? K : never }[OpKind]

/** An op a batch can hold. */
export type TableChangeOp = OpsByKind[TableChangeOpKind]

/**
 * A table with one entry for each kind in `Kinds`, each taking that kind's
 * op: the shape of every per-kind surface.
 *
 * @example
 * const describe: KindTable<OpKind, [], string> = { add_column: (op) => op.column.name, … }
 */
export type KindTable<Kinds extends OpKind, Args extends unknown[], Result> = {
  readonly [K in Kinds]: (op: OpsByKind[K], ...args: Args) => Result
}

/**
 * Calls the entry of `table` for `op`'s kind. The one cast lives here:
 * TypeScript cannot see that `op.kind` picks the entry taking `op`.
 *
 * @example
 * byKind(renderers, op, tracker)
 */
export function byKind<Kinds extends OpKind, Args extends unknown[], Result>(
  table: KindTable<Kinds, Args, Result>,
  op: OpsByKind[Kinds],
  ...args: Args
): Result {
  const entry = table[op.kind as Kinds] as (op: OpsByKind[Kinds], ...args: Args) => Result
  return entry(op, ...args)
}

// Each registry entry's own `kind` must be its key, or `byKind` would pick the wrong entry.
type KindsMatchKeys = { [K in OpKind]: [OpsByKind[K]['kind']] extends [K] ? ([K] extends [OpsByKind[K]['kind']] ? true : false) : false }
type EveryEntryIsAnOp = OpsByKind[OpKind] extends MigrateOperation ? true : false
type Assert<T extends true> = T
/** Compile-time checks of the registry: this alias fails to compile when an entry's kind is not its key. */
export type RegistryIsSound = Assert<KindsMatchKeys[OpKind] extends true ? EveryEntryIsAnOp : false>
