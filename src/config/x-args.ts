import { AsyncLocalStorage } from 'node:async_hooks'
import { UsageError } from '../errors.js'

/**
 * The `-x key=value` arguments of a run, readable from the config file and
 * from revision scripts through `xArg()`. They belong to the run, not to the
 * process: the config's evaluation and each script's execution run inside a
 * scope holding that run's values, so two `Athanor` objects (even with runs
 * interleaved) never see each other's.
 *
 * The scope's storage is one per process, kept under a registered symbol, so
 * that every copy of the athanor module loaded in one process (the CLI's, the
 * one a config imports) reads the same scopes.
 */

type XArgs = Readonly<Record<string, string>>

const SCOPE_KEY = Symbol.for('athanor.xArgs.scope')
const NO_X_ARGS: XArgs = Object.freeze({})

function scope(): AsyncLocalStorage<XArgs> {
  const holder = globalThis as { [SCOPE_KEY]?: AsyncLocalStorage<XArgs> }
  return (holder[SCOPE_KEY] ??= new AsyncLocalStorage<XArgs>())
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
  return scope().getStore() ?? NO_X_ARGS
}

/**
 * Runs `fn` (and everything it starts) with `args` as the run's `-x`
 * arguments. `loadConfig` wraps the config's evaluation in it, the runner
 * each script, the API the models module and `withOperations`.
 *
 * @example
 * await runWithXArgs({ tenant: 'acme' }, () => importUserModule(configPath))
 */
export function runWithXArgs<T>(args: XArgs, fn: () => Promise<T>): Promise<T> {
  return scope().run(Object.isFrozen(args) ? args : Object.freeze({ ...args }), fn)
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
