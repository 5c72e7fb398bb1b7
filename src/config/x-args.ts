import { UsageError } from '../errors.js'

/**
 * The `-x key=value` arguments of the current run, readable from the config
 * file and from revision scripts. Kept on `globalThis` under a registered
 * symbol so that every copy of the athanor module loaded in one process (the
 * CLI's, the one a config imports) sees the same values.
 */

const X_ARGS_KEY = Symbol.for('athanor.xArgs')

type XArgsHolder = { [X_ARGS_KEY]?: Readonly<Record<string, string>> }

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

/** All `-x` arguments of this run as a frozen record (empty when none). */
export function getXArgs(): Readonly<Record<string, string>> {
  return (globalThis as XArgsHolder)[X_ARGS_KEY] ?? {}
}

/** Sets the `-x` arguments of this run; called by `loadConfig` before the config file is evaluated. */
export function setXArgs(args: Readonly<Record<string, string>>): void {
  ;(globalThis as XArgsHolder)[X_ARGS_KEY] = Object.freeze({ ...args })
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
