import type { SqlType } from '../../schema/types.js'

/**
 * Maps a SQLite declared type (free text: SQLite keeps whatever the CREATE
 * TABLE said) back to the portable vocabulary. The names the SQLite compiler
 * writes map back exactly; anything else stays `custom` with the declared
 * text, which SQLite itself only uses to pick a column affinity.
 *
 * @example
 * sqliteTypeFromText('VARCHAR(20)') // { kind: 'string', length: 20 }
 * sqliteTypeFromText('CHAR(36)') // { kind: 'custom', name: 'CHAR(36)' }
 * sqliteTypeFromText('tinyint(1)') // { kind: 'custom', name: 'tinyint(1)' }
 */
export function sqliteTypeFromText(text: string): SqlType {
  const match = /^\s*([A-Za-z ]+?)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?\s*$/.exec(text)
  if (!match) return { kind: 'custom', name: text }
  const base = match[1]!.toUpperCase().replace(/\s+/g, ' ')
  const n1 = match[2] === undefined ? null : Number(match[2])
  const n2 = match[3] === undefined ? null : Number(match[3])
  const sized = n1 !== null
  switch (base) {
    case 'INTEGER':
    case 'INT':
      return sized ? { kind: 'custom', name: text } : { kind: 'integer' }
    // A display width (`tinyint(1)`, Laravel's boolean) is kept as written: SQLite shows it in its catalog.
    case 'BIGINT':
      return sized ? { kind: 'custom', name: text } : { kind: 'bigint' }
    case 'SMALLINT':
      return sized ? { kind: 'custom', name: text } : { kind: 'smallint' }
    case 'TINYINT':
      return sized ? { kind: 'custom', name: text } : { kind: 'tinyint' }
    case 'BOOLEAN':
      return { kind: 'boolean' }
    case 'VARCHAR':
      return { kind: 'string', length: n1 }
    case 'TEXT':
      return { kind: 'text' }
    case 'DATE':
      return { kind: 'date' }
    case 'DATETIME':
    case 'TIMESTAMP':
      return { kind: 'datetime', timezone: false }
    case 'TIME':
      return { kind: 'time' }
    case 'NUMERIC':
    case 'DECIMAL':
      return { kind: 'numeric', precision: n1, scale: n2 }
    case 'FLOAT':
    case 'REAL':
      return { kind: 'float' }
    case 'DOUBLE':
    case 'DOUBLE PRECISION':
      return { kind: 'double' }
    case 'JSON':
      return { kind: 'json' }
    case 'BLOB':
      return { kind: 'binary', length: null }
    default:
      return { kind: 'custom', name: text }
  }
}
