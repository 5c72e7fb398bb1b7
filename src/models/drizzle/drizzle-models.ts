/**
 * The Drizzle tables of a models module as athanor tables. Drizzle's core
 * package for each database is imported only when a table of that database is
 * found, so a project without drizzle-orm installed never needs it.
 */
import { ConfigError } from '../../errors.js'
import type { Table } from '../../schema/table.js'
import type { DrizzleColumnReader, DrizzleLine } from '../../dialect/drizzle-reading.js'
import { dialectEntries } from '../../dialect/registry.js'
import { drizzleLineOf, type DrizzleTable } from './drizzle-entities.js'
import { tableFromDrizzle, type DrizzleTableConfig } from './drizzle-table.js'

export { isDrizzleTable } from './drizzle-entities.js'

/** Athanor tables read from Drizzle tables, and what could not be carried. */
export interface DrizzleModels {
  readonly tables: readonly Table[]
  /** One line per Drizzle setting the database will not hold (`$defaultFn`, `$onUpdate`, generated columns). */
  readonly notes: readonly string[]
}

type GetTableConfig = (table: never) => DrizzleTableConfig

/** What reads one database's Drizzle tables: its core package's `getTableConfig` and the dialect's column reader. */
interface DrizzleReaders {
  readonly getTableConfig: GetTableConfig
  readonly columns: DrizzleColumnReader
}

/**
 * Converts Drizzle tables (found by `isDrizzleTable`) through Drizzle's
 * public `getTableConfig`.
 *
 * @throws ConfigError when drizzle-orm cannot be imported, or a table is of a Drizzle dialect athanor has no database for
 * @example
 * const { tables, notes } = await readDrizzleTables([users, posts])
 */
export async function readDrizzleTables(drizzleTables: readonly DrizzleTable[]): Promise<DrizzleModels> {
  const readers = new Map<DrizzleLine, DrizzleReaders>()
  const tables: Table[] = []
  const notes: string[] = []
  for (const drizzleTable of drizzleTables) {
    const line = drizzleLineOf(drizzleTable)
    if (line === undefined) {
      throw new ConfigError('the models export a Drizzle table of a kind athanor cannot read', { hint: `athanor reads tables from ${corePackages()}` })
    }
    let reader = readers.get(line)
    if (reader === undefined) {
      reader = { getTableConfig: await importCore(line), columns: await line.load() }
      readers.set(line, reader)
    }
    const reading = tableFromDrizzle(reader.columns, drizzleTable, reader.getTableConfig(drizzleTable as never))
    tables.push(reading.table)
    notes.push(...reading.notes)
  }
  return { tables, notes }
}

function corePackages(): string {
  const packages = dialectEntries().flatMap((entry) => (entry.drizzle === undefined ? [] : [entry.drizzle.corePackage]))
  return `${packages.slice(0, -1).join(', ')} and ${packages.at(-1)}`
}

async function importCore(line: DrizzleLine): Promise<GetTableConfig> {
  try {
    const core = (await import(line.corePackage)) as { getTableConfig: unknown }
    return core.getTableConfig as GetTableConfig
  } catch (error) {
    throw new ConfigError(`the models export Drizzle tables, but drizzle-orm cannot be imported: ${error instanceof Error ? error.message : String(error)}`, {
      hint: 'install drizzle-orm in the project (npm install drizzle-orm)',
      cause: error,
    })
  }
}
