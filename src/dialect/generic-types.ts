import type { SqlType } from '../schema/types.js'

/** Every kind but `enum`, whose DDL each dialect writes its own way (named type, inline ENUM, sized VARCHAR). */
export type GenericSqlType = Exclude<SqlType, { kind: 'enum' }>

/**
 * The DDL type names shared by the dialects, SQL-standard where there is a
 * standard, with portable fallbacks for the PostgreSQL-only kinds (`uuid` as
 * CHAR(36), `inet` as VARCHAR(45), `jsonb` and arrays as JSON). A dialect's
 * own renderer overrides the kinds it writes differently and hands the rest
 * here, as SQLAlchemy's dialect type compilers do over its generic one.
 *
 * @example
 * renderGenericType({ kind: 'numeric', precision: 10, scale: 2 }) // 'NUMERIC(10, 2)'
 * renderGenericType({ kind: 'uuid' }) // 'CHAR(36)'
 */
export function renderGenericType(type: GenericSqlType): string {
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
    case 'binary':
      return 'BLOB'
    case 'custom':
      return type.name
  }
}
