import type { DatabaseConnection } from '../dialect.js'
import { lockTimeout } from '../lock-wait.js'
import type { PlaceholderSyntax } from '../placeholder-scan.js'
import type { LockRequest, MigrationLock, RuntimeSupport } from '../runtime-support.js'
import { sqliteDialect } from './sqlite-dialect.js'

/** Where SQLite hides a `?` that is not a placeholder. */
export const sqlitePlaceholderSyntax: PlaceholderSyntax = {
  backslashInStrings: false,
  escapeStrings: false,
  dollarQuotes: false,
  backtickIdentifiers: true,
  hashComments: false,
  nestedBlockComments: false,
}

/**
 * SQLite: the migration lock is the database's write lock. Every migration
 * transaction begins with `BEGIN IMMEDIATE`, which takes the write lock at
 * once (waiting up to the busy timeout) instead of at the first write, so two
 * processes never both read the version table and then both apply a revision.
 * Between transactions the lock is released; the runner re-reads the version
 * table at the start of each one.
 */
export const sqliteRuntime: RuntimeSupport = {
  placeholderSyntax: sqlitePlaceholderSyntax,

  tableExistsQuery(table, schema) {
    const master = schema ? `${sqliteDialect.quoteIdentifier(schema)}.sqlite_master` : 'sqlite_master'
    return { sql: `SELECT 1 AS present FROM ${master} WHERE type = 'table' AND name = ?`, params: [table] }
  },

  async acquireLock(conn: DatabaseConnection, request: LockRequest): Promise<MigrationLock> {
    // The driver is synchronous: SQLite's busy handler does the waiting.
    await conn.execute(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(request.timeoutMs))}`)
    return {
      spansTransactions: false,
      begin: async () => {
        try {
          await conn.execute('BEGIN IMMEDIATE')
        } catch (error) {
          // SQLITE_BUSY after the busy timeout: another process holds the write lock.
          if ((error as { cause?: { code?: string } }).cause?.code === 'SQLITE_BUSY') throw lockTimeout(request)
          throw error
        }
      },
      release: async () => undefined,
    }
  },
}
