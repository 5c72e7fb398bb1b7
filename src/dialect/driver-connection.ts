import type { DatabaseUrl } from './database-url.js'
import type { DatabaseConnection, Dialect, Row } from './dialect.js'
import { statementFailed } from './driver-error.js'

/** What a driver answers for one statement: its rows (empty for DML/DDL) and the rows it touched. */
export interface DriverResult {
  readonly rows: Row[]
  readonly rowCount: number
}

/**
 * The part of a connection that differs per driver: sending one statement
 * text (with `?` placeholders still to be rewritten by the driver adapter)
 * and releasing the driver's handle. Everything else a
 * {@link DatabaseConnection} does is the same for every driver and lives in
 * {@link wrapConnection}.
 */
export interface DriverSession {
  /** Sends one statement; a driver error may be thrown as is, it is wrapped by the caller. */
  send(sql: string, params: readonly unknown[] | undefined): Promise<DriverResult>
  /** Releases the driver's handle; called once, however often `close()` is. */
  release(): Promise<void>
}

/**
 * One client library that opens a dialect's URLs (better-sqlite3, pg, PGlite,
 * mysql2). The library itself loads on the first `open`, so a project never
 * loads a driver its URL does not name; one that is not installed is a
 * `ConfigError` saying what to install.
 *
 * @example
 * const session = await dialect.drivers[url.driver]!.open(url)
 */
export interface DatabaseDriver {
  /** Connects; a database that cannot be reached is a `DatabaseError` with the password masked. */
  open(url: DatabaseUrl, options?: OpenOptions): Promise<DriverSession>
}

/** How a connection is opened. */
export interface OpenOptions {
  /**
   * For read commands: an embedded database is opened read-only and never
   * created; a missing one is a `ConfigError` ("no such database file").
   */
  readonly readOnly?: boolean
}

/**
 * Puts a driver's {@link DriverSession} behind {@link DatabaseConnection}:
 * counts every statement sent (transaction control included), wraps driver
 * errors as `DatabaseError` (see `statementFailed`), runs the dialect's
 * begin/commit/rollback statements, and makes `close()` safe to call twice.
 *
 * @example
 * const conn = wrapConnection(sqliteDialect, {
 *   send: async (sql) => ({ rows: db.prepare(sql).all(), rowCount: 0 }),
 *   release: async () => db.close(),
 * })
 */
export function wrapConnection(dialect: Dialect, session: DriverSession): DatabaseConnection {
  return new DriverConnection(dialect, session)
}

class DriverConnection implements DatabaseConnection {
  readonly dialect: Dialect
  readonly #session: DriverSession
  #statements = 0
  #closed = false

  constructor(dialect: Dialect, session: DriverSession) {
    this.dialect = dialect
    this.#session = session
  }

  get statementCount(): number {
    return this.#statements
  }

  async execute(sql: string, params?: readonly unknown[]): Promise<{ rowCount: number }> {
    return { rowCount: (await this.#send(sql, params)).rowCount }
  }

  async query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]> {
    return (await this.#send(sql, params)).rows as R[]
  }

  async begin(): Promise<void> {
    await this.execute(this.dialect.beginSql)
  }

  async commit(): Promise<void> {
    await this.execute(this.dialect.commitSql)
  }

  async rollback(): Promise<void> {
    await this.execute(this.dialect.rollbackSql)
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    await this.#session.release()
  }

  async #send(sql: string, params: readonly unknown[] | undefined): Promise<DriverResult> {
    this.#statements += 1
    try {
      return await this.#session.send(sql, params)
    } catch (error) {
      throw statementFailed(error)
    }
  }
}
