/**
 * Checks a loaded config object against `AthanorConfig`, key by key, so a typo
 * or a wrong type fails at start-up with the file and the key named instead of
 * surfacing later as a confusing default.
 */
import { ConfigError } from '../errors.js'
import type { AthanorConfig } from './config-types.js'

type Check = (value: unknown) => string | undefined

const isString: Check = (v) => (typeof v === 'string' ? undefined : 'a string')
const isBoolean: Check = (v) => (typeof v === 'boolean' ? undefined : 'true or false')
const isFunction: Check = (v) => (typeof v === 'function' ? undefined : 'a function')
const isStringArray: Check = (v) =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? undefined : 'an array of strings'
const isFolderList: Check = (v) =>
  typeof v === 'string' || (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' && x !== ''))
    ? undefined
    : 'a folder or a non-empty array of folders'
/** Node's timers hold at most 2^31 - 1 ms; a longer wait would fire at once. */
const MAX_DURATION_MS = 2_147_483_647
const isDuration: Check = (v) => {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return 'a number of milliseconds ≥ 0'
  return v <= MAX_DURATION_MS ? undefined : `at most ${MAX_DURATION_MS} ms (about 24.8 days)`
}
const isTableName: Check = (v) => (typeof v !== 'string' ? 'a string' : v.trim() === '' ? 'a table name, not empty' : undefined)

const TOP_LEVEL: Record<string, Check> = {
  url: isString,
  models: isString,
  migrations: isFolderList,
  versionTable: isTableName,
  versionTableSchema: isTableName,
  compare: (v) => checkObject(v, COMPARE_KEYS),
  include: (v) => checkObject(v, INCLUDE_KEYS),
  transactionPerMigration: isBoolean,
  postWrite: isStringArray,
  lockTimeoutMs: isDuration,
  lint: (v) => checkObject(v, LINT_KEYS),
  processRevisionDirectives: isFunction,
  ddlLockTimeoutMs: isDuration,
  statementTimeoutMs: isDuration,
  stepTimeoutMs: isDuration,
  ddlLockRetries: (v) => isCount(v),
  ddlLockRetryDelayMs: isDuration,
  safe: isBoolean,
}
const COMPARE_KEYS: Record<string, Check> = { types: isBoolean, serverDefaults: isBoolean, comments: isBoolean }
const isCount: Check = (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? undefined : 'a whole number ≥ 0')
const isAllowList: Check = (v) =>
  Array.isArray(v) &&
  v.every(
    (e) =>
      typeof e === 'object' && e !== null && typeof e.rule === 'string' && typeof e.reason === 'string' && e.reason.trim() !== '' &&
      (e.revision === undefined || typeof e.revision === 'string') && (e.table === undefined || typeof e.table === 'string'),
  )
    ? undefined
    : 'a list of { rule, reason, revision?, table? } with a non-empty reason'
const LINT_KEYS: Record<string, Check> = { smallTableRows: isCount, serverVersion: isString, allow: isAllowList }
const INCLUDE_KEYS: Record<string, Check> = { schemas: isStringArray, name: isFunction, object: isFunction }

// Nested problems are reported through this, so the message can name `compare.tpyes`.
class NestedProblem {
  constructor(readonly key: string, readonly problem: string, readonly known: readonly string[]) {}
}

function checkObject(value: unknown, keys: Record<string, Check>): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'an object'
  for (const [key, item] of Object.entries(value)) {
    const check = keys[key]
    if (check === undefined) throw new NestedProblem(key, 'unknown', Object.keys(keys))
    if (item === undefined) continue
    const expected = check(item)
    if (expected !== undefined) throw new NestedProblem(key, expected, Object.keys(keys))
  }
  return undefined
}

/**
 * Returns `value` typed as `AthanorConfig` when every key is known and well
 * typed; throws a `ConfigError` naming `file` and the first bad key otherwise.
 *
 * @example
 * validateConfig({ migrations: './db' }, 'athanor.config.ts') // ok
 * validateConfig({ migrattions: './db' }, 'athanor.config.ts') // ConfigError, hint: did you mean "migrations"?
 */
export function validateConfig(value: unknown, file: string): AthanorConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(`${file}: the default export must be a config object, got ${describe(value)}`, {
      hint: 'write `export default defineConfig({ … })`',
    })
  }
  for (const [key, item] of Object.entries(value)) {
    const check = TOP_LEVEL[key]
    if (check === undefined) throw unknownKey(file, key, key, Object.keys(TOP_LEVEL))
    if (item === undefined) continue
    let expected: string | undefined
    try {
      expected = check(item)
    } catch (problem) {
      if (!(problem instanceof NestedProblem)) throw problem
      const path = `${key}.${problem.key}`
      if (problem.problem === 'unknown') throw unknownKey(file, path, problem.key, problem.known)
      throw new ConfigError(`${file}: "${path}" must be ${problem.problem}`)
    }
    if (expected !== undefined) throw new ConfigError(`${file}: "${key}" must be ${expected}, got ${describe(item)}`)
  }
  return value as AthanorConfig
}

function unknownKey(file: string, path: string, key: string, known: readonly string[]): ConfigError {
  const guess = closest(key, known)
  return new ConfigError(`${file}: unknown config key "${path}"`, {
    hint: guess !== undefined ? `did you mean "${guess}"?` : `known keys: ${known.join(', ')}`,
  })
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string') return JSON.stringify(value)
  // The value itself where it is short and says more than its type (-5, NaN, 1e+21, false).
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  return typeof value
}

/** The known key within edit distance 2 (case-insensitive) of `key`, if one is. */
function closest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined
  let bestDistance = 3
  for (const candidate of known) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase())
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  return best
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      row.push(Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost))
    }
    previous = row
  }
  return previous[b.length] ?? 0
}
