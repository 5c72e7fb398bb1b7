import type { SqlType } from '../../schema/types.js'

/**
 * How PostgreSQL writes each type in DDL. Enum types are written by name
 * (the compiler creates them); `quote` quotes that name.
 *
 * @example
 * renderPostgresType({ kind: 'datetime', timezone: true }, q) // 'TIMESTAMP WITH TIME ZONE'
 */
export function renderPostgresType(type: SqlType, quote: (name: string) => string): string {
  switch (type.kind) {
    case 'integer':
      return 'INTEGER'
    case 'bigint':
      return 'BIGINT'
    case 'smallint':
    case 'tinyint':
      return 'SMALLINT'
    case 'boolean':
      return 'BOOLEAN'
    case 'string':
      return type.length === null ? 'VARCHAR' : `VARCHAR(${type.length})`
    case 'text':
    case 'mediumtext':
    case 'longtext':
      return 'TEXT'
    case 'date':
      return 'DATE'
    case 'datetime':
      return type.timezone ? 'TIMESTAMP WITH TIME ZONE' : 'TIMESTAMP WITHOUT TIME ZONE'
    case 'time':
      return 'TIME WITHOUT TIME ZONE'
    case 'numeric':
      if (type.precision === null) return 'NUMERIC'
      return type.scale === null ? `NUMERIC(${type.precision})` : `NUMERIC(${type.precision}, ${type.scale})`
    case 'float':
      return 'REAL'
    case 'double':
      return 'DOUBLE PRECISION'
    case 'json':
      return 'JSON'
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
    case 'custom':
      return type.name
  }
}
