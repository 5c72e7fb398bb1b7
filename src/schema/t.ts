import { ColumnBuilder } from './column.js'
import { freezeType, type SqlType } from './types.js'

function col(type: SqlType): ColumnBuilder {
  return new ColumnBuilder(freezeType(type))
}

/** The `precision` field when one is given, so a type without one stays `{ kind, timezone }` and compares equal to it. */
function precisionOf(options: { precision?: number }): { precision?: number } {
  if (options.precision === undefined) return {}
  if (!Number.isInteger(options.precision) || options.precision < 0 || options.precision > 6) {
    throw new RangeError(`fractional-second precision must be an integer from 0 to 6, got ${options.precision}`)
  }
  return { precision: options.precision }
}

/**
 * Column types. Each call returns a {@link ColumnBuilder}; its `.type` is the
 * plain {@link SqlType} value, which is what ops such as `alterColumn` read.
 *
 * @example
 * const users = table('users', { id: t.integer().primaryKey(), tags: t.array(t.text()) })
 */
export const t = {
  integer: () => col({ kind: 'integer' }),
  bigint: () => col({ kind: 'bigint' }),
  smallint: () => col({ kind: 'smallint' }),
  boolean: () => col({ kind: 'boolean' }),
  /** VARCHAR(length); no length → VARCHAR where the dialect allows it, TEXT-like otherwise. */
  string: (length?: number) => col({ kind: 'string', length: length ?? null }),
  text: () => col({ kind: 'text' }),
  date: () => col({ kind: 'date' }),
  /** TIMESTAMP / DATETIME; `precision` is the fractional-second digits: `t.datetime({ precision: 6 })` → `TIMESTAMP(6)`. */
  datetime: (options: { timezone?: boolean; precision?: number } = {}) =>
    col({ kind: 'datetime', timezone: options.timezone ?? false, ...precisionOf(options) }),
  /** TIME; `t.time({ precision: 3 })` → `TIME(3)`. */
  time: (options: { precision?: number } = {}) => col({ kind: 'time', ...precisionOf(options) }),
  numeric: (precision?: number, scale?: number) =>
    col({ kind: 'numeric', precision: precision ?? null, scale: scale ?? null }),
  float: () => col({ kind: 'float' }),
  double: () => col({ kind: 'double' }),
  json: () => col({ kind: 'json' }),
  uuid: () => col({ kind: 'uuid' }),
  /** A named enum: a PostgreSQL type, MySQL ENUM(...), VARCHAR on SQLite. */
  enum: (name: string, values: readonly string[]) => col({ kind: 'enum', name, values: [...values] }),
  binary: (length?: number) => col({ kind: 'binary', length: length ?? null }),
  /** PostgreSQL array of a type; JSON elsewhere. `t.array(t.integer())` */
  array: (of: ColumnBuilder | SqlType) => col({ kind: 'array', of: of instanceof ColumnBuilder ? of.type : of }),
  /** PostgreSQL JSONB; JSON elsewhere. */
  jsonb: () => col({ kind: 'jsonb' }),
  /** PostgreSQL INET; VARCHAR(45) elsewhere. */
  inet: () => col({ kind: 'inet' }),
  /** PostgreSQL TIMESTAMP WITH TIME ZONE (same as `datetime({ timezone: true })`). */
  timestamptz: (options: { precision?: number } = {}) => col({ kind: 'datetime', timezone: true, ...precisionOf(options) }),
  /** MySQL TINYINT; SMALLINT elsewhere. */
  tinyint: () => col({ kind: 'tinyint' }),
  /** MySQL MEDIUMTEXT; TEXT elsewhere. */
  mediumtext: () => col({ kind: 'mediumtext' }),
  /** MySQL LONGTEXT; TEXT elsewhere. */
  longtext: () => col({ kind: 'longtext' }),
  /** Any type name, written as given: `t.custom('citext')`. */
  custom: (name: string) => col({ kind: 'custom', name }),
} as const
