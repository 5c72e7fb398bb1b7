/**
 * `athanor types`: the Kysely types of the config's models, or of its live
 * database. Loaded by the API only for that method.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import type { ResolvedConfig } from '../config/config-types.js'
import { runPostWrite } from '../config/post-write.js'
import { openConnection } from '../dialect/connect.js'
import { reflect } from '../dialect/reflector.js'
import { loadDialect } from '../dialect/registry.js'
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
      return renderKyselyTypes(reflected.tables, conn.dialect.resultValueTypes)
    } finally {
      await conn.close()
    }
  }
  if (config.models === undefined) {
    throw new ConfigError('types needs the models: `models` is not set in the config', {
      hint: 'set models in athanor.config.ts, or run `athanor types --from-database`',
    })
  }
  const [{ tables }, dialect] = await Promise.all([loadModels(config.models), loadDialect(config.url)])
  return renderKyselyTypes(tables, dialect.resultValueTypes)
}

/**
 * The Kysely types' module text; with `output` (relative to the project) also
 * written there, and the config's `postWrite` commands run on the file, as on
 * a new revision.
 *
 * @example
 * const source = await writeKyselyTypes(athanor.config, { output: './src/db-types.ts' })
 */
export async function writeKyselyTypes(config: ResolvedConfig, options: KyselyTypesOptions & { output?: string } = {}): Promise<string> {
  const source = await kyselyTypesSource(config, options)
  if (options.output !== undefined) {
    const path = resolve(config.rootDir, options.output)
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, source)
    await runPostWrite(config.postWrite, path, config.rootDir)
  }
  return source
}
