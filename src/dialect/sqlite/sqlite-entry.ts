import type { DialectEntry } from '../dialect-entry.js'
import { embeddedScheme } from '../url-scheme.js'

/**
 * SQLite's registry line: `sqlite:./file.db` (relative to the config, or to
 * the working directory for `--url`) and `sqlite::memory:`, opened with
 * better-sqlite3.
 *
 * @example
 * (await sqliteEntry.load()).name // 'sqlite'
 */
export const sqliteEntry: DialectEntry = {
  name: 'sqlite',
  schemes: [embeddedScheme({ name: 'sqlite', driver: 'better-sqlite3', pathExample: './file.db' })],
  load: async () => (await import('./sqlite-dialect.js')).sqliteDialect,
  drizzle: { tableKind: 'SQLiteTable', corePackage: 'drizzle-orm/sqlite-core', load: async () => (await import('./sqlite-drizzle.js')).sqliteDrizzle },
}
