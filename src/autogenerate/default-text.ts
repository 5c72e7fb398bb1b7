/**
 * Server defaults as comparable text. Both sides end up as the SQL the
 * database would show; the model's side is best canonicalized by the
 * database itself (see `canonicalizeModel`), and this module only
 * removes what never carries meaning: outer parentheses and spacing.
 */
import type { Dialect } from '../dialect/dialect.js'
import type { ServerDefault } from '../schema/column.js'
import { isSqlFragment, renderSql } from '../schema/sql.js'

/**
 * The SQL text of a default as `dialect` writes it after DEFAULT.
 *
 * @example
 * defaultSql(sql`CURRENT_TIMESTAMP`, sqliteDialect) // 'CURRENT_TIMESTAMP'
 * defaultSql('draft', postgresDialect)             // "'draft'"
 */
export function defaultSql(value: ServerDefault, dialect: Pick<Dialect, 'compiler' | 'quoteIdentifier' | 'renderLiteral'>): string {
  if (isSqlFragment(value)) return renderSql(value, dialect)
  return dialect.compiler.renderDefault(value)
}

/**
 * Text two defaults are compared by: outer parentheses and spacing removed.
 *
 * @example
 * comparableDefault("(('0'))") // "'0'"
 */
export function comparableDefault(text: string | null): string | null {
  if (text === null) return null
  let t = text.trim().replace(/\s+/g, ' ')
  while (t.startsWith('(') && t.endsWith(')') && balanced(t.slice(1, -1))) t = t.slice(1, -1).trim()
  // DEFAULT NULL, cast to any type (PostgreSQL keeps `NULL::timestamp without time zone`), is no default.
  if (/^NULL(::[^']+)?$/i.test(t)) return null
  return t
}

function balanced(text: string): boolean {
  let depth = 0
  let quote = false
  for (const ch of text) {
    if (ch === "'") quote = !quote
    if (quote) continue
    if (ch === '(') depth++
    if (ch === ')' && --depth < 0) return false
  }
  return depth === 0
}
