import type { SqlType } from '../../schema/types.js'
import { renderGenericType } from '../generic-types.js'

/**
 * How MySQL/MariaDB write each type in DDL: the generic names but for the
 * kinds below. Enums are inline `ENUM(…)`; PostgreSQL-only kinds take the
 * generic fallbacks (JSON, CHAR(36), VARCHAR(45)).
 *
 * @example
 * renderMysqlType({ kind: 'string', length: null }, lit) // 'VARCHAR(255)'
 * renderMysqlType({ kind: 'datetime', timezone: true, precision: 3 }, lit) // 'TIMESTAMP(3)'
 */
export function renderMysqlType(type: SqlType, literal: (value: string) => string): string {
  switch (type.kind) {
    case 'boolean':
      return 'BOOL'
    case 'string':
      // MySQL requires a VARCHAR length; 255 is SQLAlchemy's and Rails' choice.
      return `VARCHAR(${type.length ?? 255})`
    case 'mediumtext':
      return 'MEDIUMTEXT'
    case 'longtext':
      return 'LONGTEXT'
    case 'datetime':
      // TIMESTAMP stores an instant (converted through the session time zone, ending in 2038): the
      // zoned kind; DATETIME stores the wall-clock text it is given.
      return `${type.timezone ? 'TIMESTAMP' : 'DATETIME'}${fraction(type.precision)}`
    case 'time':
      return `TIME${fraction(type.precision)}`
    case 'enum':
      return `ENUM(${type.values.map(literal).join(', ')})`
    case 'binary':
      return type.length === null ? 'BLOB' : `VARBINARY(${type.length})`
    default:
      return renderGenericType(type)
  }
}

/** `(n)` of fractional-second digits, or nothing for the default (0). */
function fraction(precision: number | undefined): string {
  return precision === undefined ? '' : `(${precision})`
}
