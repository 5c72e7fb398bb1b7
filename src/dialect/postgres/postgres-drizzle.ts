import type { SqlType } from '../../schema/types.js'
import { drizzleTypeText, isDrizzleGenerated, type DrizzleColumnReader } from '../drizzle-reading.js'
import { postgresTypeFromText } from './postgres-reflect-types.js'

const SERIALS: Readonly<Record<string, SqlType>> = {
  serial: { kind: 'integer' },
  bigserial: { kind: 'bigint' },
  smallserial: { kind: 'smallint' },
}

// Drizzle's short names for types whose catalog text is longer.
const SPELLINGS: readonly (readonly [RegExp, string])[] = [
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
 * Reads drizzle-orm/pg-core columns: enums by their pgEnum, serials as
 * generated integers, the rest through the catalog's own type reader.
 *
 * @example
 * postgresDrizzle.columnType(pgTable('u', { email: varchar({ length: 255 }) }).email)
 * // { type: { kind: 'string', length: 255 }, autoincrement: false }
 */
export const postgresDrizzle: DrizzleColumnReader = {
  columnType(column) {
    if (column.enum !== undefined) {
      return { type: { kind: 'enum', name: column.enum.enumName, values: [...column.enum.enumValues] }, autoincrement: false }
    }
    const text = drizzleTypeText(column).toLowerCase()
    const serial = SERIALS[text]
    if (serial !== undefined) return { type: serial, autoincrement: true }
    const spelled = SPELLINGS.reduce((t, [pattern, name]) => t.replace(pattern, name), text)
    return { type: postgresTypeFromText(spelled), autoincrement: isDrizzleGenerated(column) }
  },
}
