/**
 * The values an op may hand to a database, checked the same way online and
 * offline, before any statement of the op is built. Drivers disagree about
 * the rest (SQLite binds NaN as NULL, PostgreSQL stores an invalid Date as
 * `0NaN-NaN-…`, JSON.stringify turns NaN into null), so athanor refuses
 * them itself, naming where the value sits.
 */
import type { SqlType } from '../schema/types.js'

/**
 * A value no database stores as written: NaN, ±Infinity, an invalid Date, a
 * function, a symbol, a BigInt out of a 64-bit integer's range, or a JSON
 * value holding one of them (or itself). Not a database error: a revision
 * that hits one fails, and is rolled back where the database allows.
 *
 * @example
 * throw new UnstorableValueError('bulkInsert into "prices": rows[1].amount is NaN, which no database stores')
 */
export class UnstorableValueError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UnstorableValueError'
  }
}

const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n
const INTEGER_KINDS: ReadonlySet<SqlType['kind']> = new Set(['integer', 'bigint', 'smallint', 'tinyint'])

/**
 * Throws an {@link UnstorableValueError} when `value` (at `path`, e.g.
 * `rows[1].amount`) cannot be stored; `what` opens the message (`bulkInsert
 * into "prices"`). `type` is the column's, when known.
 *
 * @example
 * checkStorable(Number.NaN, 'bulkInsert into "prices"', 'rows[1].amount') // throws: … rows[1].amount is NaN, which no database stores
 */
export function checkStorable(value: unknown, what: string, path: string, type?: SqlType): void {
  const problem = unstorable(value, type, new Set())
  if (problem !== undefined) {
    throw new UnstorableValueError(`${what}: ${path}${problem.at} is ${problem.is}, which no database stores${problem.advice}`)
  }
}

/**
 * {@link checkStorable} for each of a statement's `?` parameters.
 *
 * @example
 * checkParams([1, Number.NaN], 'op.execute') // throws: op.execute: params[1] is NaN, which no database stores; …
 */
export function checkParams(params: readonly unknown[], what: string): void {
  params.forEach((value, i) => checkStorable(value, what, `params[${i}]`))
}

interface Problem {
  /** Where inside a JSON value, e.g. `.prices[2]`; empty for the value itself. */
  readonly at: string
  readonly is: string
  readonly advice: string
}

function unstorable(value: unknown, type: SqlType | undefined, seen: Set<object>): Problem | undefined {
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) ? undefined : { at: '', is: String(value), advice: '; use null for a missing number' }
    case 'bigint':
      if (type !== undefined && INTEGER_KINDS.has(type.kind) && (value < INT64_MIN || value > INT64_MAX)) {
        return { at: '', is: `${value}n, out of a 64-bit integer's range`, advice: '; store it in a numeric column, or as text' }
      }
      return undefined
    case 'function':
      return { at: '', is: 'a function', advice: '; call it, or store what it returns' }
    case 'symbol':
      return { at: '', is: `a symbol (${String(value)})`, advice: '' }
    case 'object':
      if (value === null || value instanceof Uint8Array) return undefined
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? { at: '', is: 'an invalid Date', advice: '; use null for a missing date' } : undefined
      if (Array.isArray(value) && type?.kind === 'array') return inside(value, seen, (item) => unstorable(item, type.of, seen))
      // A value that says how it becomes JSON (a decimal, a date library's object) is its own business.
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return undefined
      // Inside JSON a BigInt cannot be written at all.
      return inside(value, seen, (item) =>
        typeof item === 'bigint' ? { at: '', is: `a BigInt (${item}n) inside a JSON value`, advice: '; convert it to a string or a number' } : unstorable(item, undefined, seen),
      )
    default:
      return undefined
  }
}

/** Objects and arrays become JSON text (or a PostgreSQL array): whatever would silently turn into null, or cannot be written, is refused. */
function inside(value: object, seen: Set<object>, check: (item: unknown) => Problem | undefined): Problem | undefined {
  if (seen.has(value)) return { at: '', is: 'a value that contains itself', advice: '' }
  seen.add(value)
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((item, i) => [`[${i}]`, item])
    : Object.entries(value).map(([key, item]) => [/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`, item])
  for (const [step, item] of entries) {
    const problem = check(item)
    if (problem !== undefined) return { ...problem, at: step + problem.at }
  }
  seen.delete(value)
  return undefined
}
