import type { Column, ServerDefault } from '../schema/column.js'
import type { Constraint, Index } from '../schema/constraints.js'
import type { InlineConstraints } from '../schema/inline-constraints.js'
import type { SqlFragment } from '../schema/sql.js'
import type { Table } from '../schema/table.js'
import type { SqlType } from '../schema/types.js'
import type { SqlStatement } from './dialect.js'

/** A table's name and schema, as ops address it. */
export interface TableName {
  readonly name: string
  readonly schema: string | null
}

/**
 * A change of a table's storage: `unlogged` when it changes, and the
 * parameters to set (a value) or reset (null).
 *
 * @example
 * const change: StorageChange = { unlogged: false, parameters: { fillfactor: '70', autovacuum_enabled: null } }
 */
export interface StorageChange {
  readonly unlogged?: boolean
  readonly parameters?: Readonly<Record<string, string | null>>
  /** MySQL/MariaDB: a new engine, or character set and collation (the columns are converted to them). */
  readonly engine?: string
  readonly charset?: string
  readonly collation?: string
}

/** The constraint kinds `dropConstraint` may be told (MySQL needs it to pick the statement). */
export type ConstraintKind = Constraint['kind']

/**
 * One column alteration. `undefined` leaves an attribute as it is; for
 * `serverDefault` and `comment`, `null` removes it. The `existing*` fields
 * describe the column before the change: MySQL needs them to restate the
 * whole column, `reverse()` needs them to undo, batch mode does not.
 */
export interface ColumnAlteration {
  readonly column: string
  readonly newName?: string
  readonly type?: SqlType
  /** PostgreSQL: `ALTER COLUMN … TYPE … USING expression`. */
  readonly using?: SqlFragment
  readonly nullable?: boolean
  readonly serverDefault?: ServerDefault | null
  readonly comment?: string | null
  /** A new collation; `null` returns to the table's default. */
  readonly collation?: string | null
  /** A new MySQL `ON UPDATE` expression; `null` drops it. */
  readonly onUpdate?: SqlFragment | null
  readonly existingType?: SqlType
  readonly existingNullable?: boolean
  readonly existingServerDefault?: ServerDefault | null
  readonly existingComment?: string | null
  readonly existingAutoincrement?: boolean
  readonly existingCollation?: string | null
  readonly existingOnUpdate?: SqlFragment | null
}

/**
 * A change to one table, as batch mode and `needsRebuild` see it. An added
 * column comes without its inline constraint settings; `inline` holds the
 * table constraints and indexes they expand to (see `inlineConstraints`).
 */
export type TableChange =
  | { readonly kind: 'addColumn'; readonly column: Column; readonly inline: InlineConstraints }
  | { readonly kind: 'dropColumn'; readonly column: string; readonly ifExists?: boolean }
  | { readonly kind: 'alterColumn'; readonly alteration: ColumnAlteration }
  | { readonly kind: 'addConstraint'; readonly constraint: Constraint }
  | { readonly kind: 'dropConstraint'; readonly name: string; readonly constraintKind: ConstraintKind | null }
  | { readonly kind: 'createIndex'; readonly index: Index }
  | { readonly kind: 'dropIndex'; readonly name: string }
  | { readonly kind: 'setTableComment'; readonly comment: string | null }

/** `IF EXISTS` / `IF NOT EXISTS` switches; a dialect without them throws a UsageError. */
export interface ExistenceOptions {
  readonly ifExists?: boolean
  readonly ifNotExists?: boolean
}

/**
 * Options of adding a constraint: `notValid` adds a PostgreSQL foreign key or
 * check without checking the existing rows (a brief lock instead of a scan
 * under an exclusive one); `op.validateConstraint` checks them later. Ignored
 * by databases without it, as `concurrently` is.
 */
export interface AddConstraintOptions {
  readonly notValid?: boolean
}

/** Index options: existence switches, and PostgreSQL's CONCURRENTLY (ignored by databases without it, as Alembic's dialect options are). */
export interface IndexOptions extends ExistenceOptions {
  readonly concurrently?: boolean
}

/**
 * Compiles schema objects and op data to SQL for one database. Every
 * identifier goes through the dialect's quoting and every literal through its
 * literal renderer, so the same statements serve online runs and offline
 * scripts.
 *
 * @example
 * dialect.compiler.addColumn({ name: 'account', schema: null }, toColumn('last_login', t.datetime()))
 * // [{ sql: 'ALTER TABLE "account" ADD COLUMN "last_login" TIMESTAMP WITHOUT TIME ZONE' }]
 */
export interface DdlCompiler {
  /** Most bind parameters one statement may carry with this database's driver. */
  readonly maxBindParameters: number
  /** The type as written in DDL. */
  renderType(type: SqlType): string
  /** A server default as written after DEFAULT. */
  renderDefault(value: ServerDefault): string
  createTable(table: Table, options?: ExistenceOptions): SqlStatement[]
  /**
   * `existing` (the table being dropped) lets PostgreSQL skip enum clean-up when no column is an enum;
   * so does `typeCleanup: false` (a live run read the catalog: nothing to clean up).
   */
  dropTable(table: TableName, options?: ExistenceOptions & { existing?: Table; typeCleanup?: boolean }): SqlStatement[]
  renameTable(table: TableName, newName: string): SqlStatement[]
  /** The column alone: its inline constraints and index are added as table constraints by the op. */
  addColumn(table: TableName, column: Column, options?: ExistenceOptions): SqlStatement[]
  /**
   * `existing` (the column being dropped) lets MySQL drop the column's foreign key first, and PostgreSQL
   * skip enum clean-up when its type is no enum; so does `typeCleanup: false`, as for dropTable.
   */
  dropColumn(table: TableName, column: string, options?: ExistenceOptions & { existing?: Column; typeCleanup?: boolean }): SqlStatement[]
  alterColumn(table: TableName, alteration: ColumnAlteration): SqlStatement[]
  createIndex(index: Index, options?: IndexOptions): SqlStatement[]
  dropIndex(table: TableName, name: string, options?: IndexOptions): SqlStatement[]
  addConstraint(table: TableName, constraint: Constraint, options?: AddConstraintOptions): SqlStatement[]
  /** PostgreSQL: checks the rows a `notValid` constraint skipped. No statements where constraints are checked when added. */
  validateConstraint(table: TableName, name: string): SqlStatement[]
  dropConstraint(table: TableName, name: string, kind: ConstraintKind | null, options?: ExistenceOptions): SqlStatement[]
  setTableComment(table: TableName, comment: string | null): SqlStatement[]
  /** ALTER TABLE … SET LOGGED/UNLOGGED, SET (…)/RESET (…) (PostgreSQL); nothing where tables have no such storage. */
  alterTableStorage(table: TableName, change: StorageChange): SqlStatement[]
  /** PostgreSQL named enum types; other databases inline enums and return no statements. */
  createEnum(type: Extract<SqlType, { kind: 'enum' }>, schema: string | null, options?: ExistenceOptions): SqlStatement[]
  dropEnum(name: string, schema: string | null, options?: ExistenceOptions): SqlStatement[]
  addEnumValue(name: string, schema: string | null, value: string, options?: { before?: string; after?: string; ifNotExists?: boolean }): SqlStatement[]
  /**
   * One multi-row INSERT. Online (`inline` false) values are bound parameters,
   * converted for the driver; offline they are literals.
   */
  insert(table: TableName, columns: readonly Column[], rows: readonly (readonly unknown[])[], inline: boolean): SqlStatement
  /** True when this database cannot make the change with ALTER and the table must be rebuilt (SQLite). */
  needsRebuild(change: TableChange): boolean
}
