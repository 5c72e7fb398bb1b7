import type { Dialect, SqlStatement } from './dialect.js'

/** The version table's only column, as Alembic names it. */
export const VERSION_COLUMN = 'version_num'

/** The statements that read and write a version table, quoted by its dialect. */
export interface VersionTableSql {
  /** `CREATE TABLE IF NOT EXISTS …` with `version_num VARCHAR(255) NOT NULL` as primary key. */
  readonly create: SqlStatement
  /** Reads every row as `{ version_num }`. */
  readonly select: SqlStatement
  insert(id: string): SqlStatement
  /** Replaces one row by another (Alembic's single-row move). */
  update(from: string, to: string): SqlStatement
  delete(id: string): SqlStatement
  /** Empties the table (`stamp --purge`). */
  readonly deleteAll: SqlStatement
}

/**
 * Builds the version table's SQL for a dialect. The primary key constraint is
 * named `<table>_pkc`, as Alembic names it, so an Alembic-created table and an
 * athanor-created one look alike.
 *
 * @example
 * versionTableSql(postgresDialect, 'athanor_version').insert('3f2a9c1b7d4e')
 * // { sql: 'INSERT INTO "athanor_version" ("version_num") VALUES (?)', params: ['3f2a9c1b7d4e'] }
 */
export function versionTableSql(dialect: Dialect, table: string, schema?: string): VersionTableSql {
  const name = dialect.quoteQualified(table, schema)
  const column = dialect.quoteIdentifier(VERSION_COLUMN)
  const pk = dialect.quoteIdentifier(`${table}_pkc`)
  return {
    create: { sql: `CREATE TABLE IF NOT EXISTS ${name} (${column} VARCHAR(255) NOT NULL, CONSTRAINT ${pk} PRIMARY KEY (${column}))` },
    select: { sql: `SELECT ${column} FROM ${name}` },
    insert: (id) => ({ sql: `INSERT INTO ${name} (${column}) VALUES (?)`, params: [id] }),
    update: (from, to) => ({ sql: `UPDATE ${name} SET ${column} = ? WHERE ${column} = ?`, params: [to, from] }),
    delete: (id) => ({ sql: `DELETE FROM ${name} WHERE ${column} = ?`, params: [id] }),
    deleteAll: { sql: `DELETE FROM ${name}` },
  }
}
