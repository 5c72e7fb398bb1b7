import type { DatabaseUrl } from './database-url.js'
import type { DatabaseConnection, SqlStatement } from './dialect.js'
import type { PlaceholderSyntax } from './placeholder-scan.js'
import type { StatementEffect } from './statement-effect.js'

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

/** How long one statement of a revision may wait for a lock, and run. Absent: the database's own setting. */
export interface StatementTimeouts {
  readonly ddlLockTimeoutMs?: number | undefined
  readonly statementTimeoutMs?: number | undefined
}

/**
 * The statements that bound a revision's lock waits and statement time
 * (distinct from the migration lock's wait), and how to tell a lock timeout.
 */
export interface TimeoutSupport {
  /**
   * Statements setting `t`: for the current transaction where the database
   * scopes settings so (PostgreSQL `SET LOCAL`), else for the session;
   * `scope: 'session'` for statements outside a transaction (an autocommit block).
   */
  set(t: StatementTimeouts, scope: 'transaction' | 'session'): SqlStatement[]
  /** Statements putting back what `set(t, 'session')` changed. */
  reset(t: StatementTimeouts): SqlStatement[]
  /** True when `error` (or its cause) is the database giving up on a lock wait: the failure a retry may cure. */
  isLockTimeout(error: unknown): boolean
}

/**
 * A database made for one job and thrown away after it: `check --history`
 * replays the revisions into one and compares it with the models.
 *
 * @example
 * const scratch = await dialect.runtime.openScratch(parseDatabaseUrl(config.url))
 * try { await scratch.connection.query('SELECT 1') } finally { await scratch.dispose() }
 */
export interface ScratchDatabase {
  readonly connection: DatabaseConnection
  /** What it is, for the output: `SQLite in memory`, `PGlite in memory (embedded PostgreSQL)`, … */
  readonly description: string
  /** Closes it and removes what it left behind (a throwaway database on a server). */
  dispose(): Promise<void>
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
  /** Per-statement lock and run-time limits (`ddlLockTimeoutMs`, `statementTimeoutMs`). */
  readonly timeouts: TimeoutSupport
  /**
   * Where DDL commits by itself: what a statement does and how the catalog
   * shows it, so the runner can settle the one statement a crash left
   * uncertain. `undefined` when the statement's effect cannot be read back.
   */
  statementEffect?(sql: string): StatementEffect | undefined
  /**
   * A scratch database that an offline script's statements also run on, so
   * work that must read a table's shape (SQLite's batch) can read it while
   * nothing is read from the real database. It starts with the schema of the
   * database at `liveUrl` when that exists and can be read, else empty.
   * Absent where nothing needs it.
   */
  openOfflineShadow?(liveUrl: string | undefined): Promise<DatabaseConnection>
  /**
   * An empty scratch database of this dialect, needing no server where the
   * database has an embedded form; `configured` is the config's URL (a server
   * with no embedded form makes a throwaway database on it).
   */
  openScratch(configured: DatabaseUrl): Promise<ScratchDatabase>
  /**
   * Where DDL commits by itself: makes in `into` (an empty scratch database)
   * every table of `from`'s database, structure only, so a dry run can run
   * revisions there. Absent where a dry run rolls back instead.
   */
  copySchema?(from: DatabaseConnection, into: DatabaseConnection): Promise<void>
}
