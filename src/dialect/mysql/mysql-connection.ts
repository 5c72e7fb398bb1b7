import type * as mysql from 'mysql2/promise'
import type { DatabaseUrl } from '../../config/url.js'
import type { DatabaseConnection, Row } from '../dialect.js'
import { wrapConnection, type DriverSession } from '../driver-connection.js'
import { connectFailed, importDriver } from '../driver-error.js'
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
    return wrapConnection(mysqlDialect, mysqlSession(connection))
  } catch (error) {
    throw connectFailed(url.raw, error)
  }
}

/** A `mysql2` connection as a {@link DriverSession}; `?` is mysql2's own placeholder. */
function mysqlSession(connection: mysql.Connection): DriverSession {
  return {
    async send(sql, params) {
      // query(), not execute(): the text protocol accepts every statement
      // (DDL included), and mysql2 escapes the values client-side.
      const [result] = await connection.query(sql, params === undefined ? undefined : params.map(bindable))
      if (Array.isArray(result)) return { rows: result as Row[], rowCount: result.length }
      return { rows: [], rowCount: (result as mysql.ResultSetHeader).affectedRows ?? 0 }
    },
    async release() {
      await connection.end().catch(() => connection.destroy())
    },
  }
}

function bindable(value: unknown): unknown {
  return value === undefined ? null : value
}
