import type { SqlType } from '../../schema/types.js'

/**
 * How SQLite writes each type in DDL. Names are chosen for their column
 * affinity: UUIDs and enums get TEXT affinity (CHAR/VARCHAR) so that values
 * that look like numbers are never converted.
 *
 * @example
 * renderSqliteType({ kind: 'uuid' }) // 'CHAR(36)'
 */
export function renderSqliteType(type: SqlType): string {
  switch (type.kind) {
    case 'integer':
      return 'INTEGER'
    case 'bigint':
      return 'BIGINT'
    case 'smallint':
      return 'SMALLINT'
    case 'tinyint':
      return 'TINYINT'
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
      return 'DATETIME'
    case 'time':
      return 'TIME'
    case 'numeric':
      if (type.precision === null) return 'NUMERIC'
      return type.scale === null ? `NUMERIC(${type.precision})` : `NUMERIC(${type.precision}, ${type.scale})`
    case 'float':
      return 'FLOAT'
    case 'double':
      return 'DOUBLE'
    case 'json':
    case 'jsonb':
    case 'array':
      return 'JSON'
    case 'uuid':
      return 'CHAR(36)'
    case 'inet':
      return 'VARCHAR(45)'
    case 'enum':
      return `VARCHAR(${Math.max(1, ...type.values.map((v) => v.length))})`
    case 'binary':
      return 'BLOB'
    case 'custom':
      return type.name
  }
}
