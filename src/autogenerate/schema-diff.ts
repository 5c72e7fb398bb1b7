/**
 * The data autogenerate produces: each difference found between the models
 * and the database, in Alembic's vocabulary, with the op that resolves it.
 */
import type { NotCarriedFact } from '../dialect/not-carried.js'
import type { AnyOp } from '../operations/ops/op-kinds.js'
import type { SchemaObjectType } from '../schema/objects/schema-object.js'

/** A schema object that appeared, disappeared or changed its definition: `add_view`, `remove_trigger`, `modify_function`. */
export type ObjectDiffKind = `${'add' | 'remove' | 'modify'}_${SchemaObjectType}`

/** Alembic's names for what autogenerate can find (plus athanor's renames). */
export type DiffKind =
  | 'add_table'
  | 'remove_table'
  | 'rename_table'
  | 'add_column'
  | 'remove_column'
  | 'rename_column'
  | 'modify_nullable'
  | 'modify_type'
  | 'modify_default'
  | 'modify_comment'
  | 'add_index'
  | 'remove_index'
  | 'add_constraint'
  | 'remove_constraint'
  | 'add_fk'
  | 'remove_fk'
  | 'add_table_comment'
  | 'remove_table_comment'
  | 'add_enum_value'
  | ObjectDiffKind
  | 'modify_table_storage'

/**
 * One difference, as `check --json` and `compareMetadata()` report it.
 *
 * @example
 * { kind: 'add_column', table: 'users', column: 'last_login' }
 */
export interface SchemaDiff {
  readonly kind: DiffKind
  readonly table: string
  readonly schema?: string
  readonly column?: string
  readonly name?: string
  /** What changed, for people: `VARCHAR(50) -> VARCHAR(100)`. */
  readonly detail?: string
}

/**
 * One op autogenerate will write, with the differences it resolves (derived
 * from the op, see `diffsOf`) and any note the renderer puts above it (a
 * rename to review).
 */
export interface PlannedChange {
  readonly op: AnyOp
  readonly diffs: readonly SchemaDiff[]
  /** Written as a `// review:` comment above the op. */
  readonly review?: string
  /** Written inside `op.autocommitBlock`, as its undo is in the downgrade (an index built CONCURRENTLY). */
  readonly autocommit?: boolean
  /** For a batch of one table's changes (SQLite): the changes inside it, with their notes. */
  readonly inner?: readonly PlannedChange[]
}

/** A table or column that disappeared while one of the same shape appeared. */
export interface RenameCandidate {
  readonly kind: 'table' | 'column'
  readonly table: string
  readonly schema: string | null
  /** For a column rename, the column's old name; for a table, the table's old name. */
  readonly from: string
  readonly to: string
}

/** What was decided about a rename candidate. */
export type RenameDecision = 'rename' | 'drop-add' | 'review'

/** A step that loses data, listed in the command's result. */
export interface DataLoss {
  readonly table: string
  readonly column?: string
  readonly what: string
}

/** What a comparison found: the ops in the order they must run, and the differences. */
export interface Comparison {
  readonly changes: readonly PlannedChange[]
  readonly diffs: readonly SchemaDiff[]
  readonly renames: readonly (RenameCandidate & { readonly decision: RenameDecision })[]
  /** Facts of the compared database tables that the models cannot state, so no revision re-creates them. */
  readonly notCarried: readonly NotCarriedFact[]
}
