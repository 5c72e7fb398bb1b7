import type * as mysql from 'mysql2/promise'
import type { DatabaseUrl } from '../../config/url.js'
import type { DatabaseConnection, Dialect, Row } from '../dialect.js'
import { connectFailed, importDriver, statementFailed } from '../driver-error.js'
import { mysqlDialect } from './mysql-dialect.js'

/**
 * Opens a MySQL or MariaDB connection with `mysql2` (an optional peer
 * dependency). One statement per call: `multipleStatements` stays off, so a
 * value can never smuggle in a second statement.
 *
 * @example
 * const conn = await openMysqlConnection(parseDatabaseUrl('mysql://root@127.0.0.1/app'))
 */
export async function openMysqlConnection(url: DatabaseUrl): Promise<DatabaseConnection> {
  const driver = await importDriver<typeof mysql>('mysql2/promise', 'mysql')
  try {
    const connection = await driver.createConnection({
      host: url.host,
      port: url.port,
      user: url.user,
      password: url.password,
      database: url.database,
      charset: 'utf8mb4',
      multipleStatements: false,
      supportBigNumbers: true,
    })
    // Without a listener a dropped connection is an unhandled 'error' event.
    connection.on('error', () => undefined)
    return new MysqlConnection(connection)
  } catch (error) {
    throw connectFailed(url.raw, error)
  }
}

/** A `mysql2` connection behind {@link DatabaseConnection}; `?` is mysql2's own placeholder. */
class MysqlConnection implements DatabaseConnection {
  readonly dialect: Dialect = mysqlDialect
  readonly #connection: mysql.Connection
  #statements = 0

  constructor(connection: mysql.Connection) {
    this.#connection = connection
  }

  get statementCount(): number {
    return this.#statements
  }

  async execute(sql: string, params?: readonly unknown[]): Promise<{ rowCount: number }> {
    const result = await this.#send(sql, params)
    if (Array.isArray(result)) return { rowCount: result.length }
    return { rowCount: (result as mysql.ResultSetHeader).affectedRows ?? 0 }
  }

  async query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]> {
    const result = await this.#send(sql, params)
    return Array.isArray(result) ? (result as R[]) : []
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
    await this.#connection.end().catch(() => this.#connection.destroy())
  }

  async #send(sql: string, params: readonly unknown[] | undefined): Promise<unknown> {
    this.#statements += 1
    try {
      // query(), not execute(): the text protocol accepts every statement
      // (DDL included), and mysql2 escapes the values client-side.
      const [result] = await this.#connection.query(sql, params === undefined ? undefined : params.map(bindable))
      return result
    } catch (error) {
      throw statementFailed(error)
    }
  }
}

function bindable(value: unknown): unknown {
  return value === undefined ? null : value
}
