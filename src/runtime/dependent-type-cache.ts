import type { TableName } from '../dialect/ddl-compiler.js'
import type { DatabaseConnection } from '../dialect/dialect.js'

/**
 * The columns whose drop must clean up a dependent type (PostgreSQL enums),
 * read from the catalog once per run and read again only after a statement
 * that may have added one: a statement the dialect does not vouch for, or one
 * sent past the executor (the connection's count moved).
 *
 * @example
 * const cache = new DependentTypeCache(conn)
 * await cache.needsCleanup({ name: 'account', schema: null }, 'status') // true when "status" is an enum column
 */
export class DependentTypeCache {
  readonly #conn: DatabaseConnection
  #using: Set<string> | undefined
  #expectedCount = -1

  constructor(conn: DatabaseConnection) {
    this.#conn = conn
  }

  /**
   * Whether dropping `column` of `table` (the whole table without `column`)
   * must clean up a type; undefined where the dialect has no such types.
   * Matched by name in every schema, so a same-named table elsewhere only
   * costs the cleanup block, never skips it.
   */
  async needsCleanup(table: TableName, column?: string): Promise<boolean | undefined> {
    const types = this.#conn.dialect.dependentTypes
    if (types === undefined) return undefined
    if (this.#using === undefined || this.#conn.statementCount !== this.#expectedCount) {
      const rows = await this.#conn.query(types.usingColumnsQuery.sql)
      this.#using = new Set(rows.flatMap((r) => [String(r.table_name), key(String(r.table_name), String(r.column_name))]))
      this.#expectedCount = this.#conn.statementCount
    }
    return this.#using.has(column === undefined ? table.name : key(table.name, column))
  }

  /** Call after statements that change no column (transaction control, the lock, timeouts) went past the executor. */
  resync(): void {
    if (this.#using !== undefined) this.#expectedCount = this.#conn.statementCount
  }

  /** Call when the database may have gone back to an earlier state (a rollback): the next drop asks again. */
  forget(): void {
    this.#using = undefined
  }

  /** Call after the executor sent `sql`: the answer survives it only when the dialect says so. */
  sent(sql: string): void {
    if (this.#using === undefined) return
    if (this.#conn.dialect.dependentTypes?.keepsAnswer(sql)) this.#expectedCount += 1
    else this.#using = undefined
  }
}

function key(table: string, column: string): string {
  return `${table}\u0000${column}`
}
