/**
 * Gathers the catalog rows that together describe one object — the columns
 * of an index, the column pairs of a foreign key — into one group per key,
 * groups and rows in the order the catalog returned them. A row whose key is
 * `undefined` belongs to nothing being reflected and is left out.
 *
 * @example
 * groupCatalogRows(rows, (row) => `${row.table_name}\u0000${row.index_name}`) // [[ix_a col 1, ix_a col 2], [ix_b col 1]]
 */
export function groupCatalogRows<R>(rows: readonly R[], keyOf: (row: R) => string | undefined): R[][] {
  const groups = new Map<string, R[]>()
  for (const row of rows) {
    const key = keyOf(row)
    if (key === undefined) continue
    const group = groups.get(key)
    if (group === undefined) groups.set(key, [row])
    else group.push(row)
  }
  return [...groups.values()]
}
