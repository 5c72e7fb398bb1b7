import type { ForeignKeyConstraint } from './constraints.js'
import type { Table } from './table.js'

const tableKey = (name: string, schema: string | null) => (schema === null ? name : `${schema}.${name}`)

/**
 * Tables ordered so each comes after the tables its foreign keys refer to
 * (and a partition after its partitioned table).
 * A cycle is broken where the walk first meets it (the foreign key that
 * closes the cycle is ignored); a self-reference is ignored. A foreign key without a referred
 * schema points into its own table's schema. Creating tables in this order
 * (and dropping them in reverse) never names a table that does not exist yet.
 *
 * @example
 * tablesInDependencyOrder([invoice, account]) // [account, invoice]
 */
export function tablesInDependencyOrder(tables: readonly Table[]): Table[] {
  const key = tableKey
  const byKey = new Map(tables.map((table) => [key(table.name, table.schema), table]))
  const done = new Set<Table>()
  const visiting = new Set<Table>()
  const out: Table[] = []
  const visit = (table: Table): void => {
    if (done.has(table) || visiting.has(table)) return
    visiting.add(table)
    // A partition is created in (and dropped before) its partitioned table.
    const parent = table.storage.partitionOf
    const partitionOf = parent === undefined ? undefined : byKey.get(key(parent.table, parent.schema ?? table.schema))
    if (partitionOf !== undefined && partitionOf !== table) visit(partitionOf)
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

/**
 * The foreign keys that keep `tables` from being created one by one with
 * their keys inline: in {@link tablesInDependencyOrder}, those referring to a
 * table of the list that comes later (the keys closing a cycle such as
 * `a.b_id → b`, `b.a_id → a`). A self-reference is not among them. Such keys
 * are added once every table exists, and dropped before any table goes.
 *
 * @example
 * foreignKeysClosingCycles([a, b]) // Map { a => [fk a.b_id → b] }
 */
export function foreignKeysClosingCycles(tables: readonly Table[]): Map<Table, ForeignKeyConstraint[]> {
  const ordered = tablesInDependencyOrder(tables)
  const position = new Map(ordered.map((table, i) => [tableKey(table.name, table.schema), i]))
  const out = new Map<Table, ForeignKeyConstraint[]>()
  ordered.forEach((table, i) => {
    const forward = table.foreignKeys.filter((fk) => (position.get(tableKey(fk.referredTable, fk.referredSchema ?? table.schema)) ?? -1) > i)
    if (forward.length > 0) out.set(table, forward)
  })
  return out
}
