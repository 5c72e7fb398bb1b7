/** Types as people read them in a diff's detail: the DDL the database would see. */
import type { Dialect } from '../dialect/dialect.js'
import type { SqlType } from '../schema/types.js'

/**
 * The type as `dialect` writes it, for messages.
 *
 * @example
 * describeType({ kind: 'string', length: 50 }, postgresDialect) // 'VARCHAR(50)'
 */
export function describeType(type: SqlType, dialect: Pick<Dialect, 'compiler'>): string {
  try {
    return dialect.compiler.renderType(type)
  } catch {
    return type.kind
  }
}

/**
 * True when changing a column from `from` to `to` can lose data: a shorter
 * string, fewer digits, a smaller integer, text to a bounded string, or a
 * change of family (text to number).
 *
 * @example
 * isNarrowing({ kind: 'string', length: 100 }, { kind: 'string', length: 50 }) // true
 */
export function isNarrowing(from: SqlType, to: SqlType): boolean {
  const intRank: Partial<Record<SqlType['kind'], number>> = { tinyint: 1, smallint: 2, integer: 3, bigint: 4 }
  const textRank: Partial<Record<SqlType['kind'], number>> = { string: 1, text: 2, mediumtext: 3, longtext: 4 }
  const fromInt = intRank[from.kind]
  const toInt = intRank[to.kind]
  if (fromInt !== undefined && toInt !== undefined) return toInt < fromInt
  if (from.kind === 'string' && to.kind === 'string') return to.length !== null && (from.length === null || to.length < from.length)
  const fromText = textRank[from.kind]
  const toText = textRank[to.kind]
  if (fromText !== undefined && toText !== undefined) return toText < fromText || (to.kind === 'string' && to.length !== null)
  if (from.kind === 'numeric' && to.kind === 'numeric') {
    if (to.precision === null) return false
    if (from.precision === null) return true
    return to.precision < from.precision || (to.scale ?? 0) < (from.scale ?? 0)
  }
  if (from.kind === 'enum' && to.kind === 'enum') return from.values.some((v) => !to.values.includes(v))
  if (from.kind === 'double' && to.kind === 'float') return true
  if (from.kind === to.kind) return false
  // Widening into text or a wider number keeps every value; anything else may not.
  if (toText !== undefined && (to.kind !== 'string' || to.length === null)) return false
  if (toInt !== undefined && from.kind === 'boolean') return false
  if ((to.kind === 'bigint' || to.kind === 'numeric' || to.kind === 'double') && fromInt !== undefined) return false
  return true
}
