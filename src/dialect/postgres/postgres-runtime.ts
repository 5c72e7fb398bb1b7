import type { DatabaseConnection } from '../dialect.js'
import { findCause } from '../driver-error.js'
import { pollForLock } from '../lock-wait.js'
import type { LockRequest, MigrationLock, RuntimeSupport } from '../runtime-support.js'
import { postgresPlaceholderSyntax } from './postgres-placeholders.js'

/** First key of every athanor advisory lock: 'atha' as a signed 32-bit integer. */
const lockClass = 0x61746861

/**
 * PostgreSQL (server and PGlite): the migration lock is a session-level
 * advisory lock keyed on the version table's name, so it survives the commits
 * between revisions. Advisory locks are per database, so two databases on one
 * server never wait for each other.
 */
export const postgresRuntime: RuntimeSupport = {
  placeholderSyntax: postgresPlaceholderSyntax,

  tableExistsQuery(table, schema) {
    return {
      sql: 'SELECT 1 AS present FROM information_schema.tables WHERE table_name = ? AND table_schema = COALESCE(?::text, current_schema())',
      params: [table, schema ?? null],
    }
  },

  timeouts: {
    set(t, scope) {
      const set = scope === 'transaction' ? 'SET LOCAL' : 'SET'
      return [
        ...(t.ddlLockTimeoutMs === undefined ? [] : [{ sql: `${set} lock_timeout = '${Math.round(t.ddlLockTimeoutMs)}ms'` }]),
        ...(t.statementTimeoutMs === undefined ? [] : [{ sql: `${set} statement_timeout = '${Math.round(t.statementTimeoutMs)}ms'` }]),
      ]
    },
    reset(t) {
      return [
        ...(t.ddlLockTimeoutMs === undefined ? [] : [{ sql: 'RESET lock_timeout' }]),
        ...(t.statementTimeoutMs === undefined ? [] : [{ sql: 'RESET statement_timeout' }]),
      ]
    },
    // 55P03 lock_not_available: lock_timeout expired (or NOWAIT).
    isLockTimeout: (error) => findCause(error, (e) => e['code'] === '55P03') !== undefined,
  },

  // PGlite stands in for a server: the same dialect, no server needed (it is an optional dependency, as pg is).
  async openScratch() {
    const { openConnection } = await import('../connect.js')
    const connection = await openConnection('pglite::memory:')
    return { connection, description: 'PGlite in memory (embedded PostgreSQL)', dispose: () => connection.close() }
  },

  async acquireLock(conn: DatabaseConnection, request: LockRequest): Promise<MigrationLock> {
    const key = [lockClass, nameHash(request.name)]
    await pollForLock(async () => {
      const rows = await conn.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(?::int, ?::int) AS locked', key)
      return rows[0]?.locked === true
    }, request)
    return {
      spansTransactions: true,
      begin: () => conn.begin(),
      async release() {
        await conn.query('SELECT pg_advisory_unlock(?::int, ?::int)', key).catch(() => undefined)
      },
    }
  },
}

/** FNV-1a over the name's UTF-16 code units, as a signed 32-bit integer. */
function nameHash(name: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < name.length; i += 1) {
    hash ^= name.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash | 0
}
