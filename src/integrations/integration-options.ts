/**
 * The options every web integration takes, and how each gets its `Athanor`:
 * the one it is given, or one made from a config (creating the migrations
 * folder when it is missing, as Flask-Alembic's `init_app` does).
 */
import { Athanor, type AthanorOptions } from '../api.js'
import { loadConfig } from '../config/load-config.js'
import { UsageError } from '../errors.js'
import { ensureMigrationsFolder } from '../script/migrations-folder.js'
import { checkStartPolicy, runStartPolicy, type StartListeners, type StartPolicy } from './start-policy.js'

/** Where a status route answers. */
export interface StatusRouteOptions {
  /** The route's path, e.g. `/db/status`. */
  readonly path: string
}

/**
 * Options common to `athanor/fastify`, `athanor/express`, `athanor/nestjs`
 * and `migrateOnStart`. Give `athanor` or `config`, not both; with neither,
 * `athanor.config.ts` (or `.mts`/`.js`/`.mjs`) is loaded from the working directory.
 */
export interface AthanorIntegrationOptions extends StartListeners {
  /** An `Athanor` the application made; it is the application's to close. */
  athanor?: Athanor
  /** A config file path (relative to `cwd`) or a config object; the `Athanor` made from it is closed with the app. */
  config?: string | AthanorOptions
  /** Where a config path and the default config are looked for; default `process.cwd()`. */
  cwd?: string
  /** What to do with the database as the application starts; default `'upgrade'`. */
  onStart?: StartPolicy
  /** A JSON route answering `{ current, heads, upToDate, pending }` for readiness probes; off by default. */
  status?: false | StatusRouteOptions
}

/** An integration's `Athanor`, and whether the integration made it (and so closes it). */
export interface OpenedAthanor {
  readonly athanor: Athanor
  readonly owned: boolean
}

/**
 * Makes (or takes) the `Athanor` of `options`, creating its migrations folder
 * with the template when the folder is missing, never touching one that exists.
 *
 * @example
 * const { athanor, owned } = await openAthanor({ config: './athanor.config.ts' })
 */
export async function openAthanor(options: AthanorIntegrationOptions): Promise<OpenedAthanor> {
  if (options.athanor !== undefined && options.config !== undefined) {
    throw new UsageError('give either athanor or config, not both', { hint: 'config is for an Athanor the integration makes itself' })
  }
  const owned = options.athanor === undefined
  const athanor = options.athanor ?? (await athanorFromConfig(options.config, options.cwd))
  ensureMigrationsFolder(athanor.config.migrations)
  await athanor.loadScript()
  return { athanor, owned }
}

/**
 * {@link openAthanor}, then the start policy (`upgrade` by default); when the
 * policy refuses, closes what it made and rethrows. `listeners` default to
 * those of `options`; an integration passes its framework's logger instead.
 *
 * @example
 * const { athanor, owned } = await startAthanor({ onStart: 'require-up-to-date' })
 */
export async function startAthanor(options: AthanorIntegrationOptions, listeners: StartListeners = options): Promise<OpenedAthanor> {
  const policy = startPolicyOf(options)
  const opened = await openAthanor(options)
  try {
    await runStartPolicy(opened.athanor, policy, listeners)
    return opened
  } catch (error) {
    if (opened.owned) await opened.athanor.close()
    throw error
  }
}

/**
 * The start policy of `options`, checked (a JavaScript caller's typo is an error, not a silent default).
 *
 * @example
 * startPolicyOf({}) // 'upgrade'
 */
export function startPolicyOf(options: AthanorIntegrationOptions): StartPolicy {
  return options.onStart === undefined ? 'upgrade' : checkStartPolicy(options.onStart)
}

/**
 * The status route of `options`, or undefined when it is off.
 *
 * @example
 * statusPathOf({ status: { path: '/db/status' } }) // '/db/status'
 */
export function statusPathOf(options: AthanorIntegrationOptions): string | undefined {
  if (options.status === undefined || options.status === false) return undefined
  if (typeof options.status.path !== 'string' || !options.status.path.startsWith('/')) {
    throw new UsageError(`status.path must be a path starting with /, got ${JSON.stringify(options.status.path)}`, { hint: "e.g. status: { path: '/db/status' }" })
  }
  return options.status.path
}

async function athanorFromConfig(config: string | AthanorOptions | undefined, cwd: string | undefined): Promise<Athanor> {
  if (typeof config === 'object') return new Athanor({ ...(cwd === undefined ? {} : { cwd }), ...config })
  // Loaded as a config, not through Athanor.fromConfig: that reads the migrations folder at once, before it could be made.
  return new Athanor(await loadConfig({ ...(cwd === undefined ? {} : { cwd }), ...(config === undefined ? {} : { configPath: config }) }))
}
