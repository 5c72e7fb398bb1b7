import type { DependentTypes } from '../dependent-types.js'

/** A single statement that only drops a table, a column, or touches rows: it can add no enum column. */
const KEEPS = /^\s*(?:(?:INSERT|UPDATE|DELETE|SELECT)\b|DROP TABLE\b[^;]*$|ALTER TABLE\b[^,;]*\bDROP COLUMN\b[^,;]*$)/i

/**
 * PostgreSQL enum types (and arrays of them) follow their columns: the
 * columns using one, read once per run.
 *
 * @example
 * postgresDependentTypes.keepsAnswer('ALTER TABLE "t" DROP COLUMN "c"') // true
 */
export const postgresDependentTypes: DependentTypes = {
  usingColumnsQuery: {
    sql: `SELECT c.relname AS table_name, a.attname AS column_name
  FROM pg_catalog.pg_attribute a
  JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
  JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid
  WHERE a.attnum > 0 AND NOT a.attisdropped
    AND (ty.typtype = 'e' OR EXISTS (SELECT 1 FROM pg_catalog.pg_type el WHERE el.oid = ty.typelem AND el.typtype = 'e'))`,
  },
  keepsAnswer: (sql) => KEEPS.test(sql) && !/;\s*\S/.test(sql),
}
