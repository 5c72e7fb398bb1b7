/**
 * A Drizzle column's SQL type (`column.getSQLType()`, the text drizzle-kit
 * writes into its DDL) in athanor's type vocabulary. The text is read by the
 * same functions that read each database's catalog, so a Drizzle column and
 * the column it creates map to one type; only the spellings Drizzle writes
 * differently from the catalog (`varchar`, `timestamp (3)`, `serial`) are
 * translated first.
 */
import { mysqlTypeFromText } from '../../dialect/mysql/mysql-reflect-types.js'
import { postgresTypeFromText } from '../../dialect/postgres/postgres-reflect-types.js'
import { sqliteTypeFromText } from '../../dialect/sqlite/sqlite-reflect-types.js'
import type { SqlType } from '../../schema/types.js'
import type { DrizzleFamily } from './drizzle-entities.js'

/** The parts of a Drizzle column object its type is read from. */
export interface DrizzleColumnLike {
  readonly name: string
  readonly columnType: string
  getSQLType(): string
  readonly enumValues?: readonly string[] | undefined
  readonly enum?: { readonly enumName: string; readonly enumValues: readonly string[] }
  readonly autoIncrement?: boolean
  readonly generatedIdentity?: unknown
}

/** An athanor type, and whether the database generates the column's values. */
export interface DrizzleTypeReading {
  readonly type: SqlType
  readonly autoincrement: boolean
}

const POSTGRES_SERIALS: Readonly<Record<string, SqlType>> = {
  serial: { kind: 'integer' },
  bigserial: { kind: 'bigint' },
  smallserial: { kind: 'smallint' },
}

// Drizzle's short names for types whose catalog text is longer.
const POSTGRES_SPELLINGS: readonly (readonly [RegExp, string])[] = [
  [/^varchar\b/, 'character varying'],
  [/^char\b/, 'character'],
  [/^decimal\b/, 'numeric'],
  [/^timestamptz\b/, 'timestamp with time zone'],
  [/^float8\b/, 'double precision'],
  [/^float4\b/, 'real'],
  [/^int4\b/, 'integer'],
  [/^int8\b/, 'bigint'],
  [/^int2\b/, 'smallint'],
]

/**
 * The athanor type of a Drizzle column of the given family.
 *
 * @example
 * drizzleType('pg', pgUsers.email) // { type: { kind: 'string', length: 255 }, autoincrement: false }
 * drizzleType('pg', pgUsers.id)    // serial → { type: { kind: 'integer' }, autoincrement: true }
 */
export function drizzleType(family: DrizzleFamily, column: DrizzleColumnLike): DrizzleTypeReading {
  const text = column.getSQLType().trim().replace(/\s*\(\s*/g, '(').replace(/\s*,\s*/g, ',').replace(/\s*\)/g, ')')
  const generated = column.autoIncrement === true || (column.generatedIdentity !== undefined && column.generatedIdentity !== null)
  return READERS[family](text, column, generated)
}

type TypeReader = (text: string, column: DrizzleColumnLike, generated: boolean) => DrizzleTypeReading

// One reader per Drizzle core package, each in its database's spelling.
const READERS: Readonly<Record<DrizzleFamily, TypeReader>> = {
  pg: (text, column, generated) => {
    if (column.enum !== undefined) {
      return { type: { kind: 'enum', name: column.enum.enumName, values: [...column.enum.enumValues] }, autoincrement: false }
    }
    const serial = POSTGRES_SERIALS[text.toLowerCase()]
    if (serial !== undefined) return { type: serial, autoincrement: true }
    const spelled = POSTGRES_SPELLINGS.reduce((t, [pattern, name]) => t.replace(pattern, name), text.toLowerCase())
    return { type: postgresTypeFromText(spelled), autoincrement: generated }
  },
  mysql: (text, column, generated) => {
    const lower = text.toLowerCase()
    // SERIAL is BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE; athanor carries the bigint and the generation.
    if (lower === 'serial') return { type: { kind: 'bigint' }, autoincrement: true }
    if (lower === 'boolean') return { type: { kind: 'boolean' }, autoincrement: false }
    return { type: mysqlTypeFromText(text, column.name), autoincrement: generated }
  },
  sqlite: (text, _column, generated) => ({ type: sqliteTypeFromText(text), autoincrement: generated }),
}
