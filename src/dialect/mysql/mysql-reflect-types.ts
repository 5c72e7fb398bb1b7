import type { SqlType } from '../../schema/types.js'

/** Reads the quoted values of `enum('a','it''s')` / `set(…)`. */
export function mysqlEnumValues(columnType: string): string[] {
  const body = columnType.slice(columnType.indexOf('(') + 1, columnType.lastIndexOf(')'))
  const values: string[] = []
  const pattern = /'((?:[^'\\]|''|\\.)*)'/g
  for (let m = pattern.exec(body); m !== null; m = pattern.exec(body)) {
    values.push(m[1]!.replaceAll("''", "'").replace(/\\(.)/g, '$1'))
  }
  return values
}

/**
 * Maps MySQL/MariaDB `COLUMN_TYPE` text back to the portable vocabulary.
 * `tinyint(1)` is a boolean (what BOOL creates), `timestamp` a datetime with
 * time zone (it stores an instant), MariaDB's JSON (a LONGTEXT with a
 * `json_valid` check) is recognised by the caller. Unsigned and sized
 * variants without a portable kind stay `custom`. An inline enum takes the
 * column's name, since MySQL enums have none of their own.
 *
 * @example
 * mysqlTypeFromText('varchar(20)', 'name') // { kind: 'string', length: 20 }
 * mysqlTypeFromText('timestamp(6)', 'at') // { kind: 'datetime', timezone: true, precision: 6 }
 * mysqlTypeFromText("enum('a','b')", 'status') // { kind: 'enum', name: 'status', values: ['a', 'b'] }
 */
export function mysqlTypeFromText(columnType: string, columnName: string): SqlType {
  const text = columnType.toLowerCase()
  if (text.startsWith('enum(')) return { kind: 'enum', name: columnName, values: mysqlEnumValues(columnType) }
  const match = /^([a-z]+)(?:\((\d+)(?:,(\d+))?\))?$/.exec(text)
  if (!match) return { kind: 'custom', name: columnType }
  const [, base, first, second] = match
  const n1 = first === undefined ? null : Number(first)
  switch (base) {
    case 'tinyint':
      return n1 === 1 ? { kind: 'boolean' } : { kind: 'tinyint' }
    case 'smallint':
      return { kind: 'smallint' }
    case 'int':
    case 'integer':
      return { kind: 'integer' }
    case 'bigint':
      return { kind: 'bigint' }
    case 'varchar':
      return { kind: 'string', length: n1 }
    case 'text':
      return { kind: 'text' }
    case 'mediumtext':
      return { kind: 'mediumtext' }
    case 'longtext':
      return { kind: 'longtext' }
    case 'date':
      return { kind: 'date' }
    case 'datetime':
      return { kind: 'datetime', timezone: false, ...fraction(n1) }
    case 'timestamp':
      return { kind: 'datetime', timezone: true, ...fraction(n1) }
    case 'time':
      return { kind: 'time', ...fraction(n1) }
    case 'decimal':
    case 'numeric':
      return { kind: 'numeric', precision: n1, scale: second === undefined ? null : Number(second) }
    case 'float':
      return { kind: 'float' }
    case 'double':
      return { kind: 'double' }
    case 'json':
      return { kind: 'json' }
    case 'blob':
      return { kind: 'binary', length: null }
    case 'varbinary':
      return { kind: 'binary', length: n1 }
    default:
      return { kind: 'custom', name: columnType }
  }
}

/** The `precision` of `datetime(n)` / `timestamp(n)` / `time(n)`; none for 0, the default, so `datetime` and `datetime(0)` read alike. */
function fraction(digits: number | null): { precision?: number } {
  return digits === null || digits === 0 ? {} : { precision: digits }
}
