/**
 * Reads a database's catalog back in tests, so runtime tests can check the
 * schema after each step without trusting the code under test.
 */
import type { DatabaseConnection } from '../../src/dialect/dialect.js'
import { journalTableName } from '../../src/dialect/version-table-sql.js'
import type { TestDatabase, TestDatabaseKind } from './databases.js'

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
  const names = (await conn.query(tableListQueries[kind])).map((row) => String(row.name ?? row.NAME ?? Object.values(row)[0]))
  // A version table's journal (MySQL, MariaDB) is bookkeeping next to it, not a table the revisions made.
  return names.filter((name) => !names.some((other) => name === journalTableName(other))).sort()
}

/**
 * The version table's rows, sorted, read with plain SQL.
 *
 * @example
 * expect(await versionRows(conn)).toEqual(['000000000003'])
 */
export async function versionRows(conn: DatabaseConnection, table = 'athanor_version'): Promise<string[]> {
  // No version table is a database at base: a run that applied nothing takes away the table it made.
  const query = conn.dialect.runtime.tableExistsQuery(table)
  const exists = await conn.query(query.sql, query.params)
  if (exists.length === 0) return []
  const rows = await conn.query(`SELECT version_num FROM ${conn.dialect.quoteIdentifier(table)}`)
  return rows.map((row) => String(row.version_num)).sort()
}

const columnQueries: Record<TestDatabaseKind, string> = {
  sqlite:
    "SELECT m.name AS table_name, p.name AS column_name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'",
  postgres: 'SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()',
  pglite: 'SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()',
  mysql: 'SELECT table_name AS table_name, column_name AS column_name FROM information_schema.columns WHERE table_schema = DATABASE()',
}

/**
 * Every table with its column names, sorted: enough to tell two schemas apart
 * in runtime tests (the schema engineer's reflection compares the details).
 *
 * @example
 * expect(await describeTables(a, 'sqlite')).toEqual(await describeTables(b, 'sqlite'))
 */
export async function describeTables(conn: DatabaseConnection, kind: TestDatabaseKind): Promise<Record<string, string[]>> {
  const rows = await conn.query(columnQueries[kind])
  const tables: Record<string, string[]> = {}
  for (const row of rows) {
    const table = String(row.table_name ?? row.TABLE_NAME)
    const column = String(row.column_name ?? row.COLUMN_NAME)
    ;(tables[table] ??= []).push(column)
  }
  for (const columns of Object.values(tables)) columns.sort()
  const names = Object.keys(tables)
  // As in listTables: a version table's journal is the runner's bookkeeping, which offline scripts do without.
  return Object.fromEntries(
    Object.entries(tables)
      .filter(([name]) => !names.some((other) => name === journalTableName(other)))
      .sort(([a], [b]) => a.localeCompare(b)),
  )
}

/**
 * What a migration left behind in `db`: the version rows and the user tables
 * (the version table and its checksum side table left out), read on a
 * connection of its own.
 */
export async function migrationState(db: TestDatabase): Promise<{ rows: string[]; tables: string[] }> {
  const conn = await db.connect()
  try {
    return { rows: await versionRows(conn), tables: (await listTables(conn, db.kind)).filter((t) => t !== 'athanor_version' && t !== 'athanor_version_checksums') }
  } finally {
    await conn.close()
  }
}
