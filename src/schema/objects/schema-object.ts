/**
 * Schema objects beside tables: views, materialized views, functions,
 * triggers, extensions and (PostgreSQL) row-level security policies — what
 * alembic_utils adds to Alembic. Each is plain frozen data, declared in a
 * models module (`view('active_users', sql\`…\`)`), read back by reflection,
 * carried by the create/replace/drop ops, and compared by the database's
 * own text of its definition.
 */
import type { SqlFragment } from '../sql.js'

/** The kinds of schema object, as ops and diffs name them (`add_view`, `createMaterializedView`). */
export type SchemaObjectType = 'extension' | 'function' | 'view' | 'materialized_view' | 'trigger' | 'policy'

/**
 * Every kind, in creation order: an extension may provide what functions use,
 * views may call functions, triggers call functions and sit on tables and
 * views, policies sit on tables. Drops run in the reverse order.
 */
export const SCHEMA_OBJECT_TYPES: readonly SchemaObjectType[] = Object.freeze(['extension', 'function', 'view', 'materialized_view', 'trigger', 'policy'])

interface ObjectBase<T extends SchemaObjectType> {
  readonly kind: 'schema_object'
  readonly type: T
  readonly name: string
  /** The schema it lives in; null for the connection's default schema (for a trigger or policy, its table's). */
  readonly schema: string | null
}

/** A view or materialized view: `CREATE [MATERIALIZED] VIEW name AS <query>`. */
export interface ViewObject<T extends 'view' | 'materialized_view' = 'view' | 'materialized_view'> extends ObjectBase<T> {
  readonly query: SqlFragment
}

/**
 * A function: `CREATE FUNCTION name(<args>) <definition>`, the definition being
 * everything after the argument list (`RETURNS … LANGUAGE … AS $$ … $$`).
 */
export interface FunctionObject extends ObjectBase<'function'> {
  /** The argument list as written between the parentheses (`x integer, y integer`). */
  readonly args: string
  readonly definition: SqlFragment
}

/** A trigger: `CREATE TRIGGER name <event> ON <table> <body>`. */
export interface TriggerObject extends ObjectBase<'trigger'> {
  readonly table: string
  /** When it fires: `BEFORE UPDATE`, `AFTER INSERT OR DELETE`, `INSTEAD OF INSERT`. */
  readonly event: string
  /** Everything after the table: `FOR EACH ROW EXECUTE FUNCTION touch()`, `FOR EACH ROW BEGIN … END`. */
  readonly body: SqlFragment
}

/** A database extension (PostgreSQL `CREATE EXTENSION`); `schema` is where its objects go. */
export type ExtensionObject = ObjectBase<'extension'>

/** The commands a policy applies to. */
export type PolicyCommand = 'all' | 'select' | 'insert' | 'update' | 'delete'

/** A PostgreSQL row-level security policy: `CREATE POLICY name ON table AS … FOR … TO … USING (…) WITH CHECK (…)`. */
export interface PolicyObject extends ObjectBase<'policy'> {
  readonly table: string
  /** PERMISSIVE (true, the default) or RESTRICTIVE. */
  readonly permissive: boolean
  readonly command: PolicyCommand
  /** Roles it applies to; `['public']` for everyone. */
  readonly roles: readonly string[]
  readonly using: SqlFragment | null
  readonly withCheck: SqlFragment | null
}

/** Any schema object. */
export type SchemaObject = ViewObject<'view'> | ViewObject<'materialized_view'> | FunctionObject | TriggerObject | ExtensionObject | PolicyObject

/** The object of one type: `ObjectOfType<'trigger'>` is {@link TriggerObject}. */
export type ObjectOfType<T extends SchemaObjectType> = Extract<SchemaObject, { readonly type: T }>

/**
 * True for a schema object (by shape, so objects built by another copy of athanor count).
 *
 * @example
 * isSchemaObject(view('v', sql`SELECT 1`)) // true
 */
export function isSchemaObject(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'schema_object' && typeof (value as { type?: unknown }).type === 'string'
}

/** The table a trigger or policy sits on; null for the kinds that stand alone. */
export function objectTable(object: SchemaObject): string | null {
  return object.type === 'trigger' || object.type === 'policy' ? object.table : null
}

/**
 * What tells one object from another of its type: type, schema, table (a
 * trigger's or policy's name is unique per table) and name. `schemaOf` maps
 * the default schema's own name to null, as comparisons write it.
 *
 * @example
 * objectKey(view('active_users', sql`SELECT 1`)) // 'view:.active_users'
 */
export function objectKey(object: SchemaObject, schemaOf: (schema: string | null) => string | null = (s) => s): string {
  const table = objectTable(object)
  // An extension is one per database, whatever schema holds its objects.
  const schema = object.type === 'extension' ? '' : (schemaOf(object.schema) ?? '')
  return `${object.type}:${schema}.${table === null ? '' : `${table}.`}${object.name}`
}

/**
 * How people name an object in messages: `view "active_users"`, `trigger "touch" on "items"`.
 *
 * @example
 * describeObject(trigger('touch', { table: 'items', event: 'BEFORE UPDATE', body: sql`…` })) // 'trigger "touch" on "items"'
 */
export function describeObject(object: SchemaObject): string {
  const table = objectTable(object)
  const qualified = object.schema ? `${object.schema}.${object.name}` : object.name
  return `${object.type.replace('_', ' ')} "${qualified}"${table === null ? '' : ` on "${table}"`}`
}
