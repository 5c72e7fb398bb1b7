/**
 * The executor behind `Athanor.withOperations`: ops run straight on one
 * connection inside one transaction, outside any revision and without the
 * migration lock (it is for scripts and tests, not for schema history).
 */
import type { DatabaseConnection, Row, SqlStatement } from '../dialect/dialect.js'
import type { OperationExecutor } from '../operations/executor.js'

/**
 * Sends each compiled statement to `conn`.
 *
 * @example
 * const op = new Operations(new ConnectionExecutor(conn), context)
 */
export class ConnectionExecutor implements OperationExecutor {
  readonly offline = false
  readonly #conn: DatabaseConnection

  constructor(conn: DatabaseConnection) {
    this.#conn = conn
  }

  get dialect(): DatabaseConnection['dialect'] {
    return this.#conn.dialect
  }

  /** The connection itself, for `op.connection`. */
  get connection(): DatabaseConnection {
    return this.#conn
  }

  async run(statement: SqlStatement): Promise<void> {
    await this.#conn.execute(statement.sql, statement.params ?? [])
  }

  query(statement: SqlStatement): Promise<Row[]> {
    return this.#conn.query(statement.sql, statement.params ?? [])
  }

  async autocommit<T>(fn: () => Promise<T>): Promise<T> {
    // Some statements (PostgreSQL's ALTER TYPE … ADD VALUE before 12, CREATE INDEX CONCURRENTLY)
    // refuse to run in a transaction: close it, run them, open a new one.
    await this.#conn.commit()
    try {
      return await fn()
    } finally {
      await this.#conn.begin()
    }
  }
}
