/**
 * The Drizzle tables of a models module as athanor tables. Drizzle's core
 * package for each family is imported only when a table of that family is
 * found, so a project without drizzle-orm installed never needs it.
 */
import { ConfigError } from '../../errors.js'
import type { Table } from '../../schema/table.js'
import { drizzleFamily, type DrizzleFamily, type DrizzleTable } from './drizzle-entities.js'
import { tableFromDrizzle, type DrizzleTableConfig } from './drizzle-table.js'

export { isDrizzleTable } from './drizzle-entities.js'

/** Athanor tables read from Drizzle tables, and what could not be carried. */
export interface DrizzleModels {
  readonly tables: readonly Table[]
  /** One line per Drizzle setting the database will not hold (`$defaultFn`, `$onUpdate`, generated columns). */
  readonly notes: readonly string[]
}

type GetTableConfig = (table: never) => DrizzleTableConfig

// Each family's table-config reader, from its own core package.
const CORE_MODULES: Readonly<Record<DrizzleFamily, () => Promise<GetTableConfig>>> = {
  pg: async () => (await import('drizzle-orm/pg-core')).getTableConfig as unknown as GetTableConfig,
  mysql: async () => (await import('drizzle-orm/mysql-core')).getTableConfig as unknown as GetTableConfig,
  sqlite: async () => (await import('drizzle-orm/sqlite-core')).getTableConfig as unknown as GetTableConfig,
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
  const readers = new Map<DrizzleFamily, GetTableConfig>()
  const tables: Table[] = []
  const notes: string[] = []
  for (const drizzleTable of drizzleTables) {
    const family = drizzleFamily(drizzleTable)
    if (family === undefined) {
      throw new ConfigError('the models export a Drizzle table of a kind athanor cannot read', {
        hint: 'athanor reads tables from drizzle-orm/pg-core, drizzle-orm/mysql-core and drizzle-orm/sqlite-core',
      })
    }
    let getTableConfig = readers.get(family)
    if (getTableConfig === undefined) {
      getTableConfig = await importCore(family)
      readers.set(family, getTableConfig)
    }
    const reading = tableFromDrizzle(family, drizzleTable, getTableConfig(drizzleTable as never))
    tables.push(reading.table)
    notes.push(...reading.notes)
  }
  return { tables, notes }
}

async function importCore(family: DrizzleFamily): Promise<GetTableConfig> {
  try {
    return await CORE_MODULES[family]()
  } catch (error) {
    throw new ConfigError(`the models export Drizzle tables, but drizzle-orm cannot be imported: ${error instanceof Error ? error.message : String(error)}`, {
      hint: 'install drizzle-orm in the project (npm install drizzle-orm)',
      cause: error,
    })
  }
}
