import { parseDatabaseUrl, type DatabaseUrl, type DialectName, type DriverName } from '../config/url.js'
import type { DatabaseConnection, Dialect } from './dialect.js'
import { mysqlDialect } from './mysql/mysql-dialect.js'
import { postgresDialect } from './postgres/postgres-dialect.js'
import { sqliteDialect } from './sqlite/sqlite-dialect.js'
import { openMysqlConnection } from './mysql/mysql-connection.js'
import { openPgliteConnection } from './pglite/pglite-connection.js'
import { openPostgresConnection } from './postgres/postgres-connection.js'
import { openSqliteConnection } from './sqlite/sqlite-connection.js'

const openers: Record<DriverName, (url: DatabaseUrl) => Promise<DatabaseConnection>> = {
  'better-sqlite3': openSqliteConnection,
  pg: openPostgresConnection,
  mysql2: openMysqlConnection,
  pglite: openPgliteConnection,
}

/**
 * Opens a connection for any URL athanor accepts, with the driver the URL
 * names. Drivers load lazily, so a project on SQLite never loads `pg`. A driver
 * that is not installed is a `ConfigError` saying what to install; a database
 * that cannot be reached is a `DatabaseError` with the password masked.
 *
 * @example
 * const conn = await openConnection('sqlite::memory:')
 * await conn.execute('CREATE TABLE t (a INTEGER)')
 * await conn.execute('INSERT INTO t (a) VALUES (?)', [1])
 * const rows = await conn.query('SELECT a FROM t') // [{ a: 1 }]
 * await conn.close()
 */
export async function openConnection(url: DatabaseUrl | string): Promise<DatabaseConnection> {
  const parsed = typeof url === 'string' ? parseDatabaseUrl(url) : url
  return openers[parsed.driver](parsed)
}

const dialects: Record<DialectName, Dialect> = {
  sqlite: sqliteDialect,
  postgres: postgresDialect,
  mysql: mysqlDialect,
}

/**
 * The dialect of a URL without connecting: offline (`--sql`) runs write SQL
 * for a database they never open.
 *
 * @example
 * dialectForUrl('mysql://root@db/app').name // 'mysql'
 */
export function dialectForUrl(url: DatabaseUrl | string): Dialect {
  const parsed = typeof url === 'string' ? parseDatabaseUrl(url) : url
  return dialects[parsed.dialect]
}
