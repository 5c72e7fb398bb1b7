/**
 * Reading the version table alone, apart from the runtime's commands: `athanor
 * current` loads the dialect and a connection, not the runner, the ops or
 * the executors.
 */
import { openConnection } from '../dialect/connect.js'
import type { DatabaseConnection } from '../dialect/dialect.js'
import { MissingDatabaseError } from '../errors.js'
import type { RuntimeOptions, RuntimeScript } from './commands.js'
import { VersionTable } from './version-table.js'
import { consistentRows } from './version-rows.js'

/**
 * The version table's rows (sorted), `[]` when the table does not exist.
 * Reads only: creates nothing, takes no lock.
 *
 * @example
 * await readCurrent(script, { url: 'sqlite:./app.db', versionTable: 'athanor_version', … }) // ['3f2a9c1b7d4e']
 */
export async function readCurrent(script: RuntimeScript, o: RuntimeOptions, missing: 'base' | 'error' = 'base'): Promise<string[]> {
  // Reading never creates a database. A missing file is at base for the runs that read before they write,
  // and "no such database file" for the read commands themselves (missing: 'error').
  let conn: DatabaseConnection
  try {
    conn = await openConnection(o.url, { readOnly: true })
  } catch (error) {
    if (error instanceof MissingDatabaseError && missing === 'base') return []
    throw error
  }
  try {
    const table = new VersionTable(conn.dialect, o.versionTable, o.versionTableSchema)
    return consistentRows(script.graph, await table.read(conn), table.qualifiedName)
  } finally {
    await conn.close()
  }
}
