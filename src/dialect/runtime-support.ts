import type { DatabaseConnection, SqlStatement } from './dialect.js'
import type { PlaceholderSyntax } from './placeholder-scan.js'

/** What the migration runner asks for when it takes the database-level lock. */
export interface LockRequest {
  /** What is being locked, usually the version table's qualified name; the lock key derives from it. */
  readonly name: string
  /** Give up after this long; a `DatabaseError` says who to wait for. */
  readonly timeoutMs: number
  /** Called when the lock is busy and again while the wait goes on. */
  readonly onWait?: ((message: string) => void) | undefined
}

/**
 * The migration lock, held from `acquireLock` until `release`. Where the lock
 * is a session lock (PostgreSQL advisory lock, MySQL `GET_LOCK`) it survives
 * commits; where it is the write transaction itself (SQLite) it is taken anew
 * by every {@link MigrationLock.begin}, and the runner re-reads the version
 * table inside each transaction.
 */
export interface MigrationLock {
  /** True when the lock stays held across transaction boundaries. */
  readonly spansTransactions: boolean
  /** Begins a transaction that holds the lock (SQLite: `BEGIN IMMEDIATE`). */
  begin(): Promise<void>
  /**
   * Runs inside each migration transaction just before its COMMIT; throwing
   * fails the transaction, which the runner then rolls back. SQLite checks
   * here the foreign keys it does not enforce during the run.
   */
  beforeCommit?(): Promise<void>
  /** Releases the lock and restores what taking it changed; safe to call once the connection has failed. */
  release(): Promise<void>
}

/**
 * The per-database SQL the runtime needs beyond the dialect's quoting and
 * literals: the migration lock, the catalog query that says whether a table
 * exists, and the lexical rules for finding `?` placeholders. Each dialect
 * has one (`dialect.runtime`), so the runner never asks which database it
 * talks to.
 *
 * @example
 * const lock = await conn.dialect.runtime.acquireLock(conn, { name: 'athanor_version', timeoutMs: 60_000 })
 */
export interface RuntimeSupport {
  /** Where this database hides `?` that are not placeholders (strings, comments…). */
  readonly placeholderSyntax: PlaceholderSyntax
  /** A query returning at least one row exactly when the table exists. */
  tableExistsQuery(table: string, schema?: string): SqlStatement
  /** Takes the migration lock on `conn`, waiting up to `request.timeoutMs`. */
  acquireLock(conn: DatabaseConnection, request: LockRequest): Promise<MigrationLock>
  /**
   * A scratch database that an offline script's statements also run on, so
   * work that must read a table's shape (SQLite's batch) can read it while
   * nothing is read from the real database. It starts with the schema of the
   * database at `liveUrl` when that exists and can be read, else empty.
   * Absent where nothing needs it.
   */
  openOfflineShadow?(liveUrl: string | undefined): Promise<DatabaseConnection>
}
