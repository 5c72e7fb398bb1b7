/**
 * Imports a user's TypeScript or JavaScript module (config, models, revision
 * scripts), so projects need no build step. The usual module is imported by
 * Node's own `import()`: as it is when plain JavaScript, else as plain
 * JavaScript kept in the project's cache (see native-module-cache.ts). What
 * that cannot carry (a relative import of another TypeScript file, CommonJS,
 * a dynamic `import()`) goes through jiti, as every module once did.
 * `athanor` inside such a module is this very package, so a config's
 * `defineConfig`/`xArg` and the running CLI share one module instance even in
 * a project that has not installed athanor (a fresh `init`, a test's temp folder).
 */
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { nativeModule, type RunningPackage } from './native-module-cache.js'
import { PACKAGE_PARTS } from './parts/package-parts.js'

type Jiti = { import<T>(id: string, opts?: { default?: true }): Promise<T> }

let jiti: Jiti | undefined
let running: RunningPackage | undefined
/** Counts native loads, so each one evaluates its module afresh. */
let loads = 0

/** Path of this package's entry module (`dist/index.js`, or `src/index.ts` under a TS runner). */
function packageEntry(): string {
  const here = dirname(fileURLToPath(import.meta.url))
  const js = join(here, '..', 'index.js')
  return existsSync(js) ? js : join(here, '..', 'index.ts')
}

/** This package in its parts, none loaded until a module needs it (see native-module-cache.ts). */
function getRunningPackage(): RunningPackage {
  running ??= { parts: PACKAGE_PARTS, identity: packageEntry() }
  return running
}

async function getJiti(): Promise<Jiti> {
  if (jiti === undefined) {
    // Imported here, not at the top: jiti is only needed once a user module is loaded,
    // and CLI start-up pays for every top-level import.
    // Required, not imported: importing jiti's CommonJS bundle from ESM makes Node scan it
    // for exports, which costs more than the rest of `heads` on a small project.
    const require = createRequire(import.meta.url)
    const { createJiti } = require('jiti') as typeof import('jiti')
    const athanor = await import('../index.js')
    const entry = packageEntry()
    // jiti serves a module from Node's require cache when it finds it there. Putting the
    // already loaded package under its own path hands configs and scripts this very
    // instance (one set of -x args, one class identity) instead of a second copy that
    // jiti would transpile file by file on every start.
    const cache = require.cache
    cache[entry] ??= { id: entry, filename: entry, loaded: true, exports: athanor } as unknown as NodeJS.Module
    jiti = createJiti(import.meta.url, { alias: { athanor: entry }, moduleCache: true }) as Jiti
  }
  return jiti
}

/**
 * Imports the module at `path` (absolute). With `{ default: true }` returns its
 * default export when it has one, else the module namespace. Each call
 * evaluates the file afresh (a config or script edited between two calls in
 * one process is seen as edited, and an `xArg()` at its top is read again).
 * Calls may overlap: a run loads all its scripts at once.
 *
 * @example
 * const config = await importUserModule<AthanorConfig>('/app/athanor.config.ts', { default: true })
 */
export async function importUserModule<T = Record<string, unknown>>(
  path: string,
  options: { default?: boolean } = {},
): Promise<T> {
  const native = await nativeModule(path, getRunningPackage())
  if (native !== undefined) {
    // A query of its own per load: Node evaluates each URL once, and an -x value read at
    // the top of a config must be read again by the next run in the same process.
    const loaded = (await import(`${native.url}?load=${++loads}`)) as Record<string, unknown>
    return (options.default === true && 'default' in loaded ? loaded.default : loaded) as T
  }
  // One jiti load at a time: each forgets what it added to the require cache, which must not
  // be another load's half-loaded modules.
  const load = jitiQueue.then(() => importWithJiti<T>(path, options))
  jitiQueue = load.then(
    () => undefined,
    () => undefined,
  )
  return load
}

let jitiQueue: Promise<void> = Promise.resolve()

async function importWithJiti<T>(path: string, options: { default?: boolean }): Promise<T> {
  const loader = await getJiti()
  const cache = createRequire(import.meta.url).cache
  const before = new Set(Object.keys(cache))
  try {
    return options.default === true ? await loader.import<T>(path, { default: true }) : await loader.import<T>(path)
  } finally {
    // Forget what this load added, so the next load reads the files again.
    for (const key of Object.keys(cache)) if (!before.has(key)) delete cache[key]
  }
}

/**
 * Why a user module (a config, a revision, the models) failed to load, on one
 * line for an `error:` message: a parser's location line is joined on, Node's
 * "Require stack" list (the loader's own files) is left out.
 *
 * @example
 * importFailureReason(new Error('ParseError: Unexpected token\n /app/x.ts:3:1')) // 'ParseError: Unexpected token /app/x.ts:3:1'
 */
export function importFailureReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text
    .split(/\nRequire stack:/)[0]!
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ')
}
