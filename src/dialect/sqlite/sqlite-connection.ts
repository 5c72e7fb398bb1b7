import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import type { DatabaseUrl } from '../../config/url.js'
import type { DatabaseConnection, Dialect, Row } from '../dialect.js'
import { connectFailed, importDriver, statementFailed } from '../driver-error.js'
import { sqliteDialect } from './sqlite-dialect.js'

/**
 * Opens a SQLite database with better-sqlite3. `sqlite::memory:` is a fresh
 * in-memory database; a file path is created (with its directory) if missing.
 *
 * @example
 * const conn = await openSqliteConnection(parseDatabaseUrl('sqlite:./app.db'))
 */
export async function openSqliteConnection(url: DatabaseUrl): Promise<DatabaseConnection> {
  const driver = await importDriver<{ default: typeof BetterSqlite3 }>('better-sqlite3', 'sqlite')
  const path = url.path ?? ':memory:'
  try {
    if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true })
    return new SqliteConnection(new driver.default(path))
  } catch (error) {
    throw connectFailed(url.raw, error)
  }
}

/** A better-sqlite3 database behind {@link DatabaseConnection}; the driver is synchronous. */
class SqliteConnection implements DatabaseConnection {
  readonly dialect: Dialect = sqliteDialect
  readonly #db: BetterSqlite3.Database
  #statements = 0

  constructor(db: BetterSqlite3.Database) {
    this.#db = db
  }

  get statementCount(): number {
    return this.#statements
  }

  async execute(sql: string, params?: readonly unknown[]): Promise<{ rowCount: number }> {
    this.#statements += 1
    try {
      const statement = this.#db.prepare(sql)
      const values = bindable(params)
      if (statement.reader) return { rowCount: statement.all(...values).length }
      return { rowCount: statement.run(...values).changes }
    } catch (error) {
      throw statementFailed(error)
    }
  }

  async query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]> {
    this.#statements += 1
    try {
      const statement = this.#db.prepare(sql)
      const values = bindable(params)
      if (!statement.reader) {
        statement.run(...values)
        return []
      }
      return statement.all(...values) as R[]
    } catch (error) {
      throw statementFailed(error)
    }
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
    if (this.#db.open) this.#db.close()
  }
}

/** better-sqlite3 binds numbers, strings, bigints, buffers and null only. */
function bindable(params: readonly unknown[] | undefined): unknown[] {
  if (params === undefined) return []
  return params.map((value) => {
    if (value === undefined) return null
    if (typeof value === 'boolean') return value ? 1 : 0
    if (value instanceof Date) return value.toISOString().replace('T', ' ').replace('Z', '')
    if (value instanceof Uint8Array && !Buffer.isBuffer(value)) return Buffer.from(value)
    if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) return JSON.stringify(value)
    return value
  })
}
