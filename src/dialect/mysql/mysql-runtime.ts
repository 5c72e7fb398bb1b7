import { randomBytes } from 'node:crypto'
import type { DatabaseConnection } from '../dialect.js'
import { findCause } from '../driver-error.js'
import { pollForLock } from '../lock-wait.js'
import type { PlaceholderSyntax } from '../placeholder-scan.js'
import type { LockRequest, MigrationLock, RuntimeSupport } from '../runtime-support.js'
import { mysqlStatementEffect } from './mysql-statement-effect.js'

/** Where MySQL/MariaDB hide a `?` that is not a placeholder (default sql_mode). */
export const mysqlPlaceholderSyntax: PlaceholderSyntax = {
  backslashInStrings: true,
  escapeStrings: false,
  dollarQuotes: false,
  backtickIdentifiers: true,
  hashComments: true,
  nestedBlockComments: false,
}

/**
 * GET_LOCK names are server-wide, so the name includes the current database;
 * it is hashed to stay inside MySQL's 64-character limit.
 */
const lockName = "CONCAT('athanor:', SHA1(CONCAT(COALESCE(DATABASE(), ''), '.', ?)))"

/**
 * MySQL and MariaDB: the migration lock is `GET_LOCK`, a named session lock
 * that survives commits (and DDL's implicit commits).
 */
export const mysqlRuntime: RuntimeSupport = {
  placeholderSyntax: mysqlPlaceholderSyntax,
  statementEffect: mysqlStatementEffect,

  tableExistsQuery(table, schema) {
    return {
      sql: 'SELECT 1 AS present FROM information_schema.tables WHERE table_name = ? AND table_schema = COALESCE(?, DATABASE())',
      params: [table, schema ?? null],
    }
  },

  // Session variables in whole seconds (lock waits) and seconds (statement time); DDL is not transactional, so both scopes are the session.
  timeouts: {
    set(t) {
      const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000))
      return [
        ...(t.ddlLockTimeoutMs === undefined
          ? []
          : [{ sql: `SET SESSION lock_wait_timeout = ${seconds(t.ddlLockTimeoutMs)}` }, { sql: `SET SESSION innodb_lock_wait_timeout = ${seconds(t.ddlLockTimeoutMs)}` }]),
        ...(t.statementTimeoutMs === undefined ? [] : [{ sql: `SET SESSION max_statement_time = ${(t.statementTimeoutMs / 1000).toFixed(3)}` }]),
      ]
    },
    reset(t) {
      return [
        ...(t.ddlLockTimeoutMs === undefined ? [] : [{ sql: 'SET SESSION lock_wait_timeout = DEFAULT' }, { sql: 'SET SESSION innodb_lock_wait_timeout = DEFAULT' }]),
        ...(t.statementTimeoutMs === undefined ? [] : [{ sql: 'SET SESSION max_statement_time = DEFAULT' }]),
      ]
    },
    // 1205 ER_LOCK_WAIT_TIMEOUT: a metadata or row lock wait gave up.
    isLockTimeout: (error) => findCause(error, (e) => e['errno'] === 1205 || e['code'] === 'ER_LOCK_WAIT_TIMEOUT') !== undefined,
  },

  // MariaDB and MySQL have no embedded form: a throwaway database on the configured server, dropped after.
  async copySchema(from, into) {
    const tables = await from.query(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY table_name",
    )
    // Foreign keys name tables made later in the loop.
    await into.execute('SET FOREIGN_KEY_CHECKS = 0')
    try {
      for (const row of tables) {
        const name = String(row.name ?? row.NAME)
        const [shown] = await from.query(`SHOW CREATE TABLE \`${name.replaceAll('`', '``')}\``)
        await into.execute(String(shown?.['Create Table']))
      }
    } finally {
      await into.execute('SET FOREIGN_KEY_CHECKS = 1')
    }
  },

  async openScratch(configured) {
    const { openConnection } = await import('../connect.js')
    const name = `athanor_scratch_${randomBytes(6).toString('hex')}`
    const server = await openConnection({ ...configured, database: undefined })
    try {
      await server.execute(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`)
      const connection = await openConnection({ ...configured, database: name, raw: withDatabaseName(configured.raw, name) })
      const at = configured.host === undefined ? 'the configured server' : `${configured.host}:${configured.port ?? 3306}`
      return {
        connection,
        description: `a throwaway database ${name} on the configured server (${at}), dropped after`,
        async dispose() {
          await connection.close()
          try {
            await server.execute(`DROP DATABASE IF EXISTS \`${name}\``)
          } finally {
            await server.close()
          }
        },
      }
    } catch (error) {
      await server.execute(`DROP DATABASE IF EXISTS \`${name}\``).catch(() => undefined)
      await server.close()
      throw error
    }
  },

  async acquireLock(conn: DatabaseConnection, request: LockRequest): Promise<MigrationLock> {
    // GET_LOCK itself waits (up to a second per call here) and wakes as soon as
    // the holder releases, so polling adds no latency.
    await pollForLock(async (remainingMs, attempt) => {
      // The first try does not wait, so a busy lock is reported at once.
      const seconds = attempt === 0 ? 0 : Math.min(1, Math.floor(remainingMs / 1000))
      const rows = await conn.query<{ acquired: number | null }>(`SELECT GET_LOCK(${lockName}, ?) AS acquired`, [request.name, seconds])
      return Number(rows[0]?.acquired) === 1
    }, request)
    return {
      spansTransactions: true,
      begin: () => conn.begin(),
      async release() {
        await conn.query(`SELECT RELEASE_LOCK(${lockName})`, [request.name]).catch(() => undefined)
      },
    }
  },
}

/** The URL with its path (the database) replaced by `name`, query string kept. */
function withDatabaseName(raw: string, name: string): string {
  return raw.replace(/^([a-z]+:\/\/[^/?#]*)(\/[^?#]*)?/i, `$1/${name}`)
}
