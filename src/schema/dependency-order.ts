import type { Table } from './table.js'

/**
 * Tables ordered so each comes after the tables its foreign keys refer to.
 * A cycle is broken where the walk first meets it (the foreign key that
 * closes the cycle is ignored); a self-reference is ignored. A foreign key without a referred
 * schema points into its own table's schema. Creating tables in this order
 * (and dropping them in reverse) never names a table that does not exist yet.
 *
 * @example
 * tablesInDependencyOrder([invoice, account]) // [account, invoice]
 */
export function tablesInDependencyOrder(tables: readonly Table[]): Table[] {
  const key = (name: string, schema: string | null) => (schema === null ? name : `${schema}.${name}`)
  const byKey = new Map(tables.map((table) => [key(table.name, table.schema), table]))
  const done = new Set<Table>()
  const visiting = new Set<Table>()
  const out: Table[] = []
  const visit = (table: Table): void => {
    if (done.has(table) || visiting.has(table)) return
    visiting.add(table)
    for (const fk of table.foreignKeys) {
      const target = byKey.get(key(fk.referredTable, fk.referredSchema ?? table.schema))
      if (target !== undefined && target !== table) visit(target)
    }
    visiting.delete(table)
    done.add(table)
    out.push(table)
  }
  tables.forEach(visit)
  return out
}
