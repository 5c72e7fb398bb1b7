import { existsSync, mkdirSync } from 'node:fs'
import { MissingDatabaseError } from '../../errors.js'
import { dirname, resolve } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import type { Row } from '../dialect.js'
import type { DatabaseDriver, DriverSession } from '../driver-connection.js'
import { connectFailed, importDriver } from '../driver-error.js'

/**
 * Opens a SQLite database with better-sqlite3. `sqlite::memory:` is a fresh
 * in-memory database; a file path is created (with its directory) if missing.
 *
 * @example
 * const session = await betterSqlite3Driver.open(parseDatabaseUrl('sqlite:./app.db'))
 */
export const betterSqlite3Driver: DatabaseDriver = {
  async open(url, options = {}) {
    const driver = await importDriver<{ default: typeof BetterSqlite3 }>('better-sqlite3', 'sqlite')
    const path = url.path ?? ':memory:'
    const readOnly = options.readOnly === true && path !== ':memory:'
    if (readOnly && !existsSync(path)) throw new MissingDatabaseError(path)
    try {
      if (readOnly) return sqliteSession(new driver.default(path, { readonly: true, fileMustExist: true }))
      if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true })
      return sqliteSession(new driver.default(path))
    } catch (error) {
      throw connectFailed(url.raw, error)
    }
  },
}

/** A better-sqlite3 database as a {@link DriverSession}; the driver is synchronous. */
function sqliteSession(db: BetterSqlite3.Database): DriverSession {
  return {
    async send(sql, params) {
      const statement = db.prepare(sql)
      const values = bindable(params)
      if (!statement.reader) return { rows: [], rowCount: statement.run(...values).changes }
      const rows = statement.all(...values) as Row[]
      return { rows, rowCount: rows.length }
    },
    async release() {
      if (db.open) db.close()
    },
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

