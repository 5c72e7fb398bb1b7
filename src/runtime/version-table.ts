import type { DatabaseConnection, Dialect, Row, SqlStatement } from '../dialect/dialect.js'
import { VersionTableInconsistentError } from '../errors.js'
import { VERSION_COLUMN, versionTableSql, type VersionTableSql } from '../dialect/version-table-sql.js'

/**
 * The table that records which revisions a database is at: one row per
 * current head, column `version_num`. With the name `alembic_version` it reads
 * and writes an Alembic-managed table as it is.
 *
 * @example
 * const table = new VersionTable(conn.dialect, 'athanor_version')
 * const current = await table.read(conn) // [] on a database without the table
 */
export class VersionTable {
  readonly name: string
  readonly schema: string | undefined
  readonly sql: VersionTableSql
  readonly #dialect: Dialect

  constructor(dialect: Dialect, name: string, schema?: string) {
    this.name = name
    this.schema = schema
    this.sql = versionTableSql(dialect, name, schema)
    this.#dialect = dialect
  }

  /** `schema.table` or `table`, for messages and lock keys. */
  get qualifiedName(): string {
    return this.schema ? `${this.schema}.${this.name}` : this.name
  }

  /** True when the table exists. Reads the catalog only; creates nothing. */
  async exists(conn: DatabaseConnection): Promise<boolean> {
    const query = this.#dialect.runtime.tableExistsQuery(this.name, this.schema)
    return (await conn.query(query.sql, query.params)).length > 0
  }

  /** The current revision ids, sorted; `[]` when the table is missing or empty. */
  async read(conn: DatabaseConnection): Promise<string[]> {
    if (!(await this.exists(conn))) return []
    return this.readExisting(conn)
  }

  /** The current revision ids, sorted, from a table known to exist. */
  async readExisting(conn: DatabaseConnection): Promise<string[]> {
    let rows: Row[]
    try {
      rows = await conn.query(this.sql.select.sql)
    } catch (error) {
      // The table is there (it was just created or found) but cannot be read as ours: not athanor's columns.
      throw new VersionTableInconsistentError(
        this.qualifiedName,
        `it has no ${VERSION_COLUMN} column of revision ids`,
        `is it another tool's table? point versionTable at a table of athanor's (or Alembic's), or drop this one and \`athanor stamp\` the revision the database is at`,
        error,
      )
    }
    return rows.map((row) => String(row[VERSION_COLUMN] ?? Object.values(row)[0])).sort()
  }

  /**
   * The fewest writes that turn rows `before` into rows `after`: an UPDATE for
   * each row replaced by another (Alembic's single-row move, so a linear step
   * costs one statement), then DELETEs and INSERTs for the rest.
   *
   * @example
   * table.transition(['a1'], ['b2']) // [UPDATE … SET version_num = 'b2' WHERE version_num = 'a1']
   */
  transition(before: readonly string[], after: readonly string[]): SqlStatement[] {
    const removed = before.filter((id) => !after.includes(id))
    const added = after.filter((id) => !before.includes(id))
    const statements: SqlStatement[] = []
    const paired = Math.min(removed.length, added.length)
    for (let i = paired; i < removed.length; i += 1) statements.push(this.sql.delete(removed[i]!))
    for (let i = 0; i < paired; i += 1) statements.push(this.sql.update(removed[i]!, added[i]!))
    for (let i = paired; i < added.length; i += 1) statements.push(this.sql.insert(added[i]!))
    return statements
  }
}
