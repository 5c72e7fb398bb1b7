/**
 * A Kysely `Database` interface written from athanor tables (models or a
 * reflected database), so the schema and the query types come from one
 * source. One interface per table, named in PascalCase; columns the database
 * fills in (autoincrement, a server default) are `Generated<…>`, so an
 * insert may leave them out.
 */
import type { Column } from '../../schema/column.js'
import type { Table } from '../../schema/table.js'
import type { SqlType, SqlTypeKind } from '../../schema/types.js'
import type { DialectName } from '../../dialect/database-url.js'

/**
 * What each database's driver hands back where it differs from the portable
 * answer: better-sqlite3 gives dates and JSON as text and booleans as 0/1,
 * mysql2 gives TINYINT(1) booleans as numbers, pg gives 64-bit integers as
 * strings. These are facts of the drivers' result values, not of SQL.
 */
const DRIVER_VALUES: Readonly<Record<DialectName, Partial<Record<SqlTypeKind, string>>>> = {
  sqlite: { date: 'string', datetime: 'string', boolean: 'number', json: 'string', jsonb: 'string', bigint: 'number' },
  postgres: { bigint: 'string' },
  mysql: { boolean: 'number', bigint: 'number', json: 'Json' },
}

/**
 * The TypeScript type a column's values have when read. Portable: what every
 * driver athanor supports gives back, or the nearest honest union (a 64-bit
 * integer arrives as a string from pg and as a number elsewhere).
 *
 * @example
 * kyselyValueType({ kind: 'enum', name: 'mood', values: ['ok', 'sad'] }) // "'ok' | 'sad'"
 */
export function kyselyValueType(type: SqlType, dialect?: DialectName): string {
  const driver = dialect === undefined ? undefined : DRIVER_VALUES[dialect][type.kind]
  if (driver !== undefined) return driver
  switch (type.kind) {
    case 'integer':
    case 'smallint':
    case 'tinyint':
    case 'float':
    case 'double':
      return 'number'
    case 'bigint':
      return 'string | number'
    case 'numeric':
      return 'string'
    case 'boolean':
      return 'boolean'
    case 'string':
    case 'text':
    case 'mediumtext':
    case 'longtext':
    case 'uuid':
    case 'inet':
    case 'time':
      return 'string'
    case 'date':
    case 'datetime':
      return 'Date'
    case 'json':
    case 'jsonb':
      return 'Json'
    case 'binary':
      return 'Buffer'
    case 'enum':
      return type.values.length === 0 ? 'string' : type.values.map((v) => quoteString(v)).join(' | ')
    case 'array': {
      const inner = kyselyValueType(type.of, dialect)
      return /[ |]/.test(inner) ? `(${inner})[]` : `${inner}[]`
    }
    case 'custom':
      return 'unknown'
  }
}

/**
 * The module text: `import type { Generated } from 'kysely'`, a `Json`
 * type, one interface per table and `export interface Database`. Tables
 * outside the default schema are keyed `schema.table`, as Kysely names them.
 * With `dialect`, values are typed as that database's driver returns them.
 *
 * @example
 * renderKyselyTypes(metadata.tables, 'postgres') // "import type { Generated } from 'kysely'\n…export interface Database {\n  users: Users\n}\n"
 */
export function renderKyselyTypes(tables: readonly Table[], dialect?: DialectName): string {
  const sorted = [...tables].sort((a, b) => qualified(a).localeCompare(qualified(b)))
  const names = interfaceNames(sorted)
  const blocks = sorted.map((table, i) => {
    const lines = table.columnList.map((c) => `  ${propertyName(c.name)}: ${columnType(c, dialect)}`)
    return `export interface ${names[i]} {\n${lines.join('\n')}\n}`
  })
  const database = sorted.map((table, i) => `  ${propertyName(qualified(table))}: ${names[i]}`)
  const uses = (text: string) => blocks.some((b) => b.includes(text))
  const header = [
    '// Written by `athanor types`: the Kysely types of the schema. Regenerate instead of editing.',
    ...(uses('Generated<') ? ["import type { Generated } from 'kysely'"] : []),
    '',
    ...(uses('Json') ? ['export type Json = string | number | boolean | null | Json[] | { [key: string]: Json }', ''] : []),
  ]
  return `${[...header, ...blocks.flatMap((b) => [b, '']), `export interface Database {\n${database.join('\n')}\n}`].join('\n')}\n`
}

function columnType(column: Column, dialect: DialectName | undefined): string {
  const value = kyselyValueType(column.type, dialect)
  const read = column.nullable ? `${value} | null` : value
  return column.autoincrement || column.serverDefault !== null ? `Generated<${read}>` : read
}

function qualified(table: Table): string {
  return table.schema === null ? table.name : `${table.schema}.${table.name}`
}

function propertyName(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : quoteString(name)
}

function quoteString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
}

// PascalCase names, made unique (`Users`, `Users2`) and kept clear of the two the module itself exports.
function interfaceNames(tables: readonly Table[]): string[] {
  const taken = new Set(['Database', 'Json', 'Generated'])
  return tables.map((table) => {
    const words = qualified(table).split(/[^A-Za-z0-9]+/).filter((w) => w !== '')
    let base = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('') || 'Table'
    if (/^\d/.test(base)) base = `T${base}`
    let name = base
    for (let n = 2; taken.has(name); n++) name = `${base}${n}`
    taken.add(name)
    return name
  })
}
