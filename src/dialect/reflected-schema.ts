import type { DialectName } from './database-url.js'
import type { NotCarriedFact } from './not-carried.js'
import type { AutoincrementOptions, Column, GeneratedAs, ReferentialAction } from '../schema/column.js'
import type { CheckConstraint, ExclusionConstraint, ForeignKeyConstraint, Index, PrimaryKeyConstraint, UniqueConstraint } from '../schema/constraints.js'
import { sql, type SqlFragment } from '../schema/sql.js'
import { Table } from '../schema/table.js'
import type { TableStorage } from '../schema/table-storage.js'
import { freezeType, type SqlType } from '../schema/types.js'

/**
 * How a reflected column gets its generated values, when it does:
 * PostgreSQL identity (`GENERATED ALWAYS` / `BY DEFAULT`) or a serial's owned
 * sequence, MySQL `AUTO_INCREMENT`, SQLite `AUTOINCREMENT` or a bare
 * `INTEGER PRIMARY KEY` (a rowid alias: values are assigned, but
 * `autoincrement` stays false because no keyword asked for it).
 */
export type AutoincrementKind = 'identityAlways' | 'identityByDefault' | 'serial' | 'autoIncrement' | 'sqliteAutoincrement' | 'rowid'

/**
 * A column read from a database: a plain {@link Column} (so it can be used
 * anywhere a model column can) plus what only a database knows.
 */
export interface ReflectedColumn extends Column {
  /** The database's own type text: `character varying(255)`, `int(11)`, `VARCHAR(20)`. */
  readonly nativeType: string
  readonly autoincrementKind: AutoincrementKind | null
  /** The sequence a serial or identity column draws from (PostgreSQL). */
  readonly sequence: string | null
  /** A generated (computed) column's expression, as the database prints it (a raw fragment). */
  readonly generated: GeneratedAs | null
  /** A collation that differs from the type's (or table's) default. */
  readonly collation: string | null
  /** MySQL `ON UPDATE` expression as the server prints it (`current_timestamp()`), a raw fragment. */
  readonly onUpdate: SqlFragment | null
}

/** An index read from a database, with the parts only the database states. */
export interface ReflectedIndex extends Index {
  /** Access method: `btree`, `gin`, `gist`, `hash` (PostgreSQL); `BTREE`, `FULLTEXT`, `SPATIAL` (MySQL); null on SQLite. */
  readonly method: string | null
  /** Operator class per key element, null where it is the type's default (PostgreSQL `inet_ops`, `gin_trgm_ops`). */
  readonly opclasses: readonly (string | null)[]
  /** Sort order per key element when not the default: `DESC`, `DESC NULLS LAST`, `NULLS FIRST`. */
  readonly sortOrders: readonly (string | null)[]
  /** Non-key columns carried by the index (PostgreSQL `INCLUDE`). */
  readonly include: readonly string[]
  readonly comment: string | null
}

/** A foreign key read from a database. */
export interface ReflectedForeignKey extends ForeignKeyConstraint {
  /** PostgreSQL `NOT VALID`: existing rows were never checked. */
  readonly notValid: boolean
  /** `MATCH FULL` / `MATCH PARTIAL`; null for the default (simple). */
  readonly match: 'full' | 'partial' | null
}

/** A check constraint read from a database. */
export interface ReflectedCheck extends CheckConstraint {
  /** PostgreSQL `NOT VALID`. */
  readonly notValid: boolean
}

/** A named enum type (PostgreSQL `CREATE TYPE … AS ENUM`). */
export interface ReflectedEnum {
  readonly schema: string | null
  readonly name: string
  readonly values: readonly string[]
}

/** A view: listed so autogenerate never mistakes it for a missing table, never compared. */
export interface ReflectedView {
  readonly schema: string | null
  readonly name: string
  readonly materialized: boolean
}

/**
 * What `reflect` returns: the database's tables as the same {@link Table}
 * objects models build (their columns, indexes and constraints are the
 * `Reflected*` kinds above), plus enum types and views. Tables in the
 * connection's default schema have `schema: null`, as model tables do.
 */
export interface ReflectedSchema {
  readonly dialect: DialectName
  /** The schema that `null` stands for: `public`, the MySQL database name, `main`. */
  readonly defaultSchema: string
  readonly tables: readonly Table[]
  readonly enums: readonly ReflectedEnum[]
  readonly views: readonly ReflectedView[]
  /** Catalog queries this reflection sent (constant in the number of tables). */
  readonly queryCount: number
  /** What was read but cannot be carried by the vocabulary, one fact each (see `not-carried.ts`). */
  readonly notCarried: readonly NotCarriedFact[]
}

/**
 * The table named `name` in `schema` (null: the default schema), or undefined.
 *
 * @example
 * const users = findTable(await reflect(conn), 'users')
 */
export function findTable(schema: ReflectedSchema, name: string, tableSchema: string | null = null): Table | undefined {
  return schema.tables.find((t) => t.name === name && t.schema === tableSchema)
}

/**
 * The reflected details of a table's column, or undefined for a column that
 * did not come from reflection.
 *
 * @example
 * reflectedColumn(users.column('email')!)?.nativeType // 'character varying(255)'
 */
