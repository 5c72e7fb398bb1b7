import { drizzleTypeText, isDrizzleGenerated, type DrizzleColumnReader } from '../drizzle-reading.js'
import { mysqlTypeFromText } from './mysql-reflect-types.js'

/**
 * Reads drizzle-orm/mysql-core columns through the catalog's own type
 * reader, after the two spellings Drizzle writes differently.
 *
 * @example
 * mysqlDrizzle.columnType(mysqlTable('t', { id: serial() }).id) // { type: { kind: 'bigint' }, autoincrement: true }
 */
export const mysqlDrizzle: DrizzleColumnReader = {
  columnType(column) {
    const text = drizzleTypeText(column)
    const lower = text.toLowerCase()
    // SERIAL is BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE; athanor carries the bigint and the generation.
    if (lower === 'serial') return { type: { kind: 'bigint' }, autoincrement: true }
    if (lower === 'boolean') return { type: { kind: 'boolean' }, autoincrement: false }
    return { type: mysqlTypeFromText(text, column.name), autoincrement: isDrizzleGenerated(column) }
  },
}
