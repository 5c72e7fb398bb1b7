import type { DialectName } from './database-url.js'
import type { Dialect } from './dialect.js'
import type { DrizzleLine } from './drizzle-reading.js'
import type { UrlScheme } from './url-scheme.js'

/**
 * A dialect's line in the registry: what must be known before any of its
 * code is loaded (its name and the URL schemes it answers to) and how to load
 * the rest. Entries are light on purpose: a command on SQLite reads every
 * entry but loads only SQLite's dialect.
 *
 * @example
 * export const sqliteEntry: DialectEntry = {
 *   name: 'sqlite',
 *   schemes: [embeddedScheme({ name: 'sqlite', driver: 'better-sqlite3', pathExample: './file.db' })],
 *   load: async () => (await import('./sqlite-dialect.js')).sqliteDialect,
 * }
 */
export interface DialectEntry {
  readonly name: DialectName
  /** The URL schemes of this database, in the order a hint lists them. */
  readonly schemes: readonly UrlScheme[]
  /** Loads the dialect's code (compiler, reflector, runtime, drivers); called once a URL names it. */
  load(): Promise<Dialect>
  /** Drizzle's table kind and core package for this database, when Drizzle has one; its column reader loads on demand. */
  readonly drizzle?: DrizzleLine
}