export function reflectedColumn(column: Column | undefined): ReflectedColumn | undefined {
  return column !== undefined && typeof (column as Partial<ReflectedColumn>).nativeType === 'string' ? (column as ReflectedColumn) : undefined
}

/** Everything a dialect reflector has gathered for one table, before it becomes a {@link Table}. */
export interface TableDraft {
  readonly name: string
  readonly schema: string | null
  readonly comment: string | null
  /** UNLOGGED, storage parameters, partitioning (PostgreSQL). */
  storage: TableStorage | null
  readonly columns: ReflectedColumn[]
  primaryKey: PrimaryKeyConstraint | null
  readonly uniques: UniqueConstraint[]
  readonly checks: ReflectedCheck[]
  readonly foreignKeys: ReflectedForeignKey[]
  /** PostgreSQL exclusion constraints. */
  readonly exclusions: ExclusionConstraint[]
  readonly indexes: ReflectedIndex[]
}

/** A new, empty draft. */
export function tableDraft(name: string, schema: string | null, comment: string | null): TableDraft {
  return { name, schema, comment, storage: null, columns: [], primaryKey: null, uniques: [], checks: [], foreignKeys: [], exclusions: [], indexes: [] }
}

/** The fields of a reflected column a dialect reads; the rest are fixed. */
export interface ColumnFacts {
  readonly name: string
  readonly type: SqlType
  readonly nativeType: string
  readonly nullable: boolean
  readonly serverDefault: string | null
  readonly comment: string | null
  readonly autoincrementKind?: AutoincrementKind | null
  /** How the column's values are generated, when not a plain identity BY DEFAULT (PostgreSQL). */
  readonly autoincrementOptions?: AutoincrementOptions | null
  readonly sequence?: string | null
  /** A generated column's expression as the database prints it, and whether it is stored. */
  readonly generated?: { readonly expression: string; readonly stored: boolean } | null
  readonly collation?: string | null
  readonly onUpdate?: string | null
}

/**
 * Builds a frozen reflected column. A server default becomes a raw `sql`
 * fragment holding the database's canonical text (it is SQL, not a value).
 */
export function reflectedColumnOf(draft: TableDraft, facts: ColumnFacts, primaryKey = false): ReflectedColumn {
  const kind = facts.autoincrementKind ?? null
  return Object.freeze({
    kind: 'column' as const,
    name: facts.name,
    key: facts.name,
    type: freezeType(facts.type),
    nullable: facts.nullable,
    primaryKey,
    autoincrement: kind !== null && kind !== 'rowid',
    ...(facts.autoincrementOptions ? { autoincrementOptions: facts.autoincrementOptions } : {}),
    serverDefault: facts.serverDefault === null ? null : sql.raw(facts.serverDefault),
    unique: false,
    index: false,
    comment: facts.comment,
    references: null,
    table: draft.name,
    schema: draft.schema,
    nativeType: facts.nativeType,
    autoincrementKind: kind,
    sequence: facts.sequence ?? null,
    generated: facts.generated ? Object.freeze({ expression: sql.raw(facts.generated.expression), stored: facts.generated.stored }) : null,
    collation: facts.collation ?? null,
    onUpdate: facts.onUpdate ? sql.raw(facts.onUpdate) : null,
  })
}

/** Turns a finished draft into a {@link Table}, marking primary key columns. */
export function finishTable(draft: TableDraft): Table {
  const pk = new Set(draft.primaryKey?.columns ?? [])
  const columns = draft.columns.map((c) => (pk.has(c.name) && !c.primaryKey ? Object.freeze({ ...c, primaryKey: true }) : c))
  return new Table({
    name: draft.name,
    schema: draft.schema,
    comment: draft.comment,
    storage: draft.storage,
    columns,
    parts: {
      primaryKey: draft.primaryKey,
      constraints: [...draft.uniques, ...draft.checks, ...draft.foreignKeys, ...draft.exclusions],
      indexes: draft.indexes,
    },
  })
}

/** Index expression element: a plain column name, or the database's text of an expression. */
export function indexElement(column: string | null, expressionText: string): string | SqlFragment {
  return column ?? sql.raw(expressionText)
}

/**
 * A referential action as the vocabulary writes it. The database's default
 * (`NO ACTION`, and on MySQL also `RESTRICT`, which InnoDB treats the same)
 * reads back as null, like a model that names no action.
 */
export function referentialAction(text: string | null | undefined, defaults: readonly string[] = ['no action']): ReferentialAction | null {
  const value = String(text ?? '').toLowerCase().trim()
  if (value === '' || defaults.includes(value)) return null
  if (value === 'cascade' || value === 'restrict' || value === 'set null' || value === 'set default' || value === 'no action') return value
  return null
}

/** Sorts by schema (default first) then name, so results are stable for tests and diffs. */
export function byQualifiedName<T extends { readonly schema: string | null; readonly name: string }>(a: T, b: T): number {
  const sa = a.schema ?? ''
  const sb = b.schema ?? ''
  return sa === sb ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : sa < sb ? -1 : 1
}
