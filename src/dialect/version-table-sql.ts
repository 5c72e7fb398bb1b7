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
  /** Removes the table (a run that applied nothing takes away the table it made). */
  readonly drop: SqlStatement
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
    drop: { sql: `DROP TABLE ${name}` },
  }
}

/**
 * The journal's name: the version table's, with `_journal`. It sits next to
 * the version table on databases whose DDL commits by itself (MySQL,
 * MariaDB) and holds at most one row, the revision running now.
 *
 * @example
 * journalTableName('alembic_version') // 'alembic_version_journal'
 */
export function journalTableName(versionTable: string): string {
  return `${versionTable}_journal`
}

/** The statements that read and write a revision journal. */
export interface JournalTableSql {
  readonly create: SqlStatement
  /** Reads the row as `{ revision, direction, statements_done, pending_statement }`. */
  readonly select: SqlStatement
  /** Starts a revision's entry: nothing done, nothing pending. */
  start(revision: string, direction: 'up' | 'down'): SqlStatement
  /** Records that `done` statements finished and `statement` is about to run. */
  advance(done: number, statement: string): SqlStatement
  readonly clear: SqlStatement
  readonly drop: SqlStatement
}

/**
 * Builds a revision journal's SQL for a dialect.
 *
 * @example
 * journalTableSql(mysqlDialect, 'athanor_version').advance(2, 'CREATE TABLE t (id INT)')
 * // { sql: 'UPDATE `athanor_version_journal` SET `statements_done` = ?, `pending_statement` = ?', params: [2, 'CREATE TABLE t (id INT)'] }
 */
export function journalTableSql(dialect: Dialect, versionTable: string, schema?: string): JournalTableSql {
  const name = dialect.quoteQualified(journalTableName(versionTable), schema)
  const [revision, direction, done, pending] = ['revision', 'direction', 'statements_done', 'pending_statement'].map((c) => dialect.quoteIdentifier(c))
  return {
    create: {
      sql: `CREATE TABLE IF NOT EXISTS ${name} (${revision} VARCHAR(255) NOT NULL, ${direction} VARCHAR(4) NOT NULL, ${done} INTEGER NOT NULL, ${pending} TEXT NULL)`,
    },
    select: { sql: `SELECT ${revision}, ${direction}, ${done}, ${pending} FROM ${name}` },
    start: (id, way) => ({ sql: `INSERT INTO ${name} (${revision}, ${direction}, ${done}, ${pending}) VALUES (?, ?, 0, NULL)`, params: [id, way] }),
    advance: (count, statement) => ({ sql: `UPDATE ${name} SET ${done} = ?, ${pending} = ?`, params: [count, statement] }),
    clear: { sql: `DELETE FROM ${name}` },
    drop: { sql: `DROP TABLE ${name}` },
  }
}

/**
 * True for the tables athanor keeps for itself next to a version table (the
 * version table, its checksums and its journal): reflection and autogenerate
 * never see them.
 *
 * @example
 * isBookkeepingTable('athanor_version_journal', 'athanor_version') // true
 */
export function isBookkeepingTable(name: string, versionTable: string): boolean {
  return name === versionTable || name === checksumTableName(versionTable) || name === journalTableName(versionTable)
}

/**
 * The side table holding each applied revision's source checksum: the
 * version table's name plus `_checksums`, so an Alembic-managed
 * `alembic_version` stays exactly as Alembic wrote it.
 *
 * @example
 * checksumTableName('alembic_version') // 'alembic_version_checksums'
 */
export function checksumTableName(versionTable: string): string {
  return `${versionTable}_checksums`
}

/** The statements that read and write the checksum side table. */
export interface ChecksumTableSql {
  /** `CREATE TABLE IF NOT EXISTS …` with `version_num` as primary key and `checksum`. */
  readonly create: SqlStatement
  /** Reads every row as `{ version_num, checksum }`. */
  readonly select: SqlStatement
  /** The statements that make `id`'s row say `checksum` (a delete and an insert: portable, no upsert syntax). */
  record(id: string, checksum: string): SqlStatement[]
  delete(id: string): SqlStatement
  readonly drop: SqlStatement
}

/**
 * Builds the checksum side table's SQL for a dialect.
 *
 * @example
 * checksumTableSql(sqliteDialect, 'athanor_version').record('3f2a9c1b7d4e', 'ab12…')
 */
export function checksumTableSql(dialect: Dialect, versionTable: string, schema?: string): ChecksumTableSql {
  const table = checksumTableName(versionTable)
  const name = dialect.quoteQualified(table, schema)
  const column = dialect.quoteIdentifier(VERSION_COLUMN)
  const checksum = dialect.quoteIdentifier('checksum')
  const pk = dialect.quoteIdentifier(`${table}_pkc`)
  const remove = (id: string): SqlStatement => ({ sql: `DELETE FROM ${name} WHERE ${column} = ?`, params: [id] })
  return {
    create: { sql: `CREATE TABLE IF NOT EXISTS ${name} (${column} VARCHAR(255) NOT NULL, ${checksum} VARCHAR(64) NOT NULL, CONSTRAINT ${pk} PRIMARY KEY (${column}))` },
    select: { sql: `SELECT ${column}, ${checksum} FROM ${name}` },
    record: (id, value) => [remove(id), { sql: `INSERT INTO ${name} (${column}, ${checksum}) VALUES (?, ?)`, params: [id, value] }],
    delete: remove,
    drop: { sql: `DROP TABLE ${name}` },
  }
}
