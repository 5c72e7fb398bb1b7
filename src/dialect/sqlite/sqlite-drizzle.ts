import { drizzleTypeText, isDrizzleGenerated, type DrizzleColumnReader } from '../drizzle-reading.js'
import { sqliteTypeFromText } from './sqlite-reflect-types.js'

/**
 * Reads drizzle-orm/sqlite-core columns through the catalog's own type reader.
 *
 * @example
 * sqliteDrizzle.columnType(sqliteTable('t', { n: integer() }).n) // { type: { kind: 'integer' }, autoincrement: false }
 */
export const sqliteDrizzle: DrizzleColumnReader = {
  columnType: (column) => ({ type: sqliteTypeFromText(drizzleTypeText(column)), autoincrement: isDrizzleGenerated(column) }),
}
