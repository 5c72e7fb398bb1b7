/**
 * `athanor types`: the Kysely types of the config's models, or of its live
 * database. Loaded by the API only for that method.
 */
import type { ResolvedConfig } from '../config/config-types.js'
import { openConnection } from '../dialect/connect.js'
import { reflect } from '../dialect/reflector.js'
import { parseDatabaseUrl } from '../dialect/registry.js'
import { ConfigError } from '../errors.js'
import { renderKyselyTypes } from '../models/kysely/kysely-types.js'
import { loadModels } from './load-models.js'

/** Where `athanor types` reads the schema from. */
export interface KyselyTypesOptions {
  /** Read the live database (reflection) instead of the models. */
  readonly fromDatabase?: boolean
}

/**
 * The module text of the Kysely `Database` interface.
 *
 * @throws ConfigError when reading the models and the config names none
 * @example
 * const source = await kyselyTypesSource(athanor.config, { fromDatabase: true })
 */
export async function kyselyTypesSource(config: ResolvedConfig, options: KyselyTypesOptions = {}): Promise<string> {
  if (options.fromDatabase === true) {
    const conn = await openConnection(config.url)
    try {
      const schemas = config.include.schemas && config.include.schemas.length > 0 ? config.include.schemas : [null]
      const reflected = await reflect(conn, { schemas, versionTable: config.versionTable })
      return renderKyselyTypes(reflected.tables, conn.dialect.name)
    } finally {
      await conn.close()
    }
  }
  if (config.models === undefined) {
    throw new ConfigError('types needs the models: `models` is not set in the config', {
      hint: 'set models in athanor.config.ts, or run `athanor types --from-database`',
    })
  }
  return renderKyselyTypes((await loadModels(config.models)).tables, parseDatabaseUrl(config.url).dialect)
}
