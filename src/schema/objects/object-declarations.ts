/**
 * The functions a models module declares schema objects with, beside its
 * tables: `view`, `materializedView`, `fn`, `trigger`, `extension`, `policy`.
 * Each returns frozen data (see schema-object.ts); export it from the models
 * module and autogenerate creates, replaces and drops it.
 */
import { UsageError } from '../../errors.js'
import { isSqlFragment, sql, type SqlFragment } from '../sql.js'
import type { ExtensionObject, FunctionObject, PolicyCommand, PolicyObject, TriggerObject, ViewObject } from './schema-object.js'

/** Where an object lives when not in the default schema. */
export interface ObjectSchemaOption {
  readonly schema?: string
}

const fragmentOf = (value: SqlFragment | string): SqlFragment => (isSqlFragment(value) ? value : sql.raw(value))

function base<T>(type: T, name: string, schema: string | null | undefined) {
  if (name.trim() === '') throw new UsageError(`a ${String(type).replace('_', ' ')} needs a name`)
  return { kind: 'schema_object' as const, type, name, schema: schema ?? null }
}

/**
 * A view: `CREATE VIEW name AS <query>`.
 *
 * @example
 * export const activeUsers = view('active_users', sql`SELECT id, email FROM users WHERE active`)
 */
export function view(name: string, query: SqlFragment | string, options: ObjectSchemaOption & { materialized: true }): ViewObject<'materialized_view'>
export function view(name: string, query: SqlFragment | string, options?: ObjectSchemaOption & { materialized?: false }): ViewObject<'view'>
export function view(name: string, query: SqlFragment | string, options: ObjectSchemaOption & { materialized?: boolean } = {}): ViewObject {
  return Object.freeze({ ...base(options.materialized ? ('materialized_view' as const) : ('view' as const), name, options.schema), query: fragmentOf(query) })
}

/**
 * A materialized view (PostgreSQL): `CREATE MATERIALIZED VIEW name AS <query>`.
 *
 * @example
 * export const totals = materializedView('order_totals', sql`SELECT user_id, sum(amount) AS total FROM orders GROUP BY user_id`)
 */
export function materializedView(name: string, query: SqlFragment | string, options: ObjectSchemaOption = {}): ViewObject<'materialized_view'> {
  return view(name, query, { ...options, materialized: true })
}

/**
 * A function, declared by its signature and the rest of its CREATE FUNCTION
 * statement (as alembic_utils' `PGFunction`).
 *
 * @example
 * export const addOne = fn('add_one(x integer)', sql`RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT x + 1 $$`)
 * // MariaDB: fn('add_one(x INT)', sql`RETURNS INT DETERMINISTIC RETURN x + 1`)
 */
export function fn(signature: string, definition: SqlFragment | string, options: ObjectSchemaOption = {}): FunctionObject {
  const open = signature.indexOf('(')
  if (open <= 0 || !signature.trimEnd().endsWith(')')) {
    throw new UsageError(`fn('${signature}'): the signature must be a name and its arguments, as 'add_one(x integer)' or 'now_utc()'`)
  }
  const args = signature.trimEnd().slice(open + 1, -1).trim()
  return Object.freeze({ ...base('function' as const, signature.slice(0, open).trim(), options.schema), args, definition: fragmentOf(definition) })
}

/** What a trigger is: its table, when it fires, and what it runs. */
export interface TriggerDefinition extends ObjectSchemaOption {
  readonly table: string
  /** `BEFORE UPDATE`, `AFTER INSERT OR DELETE`, `INSTEAD OF INSERT`… */
  readonly event: string
  /** The rest of the statement after `ON table`: `FOR EACH ROW EXECUTE FUNCTION touch()`. */
  readonly body: SqlFragment | string
}

/**
 * A trigger: `CREATE TRIGGER name <event> ON <table> <body>`.
 *
 * @example
 * export const touchItems = trigger('touch_items', { table: 'items', event: 'BEFORE UPDATE', body: sql`FOR EACH ROW EXECUTE FUNCTION touch()` })
 */
export function trigger(name: string, definition: TriggerDefinition): TriggerObject {
  return Object.freeze({ ...base('trigger' as const, name, definition.schema), table: definition.table, event: definition.event.trim(), body: fragmentOf(definition.body) })
}

/**
 * An extension (PostgreSQL), created before the tables so its types and
 * operator classes can be used by them.
 *
 * @example
 * export const trgm = extension('pg_trgm')
 */
export function extension(name: string, options: ObjectSchemaOption = {}): ExtensionObject {
  return Object.freeze(base('extension' as const, name, options.schema))
}

/** What a row-level security policy allows. */
export interface PolicyDefinition extends ObjectSchemaOption {
  readonly table: string
  /** RESTRICTIVE instead of the default PERMISSIVE. */
  readonly restrictive?: boolean
  /** Default `all`. */
  readonly for?: PolicyCommand
  /** Default `['public']`. */
  readonly to?: readonly string[]
  readonly using?: SqlFragment | string
  readonly withCheck?: SqlFragment | string
}

/**
 * A PostgreSQL row-level security policy. Row-level security itself is a
 * table setting (`ALTER TABLE … ENABLE ROW LEVEL SECURITY`), not part of the policy.
 *
 * @example
 * export const ownRows = policy('own_rows', { table: 'documents', for: 'select', using: sql`owner = current_user` })
 */
export function policy(name: string, definition: PolicyDefinition): PolicyObject {
  return Object.freeze({
    ...base('policy' as const, name, definition.schema),
    table: definition.table,
    permissive: definition.restrictive !== true,
    command: definition.for ?? 'all',
    roles: Object.freeze([...(definition.to ?? ['public'])]),
    using: definition.using === undefined ? null : fragmentOf(definition.using),
    withCheck: definition.withCheck === undefined ? null : fragmentOf(definition.withCheck),
  })
}
