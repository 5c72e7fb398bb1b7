import type { DatabaseConnection, Dialect, Row, SqlStatement } from '../dialect/dialect.js'
import type { MigrationLock, StatementTimeouts } from '../dialect/runtime-support.js'
import type { TableName } from '../dialect/ddl-compiler.js'
import { DependentTypeCache } from './dependent-type-cache.js'
import { StatementFailedError, type RunExecutor } from './run-executor.js'

/**
 * Runs a revision's statements on a live connection. Transactions begin
 * through the migration lock, so on SQLite each one is `BEGIN IMMEDIATE`.
 *
 * @example
 * const executor = new OnlineExecutor(conn, lock)
 * await executor.begin()
 * await executor.run({ sql: 'CREATE TABLE t (a INTEGER)' })
 * await executor.commit()
 */
export class OnlineExecutor implements RunExecutor {
  readonly offline = false
  readonly #conn: DatabaseConnection
  readonly #lock: MigrationLock
  #inTransaction = false
  #statementsInStep = 0
  #timeouts: StatementTimeouts | undefined
  readonly #dependentTypes: DependentTypeCache

  constructor(conn: DatabaseConnection, lock: MigrationLock) {
    this.#conn = conn
    this.#lock = lock
    this.#dependentTypes = new DependentTypeCache(conn)
  }

  /** Whether a drop must clean up a dependent type (PostgreSQL enums): one catalog query per run, see DependentTypeCache. */
  needsTypeCleanup(table: TableName, column?: string): Promise<boolean | undefined> {
    return this.#dependentTypes.needsCleanup(table, column)
  }

  get dialect(): Dialect {
    return this.#conn.dialect
  }

  /** The connection itself, for `op.connection`. */
  get connection(): DatabaseConnection {
    return this.#conn
  }

  get statementsInStep(): number {
    return this.#statementsInStep
  }

  startStep(): void {
    this.#statementsInStep = 0
  }

  note(): void {}

  async run(statement: SqlStatement): Promise<void> {
    try {
      await this.#execute(statement)
    } finally {
      this.#dependentTypes.sent(statement.sql)
    }
  }

  async #execute(statement: SqlStatement): Promise<void> {
    this.#statementsInStep += 1
    try {
      await this.#conn.execute(statement.sql, statement.params)
    } catch (error) {
      throw new StatementFailedError(statement, error)
    }
  }

  async query(statement: SqlStatement): Promise<Row[]> {
    this.#statementsInStep += 1
    try {
      return await this.#conn.query(statement.sql, statement.params)
    } catch (error) {
      throw new StatementFailedError(statement, error)
    } finally {
      this.#dependentTypes.sent(statement.sql)
    }
  }

  async begin(): Promise<void> {
    await this.#lock.begin()
    this.#inTransaction = true
    if (this.#timeouts !== undefined) await this.#runAll(this.dialect.runtime.timeouts.set(this.#timeouts, 'transaction'))
    this.#dependentTypes.resync()
  }

  async setTimeouts(timeouts: StatementTimeouts | undefined): Promise<void> {
    this.#timeouts = timeouts
    if (timeouts !== undefined && this.#inTransaction) await this.#runAll(this.dialect.runtime.timeouts.set(timeouts, 'transaction'))
  }

  /** Limits and other session settings: they change no column, so the dependent-type answer stands. */
  async #runAll(statements: readonly SqlStatement[]): Promise<void> {
    for (const statement of statements) await this.#execute(statement)
    this.#dependentTypes.resync()
  }

  async commit(): Promise<void> {
    if (!this.#inTransaction) return
    // Still in the transaction: if the check throws, the caller's rollback undoes it.
    await this.#lock.beforeCommit?.()
    // Still open if COMMIT fails (SQLite leaves the transaction active on SQLITE_BUSY): the caller's rollback must end it.
    await this.#conn.commit()
    this.#inTransaction = false
    this.#dependentTypes.resync()
  }

  async rollback(): Promise<void> {
    if (!this.#inTransaction) return
    this.#inTransaction = false
    await this.#conn.rollback()
    // The rollback may bring back a column the answer no longer lists.
    this.#dependentTypes.forget()
  }

  async autocommit<T>(fn: () => Promise<T>): Promise<T> {
    const resume = this.#inTransaction
    await this.commit()
    const timeouts = this.#timeouts
    try {
      if (timeouts !== undefined) await this.#runAll(this.dialect.runtime.timeouts.set(timeouts, 'session'))
      return await fn()
    } finally {
      if (timeouts !== undefined) await this.#runAll(this.dialect.runtime.timeouts.reset(timeouts))
      if (resume) await this.begin()
    }
  }
}
