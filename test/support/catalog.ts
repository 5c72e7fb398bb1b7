/**
 * Reads a database's catalog back in tests, so runtime tests can check the
 * schema after each step without trusting the code under test.
 */
import type { DatabaseConnection } from '../../src/dialect/dialect.js'
import type { TestDatabaseKind } from './databases.js'

const tableListQueries: Record<TestDatabaseKind, string> = {
  sqlite: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
  postgres: "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
  pglite: "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
  mysql: "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'",
}

/**
 * Names of the user tables in the connection's default schema, sorted.
 *
 * @example
 * expect(await listTables(conn, 'sqlite')).toEqual(['athanor_version', 't1'])
 */
export async function listTables(conn: DatabaseConnection, kind: TestDatabaseKind): Promise<string[]> {
  const rows = await conn.query(tableListQueries[kind])
  return rows.map((row) => String(row.name ?? row.NAME ?? Object.values(row)[0])).sort()
}

/**
 * The version table's rows, sorted, read with plain SQL.
 *
 * @example
 * expect(await versionRows(conn)).toEqual(['000000000003'])
 */
export async function versionRows(conn: DatabaseConnection, table = 'athanor_version'): Promise<string[]> {
  const rows = await conn.query(`SELECT version_num FROM ${conn.dialect.quoteIdentifier(table)}`)
  return rows.map((row) => String(row.version_num)).sort()
}
