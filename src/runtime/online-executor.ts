import type { DatabaseConnection, Dialect, Row, SqlStatement } from '../dialect/dialect.js'
import type { MigrationLock } from '../dialect/runtime-support.js'
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

  constructor(conn: DatabaseConnection, lock: MigrationLock) {
    this.#conn = conn
    this.#lock = lock
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
    }
  }

  async begin(): Promise<void> {
    await this.#lock.begin()
    this.#inTransaction = true
  }

  async commit(): Promise<void> {
    if (!this.#inTransaction) return
    // Still in the transaction: if the check throws, the caller's rollback undoes it.
    await this.#lock.beforeCommit?.()
    this.#inTransaction = false
    await this.#conn.commit()
  }

  async rollback(): Promise<void> {
    if (!this.#inTransaction) return
    this.#inTransaction = false
    await this.#conn.rollback()
  }

  async autocommit<T>(fn: () => Promise<T>): Promise<T> {
    const resume = this.#inTransaction
    await this.commit()
    try {
      return await fn()
    } finally {
      if (resume) await this.begin()
    }
  }
}
