/**
 * What a database does with schema objects (views, functions, triggers,
 * extensions, policies): which kinds it has, their DDL, how it reads them
 * back, and how a model's object is canonicalized through it (principle 8).
 * Each dialect has one (`dialect.objects`).
 */
import { UsageError } from '../errors.js'
import { describeObject, type SchemaObject, type SchemaObjectType } from '../schema/objects/schema-object.js'
import type { DatabaseConnection, SqlStatement } from './dialect.js'

/**
 * An object read from a database: a plain {@link SchemaObject} (so it can be
 * re-created, as a downgrade does) and the text comparisons use, as the
 * database prints the whole definition (`pg_get_viewdef`, `pg_get_functiondef`,
 * `sqlite_master.sql`, `information_schema.VIEWS`).
 */
export interface ReflectedObject {
  readonly object: SchemaObject
  readonly canonical: string
}

/** What {@link ObjectSupport.reflect} is asked for. */
export interface ObjectReflectRequest {
  /** Schemas to read; null is the connection's default schema. */
  readonly schemas: readonly (string | null)[]
  /** Only these kinds are read: a kind nobody asked about costs no query. */
  readonly types: ReadonlySet<SchemaObjectType>
}

/** What {@link ObjectSupport.reflect} returns. */
export interface ObjectReflection {
  /** Objects in a default schema have `schema: null`, as models write them. */
  readonly objects: readonly ReflectedObject[]
  /** Catalog queries sent: at most one per kind asked for, however many objects there are. */
  readonly queryCount: number
}

/** Options of dropping an object. */
export interface DropObjectOptions {
  readonly ifExists?: boolean
  /** PostgreSQL: drop what depends on it too (only scratch work uses it). */
  readonly cascade?: boolean
}

/**
 * A database's schema objects.
 *
 * @example
 * dialect.objects.create(view('v', sql`SELECT 1 AS one`)) // [{ sql: 'CREATE VIEW "v" AS SELECT 1 AS one' }]
 */
export interface ObjectSupport {
  /** The kinds this database has: PostgreSQL all, SQLite views and triggers, MariaDB views, functions and triggers. */
  readonly types: ReadonlySet<SchemaObjectType>
  /**
   * How a model's object is read back through the database: `transaction`
   * creates it under its own name in a transaction that is rolled back
   * (transactional DDL); `scratch` creates it under a scratch name, reads it,
   * and drops it, for the kinds listed in `scratchTypes` (the others are
   * compared by their text as written).
   */
  readonly canonicalizeBy: 'transaction' | 'scratch'
  readonly scratchTypes: ReadonlySet<SchemaObjectType>
  create(object: SchemaObject): SqlStatement[]
  /** Statements that turn `existing` into `object` (same type and name). */
  replace(object: SchemaObject, existing: SchemaObject): SqlStatement[]
  drop(object: SchemaObject, options?: DropObjectOptions): SqlStatement[]
  reflect(conn: DatabaseConnection, request: ObjectReflectRequest): Promise<ObjectReflection>
  /**
   * The text a model's object is compared by when it was not canonicalized
   * through the database: for a kind the database keeps as written (a
   * MariaDB trigger), the same text reflection reports as `canonical`.
   */
  writtenText(object: SchemaObject): string
}

/**
 * Refuses an object the database does not have, with the kinds it has.
 *
 * @example
 * assertObjectType(sqliteObjects.types, fn('f()', 'RETURNS int'), 'SQLite') // UsageError
 */
export function assertObjectType(types: ReadonlySet<SchemaObjectType>, object: SchemaObject, database: string): void {
  if (types.has(object.type)) return
  throw new UsageError(`${database} has no ${object.type.replace('_', ' ')}s: cannot compile ${describeObject(object)}`, {
    hint: `${database} has ${[...types].map((t) => `${t.replace('_', ' ')}s`).join(', ')}; keep this object out of its models`,
  })
}

/** Statements from SQL texts. */
export function statements(...texts: string[]): SqlStatement[] {
  return texts.map((text) => ({ sql: text }))
}

/**
 * Blanks collapsed and the ends trimmed: how text compares where the
 * database keeps a definition as it was written.
 *
 * @example
 * flatText(' SELECT  1\n') // 'SELECT 1'
 */
export function flatText(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}
