import type { SqlType } from '../../schema/types.js'
import { renderGenericType } from '../generic-types.js'

const precisionSuffix = (precision: number | undefined): string => (precision === undefined ? '' : `(${precision})`)

/**
 * How PostgreSQL writes each type in DDL: its own names for the kinds below,
 * the generic names for the rest. Enum types are written by name (the
 * compiler creates them); `quote` quotes that name.
 *
 * @example
 * renderPostgresType({ kind: 'datetime', timezone: true }, q) // 'TIMESTAMP WITH TIME ZONE'
 */
export function renderPostgresType(type: SqlType, quote: (name: string) => string): string {
  switch (type.kind) {
    case 'tinyint':
      return 'SMALLINT'
    case 'datetime':
      return `TIMESTAMP${precisionSuffix(type.precision)} ${type.timezone ? 'WITH' : 'WITHOUT'} TIME ZONE`
    case 'time':
      return `TIME${precisionSuffix(type.precision)} WITHOUT TIME ZONE`
    case 'float':
      return 'REAL'
    case 'double':
      return 'DOUBLE PRECISION'
    case 'jsonb':
      return 'JSONB'
    case 'uuid':
      return 'UUID'
    case 'inet':
      return 'INET'
    case 'enum':
      return quote(type.name)
    case 'binary':
      return 'BYTEA'
    case 'array':
      return `${renderPostgresType(type.of, quote)}[]`
    default:
      return renderGenericType(type)
  }
}
