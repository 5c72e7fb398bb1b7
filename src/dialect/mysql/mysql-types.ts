import type { SqlType } from '../../schema/types.js'

/**
 * How MySQL/MariaDB write each type in DDL. Enums are inline `ENUM(…)`;
 * PostgreSQL-only kinds fall back to JSON or VARCHAR.
 *
 * @example
 * renderMysqlType({ kind: 'string', length: null }, lit) // 'VARCHAR(255)'
 */
export function renderMysqlType(type: SqlType, literal: (value: string) => string): string {
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
      return 'BOOL'
    case 'string':
      // MySQL requires a VARCHAR length; 255 is SQLAlchemy's and Rails' choice.
      return `VARCHAR(${type.length ?? 255})`
    case 'text':
      return 'TEXT'
    case 'mediumtext':
      return 'MEDIUMTEXT'
    case 'longtext':
      return 'LONGTEXT'
    case 'date':
      return 'DATE'
    case 'datetime':
      // TIMESTAMP converts through the session time zone and ends in 2038; DATETIME stores what it is given.
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
      return `ENUM(${type.values.map(literal).join(', ')})`
    case 'binary':
      return type.length === null ? 'BLOB' : `VARBINARY(${type.length})`
    case 'custom':
      return type.name
  }
}
