import type pg from 'pg'
import type { DatabaseUrl } from '../../config/url.js'
import type { DatabaseConnection, Dialect, Row } from '../dialect.js'
import { connectFailed, importDriver, statementFailed } from '../driver-error.js'
import { postgresDialect } from './postgres-dialect.js'
import { rewritePlaceholders } from './postgres-placeholders.js'

/**
 * Opens a PostgreSQL connection with the `pg` driver (an optional peer
 * dependency). The URL is handed to `pg` as its connection string, so
 * `?sslmode=…` and the other libpq-style parameters work as users expect.
 *
 * @example
 * const conn = await openPostgresConnection(parseDatabaseUrl('postgres://postgres@127.0.0.1/app'))
 */
export async function openPostgresConnection(url: DatabaseUrl): Promise<DatabaseConnection> {
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
  return new PostgresConnection(client)
}

/** A `pg` client behind {@link DatabaseConnection}; `?` becomes `$n`. */
class PostgresConnection implements DatabaseConnection {
  readonly dialect: Dialect = postgresDialect
  readonly #client: pg.Client
  #statements = 0

  constructor(client: pg.Client) {
    this.#client = client
  }

  get statementCount(): number {
    return this.#statements
  }

  async execute(sql: string, params?: readonly unknown[]): Promise<{ rowCount: number }> {
    const result = await this.#send(sql, params)
    return { rowCount: result.rowCount ?? 0 }
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
    await this.#client.end().catch(() => undefined)
  }

  async #send(sql: string, params: readonly unknown[] | undefined): Promise<pg.QueryResult> {
    this.#statements += 1
    try {
      const result: pg.QueryResult | pg.QueryResult[] =
        params === undefined || params.length === 0
          ? await this.#client.query(sql)
          : await this.#client.query(rewritePlaceholders(sql), params.map(bindable))
      // Several statements in one text yield one result each; the last one is the answer.
      return Array.isArray(result) ? (result[result.length - 1] ?? { rows: [], rowCount: 0 } as unknown as pg.QueryResult) : result
    } catch (error) {
      throw statementFailed(error)
    }
  }
}

/** `pg` sends undefined as NULL only when told; Uint8Array must be a Buffer to become bytea. */
function bindable(value: unknown): unknown {
  if (value === undefined) return null
  if (value instanceof Uint8Array && !Buffer.isBuffer(value)) return Buffer.from(value)
  return value
}
