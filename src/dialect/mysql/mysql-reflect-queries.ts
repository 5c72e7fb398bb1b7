/**
 * The information_schema queries of MySQL/MariaDB reflection. Every query
 * covers all chosen schemas at once; when filters leave out tables, the
 * chosen names are part of the WHERE clause, so the server never opens the
 * tables nobody asked about.
 */

/** Most table names one schema's condition lists before matching the schema whole. */
export const MAX_LISTED_TABLES = 5000

/** A WHERE condition with its parameters. */
export interface Condition {
  readonly sql: string
  readonly params: readonly unknown[]
}

/**
 * `(schema = ? [AND name IN (…)]) OR …` over the chosen tables of each
 * schema; a schema whose every table was chosen is matched by name alone.
 *
 * @example
 * tablesCondition([{ schema: 'app', tables: ['a'], all: false }], 'TABLE_SCHEMA', 'TABLE_NAME')
 * // { sql: '((TABLE_SCHEMA = ? AND TABLE_NAME IN (?)))', params: ['app', 'a'] }
 */
export function tablesCondition(
  chosen: readonly { readonly schema: string; readonly tables: readonly string[]; readonly all: boolean }[],
  schemaColumn: string,
  tableColumn: string,
): Condition {
  const parts: string[] = []
  const params: unknown[] = []
  for (const entry of chosen) {
    if (entry.tables.length === 0) continue
    // Past a few thousand names the list costs more than it saves (and nears the
    // 65,535-parameter limit); rows of tables not chosen are then dropped by the reader.
    if (entry.all || entry.tables.length > MAX_LISTED_TABLES) {
      parts.push(`(${schemaColumn} = ?)`)
      params.push(entry.schema)
    } else {
      parts.push(`(${schemaColumn} = ? AND ${tableColumn} IN (${entry.tables.map(() => '?').join(', ')}))`)
      params.push(entry.schema, ...entry.tables)
    }
  }
  return parts.length === 0 ? { sql: '1 = 0', params: [] } : { sql: `(${parts.join(' OR ')})`, params }
}

/**
 * Tables and views of `schemaCount` named schemas (parameters) and, when
 * asked, of the default schema, with `DATABASE()` on every row (and on one
 * row when there are none), so the default schema costs no extra query.
 */
export function relationsSql(schemaCount: number, includeDefault: boolean): string {
  const items = Array.from({ length: schemaCount }, () => '?')
  if (includeDefault) items.push('DATABASE()')
  const list = items.length === 0 ? 'NULL' : items.join(', ')
  return `SELECT d.default_schema, r.*
FROM (SELECT DATABASE() AS default_schema) d
LEFT JOIN (
  SELECT t.TABLE_SCHEMA AS table_schema, t.TABLE_NAME AS table_name, t.TABLE_TYPE AS table_type,
         t.TABLE_COMMENT AS table_comment, t.TABLE_COLLATION AS table_collation, t.ENGINE AS engine,
         t.AUTO_INCREMENT AS auto_increment, c.CHARACTER_SET_NAME AS table_charset
  FROM information_schema.TABLES t
  LEFT JOIN information_schema.COLLATIONS c ON c.COLLATION_NAME = t.TABLE_COLLATION
  WHERE t.TABLE_SCHEMA IN (${list})
) r ON 1 = 1
ORDER BY r.table_schema, r.table_name`
}

/** Columns of the chosen tables, in table order. */
export function columnsSql(where: Condition): string {
  return `SELECT TABLE_SCHEMA AS table_schema, TABLE_NAME AS table_name, COLUMN_NAME AS column_name,
       ORDINAL_POSITION AS position, COLUMN_TYPE AS column_type, IS_NULLABLE AS is_nullable,
       COLUMN_DEFAULT AS column_default, EXTRA AS extra, COLUMN_COMMENT AS column_comment,
       COLLATION_NAME AS collation_name, GENERATION_EXPRESSION AS generation_expression
FROM information_schema.COLUMNS
WHERE ${where.sql}
ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION`
}

/** Index entries (primary key, unique and plain indexes) of the chosen tables. `*` because MySQL 8 adds EXPRESSION and MariaDB does not. */
export function statisticsSql(where: Condition): string {
  return `SELECT * FROM information_schema.STATISTICS
WHERE ${where.sql}
ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`
}

/**
 * Foreign key columns of the chosen tables with their referential rules.
 * The rules are read once into a derived table that cannot be merged (the
 * LIMIT sees to that): joined directly, MariaDB re-reads REFERENTIAL_CONSTRAINTS
 * for every key column, ten times slower at 500 tables. Parameters: the
 * schema list of `schemaCount` entries, then `where`'s.
 */
export function foreignKeysSql(where: Condition, schemas: readonly string[]): string {
  return `SELECT k.TABLE_SCHEMA AS table_schema, k.TABLE_NAME AS table_name, k.CONSTRAINT_NAME AS constraint_name,
       k.COLUMN_NAME AS column_name, k.ORDINAL_POSITION AS position,
       k.REFERENCED_TABLE_SCHEMA AS referred_schema, k.REFERENCED_TABLE_NAME AS referred_table,
       k.REFERENCED_COLUMN_NAME AS referred_column,
       rc.UPDATE_RULE AS update_rule, rc.DELETE_RULE AS delete_rule, rc.MATCH_OPTION AS match_option
FROM information_schema.KEY_COLUMN_USAGE k
JOIN (SELECT CONSTRAINT_SCHEMA, CONSTRAINT_NAME, TABLE_NAME, UPDATE_RULE, DELETE_RULE, MATCH_OPTION
        FROM information_schema.REFERENTIAL_CONSTRAINTS
       WHERE CONSTRAINT_SCHEMA IN (${schemas.length === 0 ? 'NULL' : schemas.map(() => '?').join(', ')})
       LIMIT 18446744073709551615) rc
  ON rc.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND rc.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND rc.TABLE_NAME = k.TABLE_NAME
WHERE k.REFERENCED_TABLE_NAME IS NOT NULL AND ${where.sql}
ORDER BY k.TABLE_SCHEMA, k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION`
}

/**
 * Check constraints of the chosen tables. The table comes from
 * TABLE_CONSTRAINTS because MySQL 8's CHECK_CONSTRAINTS has no TABLE_NAME;
 * MariaDB's has one (check names are per table there), and its LEVEL tells
 * column checks from table checks, so `cc.*` carries them along and the
 * reader drops pairs whose TABLE_NAME disagrees. The checks are read once
 * into an unmergeable derived table, as for foreign keys.
 */
export function checksSql(where: Condition, schemas: readonly string[]): string {
  return `SELECT tc.TABLE_SCHEMA AS tc_schema, tc.TABLE_NAME AS tc_table, tc.CONSTRAINT_NAME AS tc_name, cc.*
FROM information_schema.TABLE_CONSTRAINTS tc
JOIN (SELECT * FROM information_schema.CHECK_CONSTRAINTS
       WHERE CONSTRAINT_SCHEMA IN (${schemas.length === 0 ? 'NULL' : schemas.map(() => '?').join(', ')})
       LIMIT 18446744073709551615) cc
  ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
WHERE tc.CONSTRAINT_TYPE = 'CHECK' AND ${where.sql}
ORDER BY tc.TABLE_SCHEMA, tc.TABLE_NAME, tc.CONSTRAINT_NAME`
}
