import type pg from 'pg'
import type { DatabaseDriver, DriverSession } from '../driver-connection.js'
import { connectFailed, importDriver } from '../driver-error.js'
import { holdWhileBusy, socketAt } from '../idle-socket.js'
import { rewritePlaceholders } from './postgres-placeholders.js'

/**
 * Opens a PostgreSQL connection with the `pg` driver (an optional peer
 * dependency). The URL is handed to `pg` as its connection string, so
 * `?sslmode=…` and the other libpq-style parameters work as users expect.
 *
 * @example
 * const session = await pgDriver.open(parseDatabaseUrl('postgres://postgres@127.0.0.1/app'))
 */
export const pgDriver: DatabaseDriver = {
  async open(url) {
    const driver = await importDriver<{ default: typeof pg }>('pg', 'postgres')
    const client = new driver.default.Client({ connectionString: url.raw })
    // A server-side disconnect is reported on the next statement; without a
    // listener the event would crash the process.
    client.on('error', () => undefined)
    try {
      await client.connect()
    } catch (error) {
      await client.end().catch(() => undefined)
      throw connectFailed(url.raw, error)
    }
    return postgresSession(client)
  },
}

/** A `pg` client as a {@link DriverSession}; `?` becomes `$n`. */
function postgresSession(client: pg.Client): DriverSession {
  const busy = holdWhileBusy(socketAt(client, ['connection', 'stream']))
  return {
    async send(sql, params) {
      const result: pg.QueryResult | pg.QueryResult[] = await busy(() =>
        params === undefined || params.length === 0 ? client.query(sql) : client.query(rewritePlaceholders(sql), params.map(bindable)),
      )
      // Several statements in one text yield one result each; the last one is the answer.
      const last = Array.isArray(result) ? result[result.length - 1] : result
      return { rows: last?.rows ?? [], rowCount: last?.rowCount ?? 0 }
    },
    async release() {
      // Held while closing too: the process must not end half way through the goodbye.
      await busy(() => client.end()).catch(() => undefined)
    },
  }
}

/** `pg` sends undefined as NULL only when told; Uint8Array must be a Buffer to become bytea. */
function bindable(value: unknown): unknown {
  if (value === undefined) return null
  if (value instanceof Uint8Array && !Buffer.isBuffer(value)) return Buffer.from(value)
  return value
}
