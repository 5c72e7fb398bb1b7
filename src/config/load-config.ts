/**
 * Finds and loads `athanor.config.ts` (or `.mts`/`.js`/`.mjs`), checks it, and
 * fills in defaults, giving one `ResolvedConfig` that every command uses.
 */
import { existsSync, statSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import { ConfigError } from '../errors.js'
import { CONFIG_DEFAULTS, type AthanorConfig, type ResolvedConfig, type UrlSource } from './config-types.js'
import { validateConfig } from './config-validation.js'
import { importFailureReason, importUserModule } from './module-loader.js'
import { anchorEmbeddedPath, DEFAULT_DATABASE_URL, maskPasswords } from './url.js'
import { runWithXArgs } from './x-args.js'

/** Config file names looked for in the working directory, in this order. */
export const CONFIG_FILE_NAMES = ['athanor.config.ts', 'athanor.config.mts', 'athanor.config.js', 'athanor.config.mjs'] as const

/** Inputs of `loadConfig`: the CLI's global flags, or an API caller's overrides. */
export interface LoadConfigOptions {
  /** Config file to load (`-c`); relative to `cwd`. When absent, `CONFIG_FILE_NAMES` are tried in `cwd`. */
  configPath?: string
  /** Working directory; default `process.cwd()`. */
  cwd?: string
  /** `--url`: wins over the config's `url`. */
  url?: string
  /** `-x key=value` arguments, visible to the config through `xArg()` while it is evaluated. */
  xArgs?: Readonly<Record<string, string>>
}

/**
 * Loads the project's config. Without a config file (and without `-c`) the
 * defaults apply, relative to `cwd`, so a bare `migrations/` folder works.
 *
 * @example
 * const config = await loadConfig({ url: 'sqlite::memory:' })
 * config.migrations // '/abs/project/migrations'
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<ResolvedConfig> {
  const cwd = resolve(options.cwd ?? process.cwd())
  const xArgs = Object.freeze({ ...(options.xArgs ?? {}) })
  const configPath = findConfigFile(cwd, options.configPath)
  // xArg() inside the config (and inside a config function it exports) reads this load's values.
  const raw = configPath === undefined ? {} : await runWithXArgs(xArgs, () => readConfigFile(configPath, cwd))
  return resolveConfig(raw, {
    configPath,
    rootDir: configPath === undefined ? cwd : dirname(configPath),
    cwd,
    urlFlag: options.url,
    xArgs,
  })
}

/**
 * Fills defaults into a checked config and makes its paths absolute. Used by
 * `loadConfig` and by `new Athanor(options)`, which takes a config object directly.
 */
export function resolveConfig(
  config: AthanorConfig,
  context: { configPath: string | undefined; rootDir: string; cwd: string; urlFlag?: string | undefined; xArgs?: Readonly<Record<string, string>> },
): ResolvedConfig {
  let url: string
  let urlSource: UrlSource
  if (context.urlFlag !== undefined) {
    // A path typed on the command line is relative to where the user stands.
    url = anchorEmbeddedPath(context.urlFlag, context.cwd)
    urlSource = 'flag'
  } else if (config.url !== undefined) {
    // A path in the config is relative to the config, so commands work from any sub-folder.
    url = anchorEmbeddedPath(config.url, context.rootDir)
    urlSource = 'config'
  } else {
    url = anchorEmbeddedPath(DEFAULT_DATABASE_URL, context.rootDir)
    urlSource = 'default'
  }
  const [migrations = CONFIG_DEFAULTS.migrations, ...extraLocations] = typeof config.migrations === 'string' ? [config.migrations] : config.migrations ?? []
  const resolved: ResolvedConfig = Object.freeze({
    configPath: context.configPath,
    rootDir: context.rootDir,
    url,
    urlSource,
    models: config.models === undefined ? undefined : resolve(context.rootDir, config.models),
    migrations: resolve(context.rootDir, migrations),
    extraVersionLocations: Object.freeze(extraLocations.map((location) => resolve(context.rootDir, location))),
    versionTable: config.versionTable ?? CONFIG_DEFAULTS.versionTable,
    versionTableSchema: config.versionTableSchema,
    compare: Object.freeze({
      types: config.compare?.types ?? true,
      serverDefaults: config.compare?.serverDefaults ?? true,
      comments: config.compare?.comments ?? true,
    }),
    include: Object.freeze({ ...(config.include ?? {}) }),
    transactionPerMigration: config.transactionPerMigration ?? CONFIG_DEFAULTS.transactionPerMigration,
    postWrite: Object.freeze([...(config.postWrite ?? [])]),
    lockTimeoutMs: config.lockTimeoutMs ?? CONFIG_DEFAULTS.lockTimeoutMs,
    processRevisionDirectives: config.processRevisionDirectives,
    ddlLockTimeoutMs: config.ddlLockTimeoutMs,
    statementTimeoutMs: config.statementTimeoutMs,
    stepTimeoutMs: config.stepTimeoutMs,
    ddlLockRetries: config.ddlLockRetries ?? CONFIG_DEFAULTS.ddlLockRetries,
    ddlLockRetryDelayMs: config.ddlLockRetryDelayMs ?? CONFIG_DEFAULTS.ddlLockRetryDelayMs,
    safe: config.safe ?? false,
    lint: {
      smallTableRows: config.lint?.smallTableRows ?? CONFIG_DEFAULTS.smallTableRows,
      serverVersion: config.lint?.serverVersion,
      allow: config.lint?.allow ?? [],
    },
    xArgs: Object.freeze({ ...(context.xArgs ?? {}) }),
  })
  resolvedConfigs.add(resolved)
  return resolved
}

const resolvedConfigs = new WeakSet<object>()

/** True when `value` came from `loadConfig`/`resolveConfig` (so it needs no further checking). */
export function isResolvedConfig(value: unknown): value is ResolvedConfig {
  return typeof value === 'object' && value !== null && resolvedConfigs.has(value)
}

function findConfigFile(cwd: string, explicit: string | undefined): string | undefined {
  if (explicit !== undefined) {
    const path = resolve(cwd, explicit)
    if (!existsSync(path)) {
      throw new ConfigError(`config file not found: ${explicit}`, { hint: 'check the -c/--config path' })
    }
    if (statSync(path).isDirectory()) {
      throw new ConfigError(`config path is a directory: ${explicit}`, {
        hint: `point -c at the file, e.g. ${explicit.replace(/\/$/, '')}/athanor.config.ts`,
      })
    }
    return path
  }
  for (const name of CONFIG_FILE_NAMES) {
    const path = resolve(cwd, name)
    if (existsSync(path)) return path
  }
  return undefined
}

async function readConfigFile(path: string, cwd: string): Promise<AthanorConfig> {
  const shown = relative(cwd, path) || path
  let loaded: unknown
  try {
    const module = await importUserModule<Record<string, unknown>>(path)
    if (!('default' in module)) {
      const named = Object.keys(module).filter((key) => key !== '__esModule')
      throw new ConfigError(`${shown} has no default export${named.length > 0 ? ` (it exports ${named.map((n) => `"${n}"`).join(', ')})` : ''}`, {
        hint: 'write `export default defineConfig({ … })`',
      })
    }
    loaded = module.default
    if (typeof loaded === 'function') loaded = await (loaded as () => unknown)()
  } catch (cause) {
    if (cause instanceof ConfigError) throw cause
    const reason = importFailureReason(cause)
    throw new ConfigError(`cannot load ${shown}: ${maskPasswords(reason)}`, {
      hint: 'fix the file, or run with --verbose to see where the error is',
      cause,
    })
  }
  return validateConfig(loaded, shown)
}
