import { AsyncLocalStorage } from 'node:async_hooks'
import { UsageError } from '../errors.js'

/**
 * The `-x key=value` arguments of a run, readable from the config file and
 * from revision scripts through `xArg()`. They belong to the run, not to the
 * process: the config's evaluation and each script's execution run inside a
 * scope holding that run's values, so two `Athanor` objects (even with runs
 * interleaved) never see each other's.
 *
 * The scopes' storage is one per process, kept under a registered symbol, so
 * that every copy of the athanor module loaded in one process (the CLI's, the
 * one a config imports) reads the same scopes.
 */

type XArgs = Readonly<Record<string, string>>

const SCOPE_KEY = Symbol.for('athanor.xArgs.scope')
const NO_X_ARGS: XArgs = Object.freeze({})

/** The process's scopes: the storage, and how many runs are inside one right now. */
interface Scopes {
  readonly storage: AsyncLocalStorage<XArgs>
  open: number
}

function scopes(): Scopes {
  const holder = globalThis as { [SCOPE_KEY]?: Scopes }
  return (holder[SCOPE_KEY] ??= { storage: new AsyncLocalStorage<XArgs>(), open: 0 })
}

/**
 * Returns the value of `-x NAME=VALUE` for this run, or `fallback` when it was not given.
 *
 * @example
 * // athanor -x tenant=acme upgrade head
 * export default defineConfig({ url: `postgres://127.0.0.1/${xArg('tenant', 'dev')}` })
 */
export function xArg(name: string): string | undefined
export function xArg(name: string, fallback: string): string
export function xArg(name: string, fallback?: string): string | undefined {
  return getXArgs()[name] ?? fallback
}

/**
 * All `-x` arguments of this run as a frozen record: empty outside a config's
 * evaluation or a script's execution.
 *
 * @example
 * const { tenant = 'dev' } = getXArgs()
 */
export function getXArgs(): XArgs {
  return scopes().storage.getStore() ?? NO_X_ARGS
}

/**
 * Runs `fn` (and everything it starts) with `args` as the run's `-x`
 * arguments. `loadConfig` wraps the config's evaluation in it, the runner
 * each script, the API the models module and `withOperations`.
 *
 * @example
 * await runWithXArgs({ tenant: 'acme' }, () => importUserModule(configPath))
 */
export async function runWithXArgs<T>(args: XArgs, fn: () => Promise<T>): Promise<T> {
  const all = scopes()
  // A scope switches on Node's async hooks, which tax every promise made while
  // they are on: without values to give, and none of an enclosing run to hide,
  // there is nothing to scope.
  if (Object.keys(args).length === 0 && all.storage.getStore() === undefined) return fn()
  all.open += 1
  try {
    return await all.storage.run(Object.isFrozen(args) ? args : Object.freeze({ ...args }), fn)
  } finally {
    // With no run inside a scope any more, the hooks go off until the next one.
    all.open -= 1
    if (all.open === 0) all.storage.disable()
  }
}

/**
 * Parses `-x` values into a record. Each must be `key=value`: Alembic's `-x`
 * takes any text, but every Alembic recipe uses `key=value`, and a missing `=`
 * is nearly always a typo.
 *
 * @example
 * parseXArgs(['tenant=acme', 'dry=1']) // { tenant: 'acme', dry: '1' }
 */
export function parseXArgs(values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const value of values) {
    const eq = value.indexOf('=')
    if (eq <= 0) {
      throw new UsageError(`-x expects key=value, got "${value}"`, {
        hint: 'write it as -x name=value, e.g. -x tenant=acme',
      })
    }
    out[value.slice(0, eq)] = value.slice(eq + 1)
  }
  return out
}
