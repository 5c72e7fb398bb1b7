import { existsSync } from 'node:fs'
import type { DatabaseConnection } from '../dialect.js'
import { findCause } from '../driver-error.js'
import { lockTimeout, pollForLock } from '../lock-wait.js'
import type { PlaceholderSyntax } from '../placeholder-scan.js'
import type { LockRequest, MigrationLock, RuntimeSupport } from '../runtime-support.js'
import { sqliteQuoting } from './sqlite-quoting.js'
import { assertForeignKeysHold, foreignKeysEnforced, setForeignKeys } from './sqlite-foreign-keys.js'

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
 * table at the start of each one. The first BEGIN IMMEDIATE of a run waits
 * asynchronously (reporting the wait); later ones through the busy timeout.
 *
 * Foreign keys: `PRAGMA foreign_keys` cannot change inside a transaction, and
 * while it is on, a move-and-copy's DROP TABLE fires ON DELETE CASCADE in
 * child tables. So, as Django does, a run that finds enforcement on turns it
 * off before its first BEGIN IMMEDIATE, checks `PRAGMA foreign_key_check`
 * before every COMMIT (a broken reference fails the transaction, which is
 * rolled back), and turns it back on when the lock is released. Batch
 * rebuilds then stay inside the migration's transaction.
 */
export const sqliteRuntime: RuntimeSupport = {
  placeholderSyntax: sqlitePlaceholderSyntax,

  tableExistsQuery(table, schema) {
    const master = schema ? `${sqliteQuoting.quoteIdentifier(schema)}.sqlite_master` : 'sqlite_master'
    return { sql: `SELECT 1 AS present FROM ${master} WHERE type = 'table' AND name = ?`, params: [table] }
  },

  // One lock for the whole database, waited for through the busy timeout; SQLite has no statement time limit.
  timeouts: {
    set: (t) => (t.ddlLockTimeoutMs === undefined ? [] : [{ sql: `PRAGMA busy_timeout = ${Math.max(0, Math.round(t.ddlLockTimeoutMs))}` }]),
    reset: () => [],
    isLockTimeout: (error) => findCause(error, (e) => typeof e['code'] === 'string' && e['code'].startsWith('SQLITE_BUSY')) !== undefined,
  },

  async openOfflineShadow(liveUrl) {
    const { openConnection } = await import('../connect.js')
    const shadow = await openConnection('sqlite::memory:')
    const schema = liveUrl === undefined ? [] : await readLiveSchema(liveUrl, openConnection)
    for (const sql of schema) await shadow.execute(sql).catch(() => undefined)
    return shadow
  },

  async openScratch() {
    const { openConnection } = await import('../connect.js')
    const connection = await openConnection('sqlite::memory:')
    return { connection, description: 'SQLite in memory', dispose: () => connection.close() }
  },

  async acquireLock(conn: DatabaseConnection, request: LockRequest): Promise<MigrationLock> {
    const timeoutMs = Math.max(0, Math.floor(request.timeoutMs))
    // The first BEGIN IMMEDIATE of a run is where another run is usually met:
    // try it without SQLite's busy handler and wait asynchronously, so the
    // process stays responsive and onWait is told. Later transactions (and
    // their COMMITs, which may wait for readers) use the busy timeout.
    await conn.execute('PRAGMA busy_timeout = 0')
    const enforced = await foreignKeysEnforced(conn)
    if (enforced) await setForeignKeys(conn, false)
    let waited = false
    const beginImmediate = async (): Promise<boolean> => {
      try {
        await conn.execute('BEGIN IMMEDIATE')
        return true
      } catch (error) {
        if (isBusy(error)) return false
        throw error
      }
    }
    return {
      spansTransactions: false,
      begin: async () => {
        if (!waited) {
          await pollForLock(beginImmediate, request)
          waited = true
          await conn.execute(`PRAGMA busy_timeout = ${timeoutMs}`)
          return
        }
        if (!(await beginImmediate())) throw lockTimeout(request)
      },
      // Where nothing was enforced before the run, nothing is checked: the run keeps the database's rules, it does not add one.
      ...(enforced ? { beforeCommit: () => assertForeignKeysHold(conn) } : {}),
      release: async () => {
        if (enforced) await setForeignKeys(conn, true).catch(() => undefined)
      },
    }
  },
}

/** SQLITE_BUSY (or a subcode of it): another connection holds the lock. */
function isBusy(error: unknown): boolean {
  const code = (error as { cause?: { code?: unknown } }).cause?.code
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY')
}

/**
 * The CREATE statements of a live SQLite database's tables, indexes, views and
 * triggers, in the order they were made; none when the file does not exist
 * (it is never created) or cannot be read.
 */
async function readLiveSchema(liveUrl: string, open: (url: string) => Promise<DatabaseConnection>): Promise<string[]> {
  const { parseDatabaseUrl } = await import('../registry.js')
  const path = parseDatabaseUrl(liveUrl).path
  if (path === undefined || path === ':memory:' || !existsSync(path)) return []
  try {
    const live = await open(liveUrl)
    try {
      const rows = await live.query<{ sql: string }>(
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid",
      )
      return rows.map((row) => row.sql)
    } finally {
      await live.close()
    }
  } catch {
    return []
  }
}
