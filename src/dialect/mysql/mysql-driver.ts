import type * as mysql from 'mysql2/promise'
import type { Row } from '../dialect.js'
import type { DatabaseDriver, DriverSession } from '../driver-connection.js'
import { connectFailed, importDriver } from '../driver-error.js'
import { holdWhileBusy, socketAt } from '../idle-socket.js'

/**
 * Opens a MySQL or MariaDB connection with `mysql2` (an optional peer
 * dependency). One statement per call: `multipleStatements` stays off, so a
 * value can never smuggle in a second statement.
 *
 * @example
 * const session = await mysql2Driver.open(parseDatabaseUrl('mysql://root@127.0.0.1/app'))
 */
export const mysql2Driver: DatabaseDriver = {
  async open(url) {
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
      return mysqlSession(connection)
    } catch (error) {
      throw connectFailed(url.raw, error)
    }
  },
}

/** A `mysql2` connection as a {@link DriverSession}; `?` is mysql2's own placeholder. */
function mysqlSession(connection: mysql.Connection): DriverSession {
  const busy = holdWhileBusy(socketAt(connection, ['connection', 'stream']))
  return {
    async send(sql, params) {
      // query(), not execute(): the text protocol accepts every statement
      // (DDL included), and mysql2 escapes the values client-side.
      const [result] = await busy(() => connection.query(sql, params === undefined ? undefined : params.map(bindable)))
      if (Array.isArray(result)) return { rows: result as Row[], rowCount: result.length }
      return { rows: [], rowCount: (result as mysql.ResultSetHeader).affectedRows ?? 0 }
    },
    async release() {
      // Held while closing too: the process must not end half way through the goodbye.
      await busy(() => connection.end()).catch(() => connection.destroy())
    },
  }
}

function bindable(value: unknown): unknown {
  return value === undefined ? null : value
}
