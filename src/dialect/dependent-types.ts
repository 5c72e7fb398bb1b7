import type { SqlStatement } from './dialect.js'

/**
 * Types that live as long as the columns using them (PostgreSQL enum types):
 * how a live run learns, with one catalog query, which columns a drop must
 * clean up after, so every other drop is the plain statement.
 *
 * @example
 * const rows = await conn.query(dialect.dependentTypes!.usingColumnsQuery.sql)
 * // [{ table_name: 'account', column_name: 'status' }]
 */
export interface DependentTypes {
  /** Rows `{ table_name, column_name }`: every column (any schema) whose type a drop must clean up. */
  readonly usingColumnsQuery: SqlStatement
  /** True when `sql` cannot add such a column, so an answer read before it still holds. */
  keepsAnswer(sql: string): boolean
}
