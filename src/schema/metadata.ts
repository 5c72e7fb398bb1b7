import { DEFAULT_NAMING_CONVENTION, type NamingConvention } from './naming-convention.js'
import type { Table } from './table.js'
import { tablesInDependencyOrder } from './dependency-order.js'

/**
 * A collection of tables, with the naming convention their unnamed
 * constraints follow. The models module exports one; autogenerate compares it
 * with the database.
 *
 * @example
 * export const metadata = new MetaData({ namingConvention: { uq: 'uq_%(table_name)s_%(column_0_name)s' } })
 */
export class MetaData {
  readonly namingConvention: NamingConvention
  readonly schema: string | null
  readonly #tables = new Map<string, Table>()

  constructor(options: { namingConvention?: NamingConvention; schema?: string } = {}) {
    this.namingConvention = Object.freeze({ ...DEFAULT_NAMING_CONVENTION, ...options.namingConvention })
    this.schema = options.schema ?? null
  }

  /** Registers a table (done by `table(..., { metadata })`). A second table with the same key replaces the first. */
  add(table: Table): void {
    this.#tables.set(MetaData.key(table.name, table.schema), table)
  }

  /** Tables in declaration order. */
  get tables(): readonly Table[] {
    return [...this.#tables.values()]
  }

  /** One table by name (and schema). */
  table(name: string, schema: string | null = null): Table | undefined {
    return this.#tables.get(MetaData.key(name, schema))
  }

  /** Tables ordered so every table comes after the tables its foreign keys refer to. */
  get sortedTables(): readonly Table[] {
    return tablesInDependencyOrder(this.tables)
  }

  /** The registry key of a table: `schema.name`, or `name` without a schema. */
  static key(name: string, schema: string | null): string {
    return schema === null ? name : `${schema}.${name}`
  }
}
