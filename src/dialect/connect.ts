import { ConfigError } from '../errors.js'
import type { DatabaseUrl } from './database-url.js'
import type { DatabaseConnection } from './dialect.js'
import { wrapConnection, type OpenOptions } from './driver-connection.js'
import { loadDialect, parseDatabaseUrl } from './registry.js'

/**
 * Opens a connection for any URL athanor accepts, with the driver the URL
 * names. Only the URL's dialect is loaded, and its driver package on first
 * use, so a project on SQLite never loads `pg`. A driver that is not
 * installed is a `ConfigError` saying what to install; a database that
 * cannot be reached is a `DatabaseError` with the password masked.
 *
 * @example
 * const conn = await openConnection('sqlite::memory:')
 * await conn.execute('CREATE TABLE t (a INTEGER)')
 * await conn.execute('INSERT INTO t (a) VALUES (?)', [1])
 * const rows = await conn.query('SELECT a FROM t') // [{ a: 1 }]
 * await conn.close()
 */
export async function openConnection(url: DatabaseUrl | string, options: OpenOptions = {}): Promise<DatabaseConnection> {
  const parsed = typeof url === 'string' ? parseDatabaseUrl(url) : url
  const dialect = await loadDialect(parsed)
  const driver = dialect.drivers[parsed.driver]
  // The registry's schemes and the dialects' drivers are checked against each other by a test.
  if (driver === undefined) throw new ConfigError(`the ${dialect.name} dialect has no driver "${parsed.driver}"`)
  return wrapConnection(dialect, await driver.open(parsed, options))
}
