import { DatabaseError } from '../../errors.js'
import type { DatabaseConnection } from '../dialect.js'

/** How many broken references an error names before it says "and N more". */
const NAMED_REFERENCES = 3

/**
 * Reads `PRAGMA foreign_keys`: true when this connection enforces foreign keys.
 *
 * @example
 * await foreignKeysEnforced(conn) // true on a fresh better-sqlite3 connection
 */
export async function foreignKeysEnforced(conn: DatabaseConnection): Promise<boolean> {
  const [row] = await conn.query('PRAGMA foreign_keys')
  return row !== undefined && Number(Object.values(row)[0]) !== 0
}

/**
 * Turns enforcement on or off. SQLite ignores this inside a transaction, so
 * callers set it between transactions.
 */
export async function setForeignKeys(conn: DatabaseConnection, on: boolean): Promise<void> {
  await conn.execute(`PRAGMA foreign_keys = ${on ? 'ON' : 'OFF'}`)
}

/**
 * Runs `PRAGMA foreign_key_check` on the main database and throws a
 * `DatabaseError` naming each broken reference (child table and columns,
 * parent table and columns, how many rows) when any row refers to a missing
 * parent row. Used before a migration transaction commits, while enforcement
 * is off for the run, so that a broken reference fails the transaction
 * instead of being committed.
 *
 * @example
 * await assertForeignKeysHold(conn)
 * // DatabaseError: foreign key check failed before commit: 1 row(s) of "child" (parent_id) refer to no row of "parent" (id)
 */
export async function assertForeignKeysHold(conn: DatabaseConnection): Promise<void> {
  const violations = await conn.query('PRAGMA foreign_key_check')
  if (violations.length === 0) return
  const groups = new Map<string, { table: string; parent: string; fkid: number; rows: number }>()
  for (const v of violations) {
    const key = `${String(v.table)}\u0000${String(v.fkid)}`
    const group = groups.get(key)
    if (group) group.rows += 1
    else groups.set(key, { table: String(v.table), parent: String(v.parent), fkid: Number(v.fkid), rows: 1 })
  }
  const listed = [...groups.values()].slice(0, NAMED_REFERENCES)
  const described: string[] = []
  for (const group of listed) described.push(await describeReference(conn, group))
  const more = groups.size - listed.length
  throw new DatabaseError(`foreign key check failed before commit: ${described.join('; ')}${more > 0 ? `; and ${more} more reference(s)` : ''}`, {
    hint: 'nothing was committed; PRAGMA foreign_key_check lists the rows: delete or fix them, or keep the rows they refer to',
  })
}

/** `2 row(s) of "child" (parent_id) refer to no row of "parent" (id)`. */
async function describeReference(conn: DatabaseConnection, group: { table: string; parent: string; fkid: number; rows: number }): Promise<string> {
  const columns = await conn.query('SELECT "from", "to" FROM pragma_foreign_key_list(?) WHERE id = ? ORDER BY seq', [group.table, group.fkid])
  const from = columns.map((c) => String(c.from)).join(', ')
  // A reference without column names points at the parent's primary key.
  const to = columns.every((c) => c.to !== null && c.to !== undefined) ? columns.map((c) => String(c.to)).join(', ') : 'its primary key'
  return `${group.rows} row(s) of "${group.table}" (${from}) refer to no row of "${group.parent}" (${to})`
}
