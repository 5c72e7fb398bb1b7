/**
 * Recognises Drizzle tables by the marks Drizzle itself puts on them
 * (global symbols and entity kinds), so finding them needs no import of
 * drizzle-orm: a models module without Drizzle never loads it.
 */

const IS_DRIZZLE_TABLE = Symbol.for('drizzle:IsDrizzleTable')
const ENTITY_KIND = Symbol.for('drizzle:entityKind')

/** Which of Drizzle's core packages declared a table. */
export type DrizzleFamily = 'pg' | 'mysql' | 'sqlite'

const FAMILY_BY_KIND: Readonly<Record<string, DrizzleFamily>> = { PgTable: 'pg', MySqlTable: 'mysql', SQLiteTable: 'sqlite' }

/** A Drizzle table object, as a models module exports it; read through Drizzle's own API only. */
export type DrizzleTable = object & { readonly [IS_DRIZZLE_TABLE]: true }

/**
 * True for a Drizzle table (`pgTable(…)`, `mysqlTable(…)`, `sqliteTable(…)`),
 * whichever copy of drizzle-orm built it.
 *
 * @example
 * isDrizzleTable(pgTable('users', { id: serial() })) // true
 */
export function isDrizzleTable(value: unknown): value is DrizzleTable {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[IS_DRIZZLE_TABLE] === true
}

/**
 * The core package a Drizzle table comes from, read from the entity kinds of
 * its class chain; undefined for a kind athanor does not read (a Drizzle
 * dialect it has no database for).
 *
 * @example
 * drizzleFamily(sqliteTable('t', { id: integer() })) // 'sqlite'
 */
export function drizzleFamily(table: DrizzleTable): DrizzleFamily | undefined {
  for (let ctor = table.constructor as unknown; typeof ctor === 'function'; ctor = Object.getPrototypeOf(ctor)) {
    const kind = (ctor as unknown as Record<symbol, unknown>)[ENTITY_KIND]
    if (typeof kind === 'string' && kind in FAMILY_BY_KIND) return FAMILY_BY_KIND[kind]
  }
  return undefined
}

/**
 * A Drizzle entity's kind (`'PgVarchar'`, `'SQL'`, `'StringChunk'`…), or
 * undefined for a plain value. The kind names the class without depending
 * on which copy of drizzle-orm made the object.
 *
 * @example
 * entityKind(sql`now()`) // 'SQL'
 */
export function entityKind(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const kind = (value.constructor as unknown as Record<symbol, unknown> | undefined)?.[ENTITY_KIND]
  return typeof kind === 'string' ? kind : undefined
}

/**
 * True when a Drizzle entity is of `kind` or a subclass of it (Drizzle's
 * own `is()` rule, without importing it).
 *
 * @example
 * isEntity(users.email, 'Column') // true
 */
export function isEntity(value: unknown, kind: string): boolean {
  if (typeof value !== 'object' || value === null) return false
  for (let ctor = value.constructor as unknown; typeof ctor === 'function'; ctor = Object.getPrototypeOf(ctor)) {
    if ((ctor as unknown as Record<symbol, unknown>)[ENTITY_KIND] === kind) return true
  }
  return false
}
