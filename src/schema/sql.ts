/** One piece of a {@link SqlFragment}: raw text, an identifier to quote, or a value to render as a literal. */
export type SqlPart =
  | { readonly text: string }
  | { readonly identifier: string }
  | { readonly value: unknown }

/**
 * A piece of SQL written by the user (a server default, a check, an index
 * expression). Kept as parts, not text, so that identifiers and literals are
 * written by the dialect that finally compiles it.
 */
export interface SqlFragment {
  readonly kind: 'sql'
  readonly parts: readonly SqlPart[]
}

/** What renders a fragment: the quoting and literal halves of a dialect. */
export interface SqlRenderer {
  quoteIdentifier(name: string): string
  renderLiteral(value: unknown): string
}

function isColumnLike(value: unknown): value is { kind: 'column'; name: string } {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'column'
}

/** True for a value built by {@link sql}. */
export function isSqlFragment(value: unknown): value is SqlFragment {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'sql'
}

function fragment(parts: SqlPart[]): SqlFragment {
  return Object.freeze({ kind: 'sql' as const, parts: Object.freeze(parts) })
}

/**
 * Tagged template for SQL text. Interpolated fragments are inlined, columns
 * become quoted identifiers, anything else becomes a literal.
 *
 * @example
 * sql`CURRENT_TIMESTAMP`
 * sql`${users.columns.id} > ${0}`  // "id" > 0
 */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlFragment {
  const parts: SqlPart[] = []
  strings.forEach((text, i) => {
    if (text !== '') parts.push({ text })
    if (i >= values.length) return
    const value = values[i]
    if (isSqlFragment(value)) parts.push(...value.parts)
    else if (isColumnLike(value)) parts.push({ identifier: value.name })
    else parts.push({ value })
  })
  return fragment(parts)
}

/** Raw SQL text, used as is. `sql.raw('now()')`. */
sql.raw = (text: string): SqlFragment => fragment([{ text }])
/** A quoted identifier. `sql.identifier('select')` → `"select"`. */
sql.identifier = (name: string): SqlFragment => fragment([{ identifier: name }])
/** A literal value. `sql.literal("it's")` → `'it''s'`. */
sql.literal = (value: unknown): SqlFragment => fragment([{ value }])

/**
 * Writes a fragment as SQL text for one dialect.
 *
 * @example
 * renderSql(sql`lower(${sql.identifier('Email')})`, dialect) // lower("Email")
 */
export function renderSql(value: SqlFragment, renderer: SqlRenderer): string {
  return value.parts
    .map((part) => {
      if ('text' in part) return part.text
      if ('identifier' in part) return renderer.quoteIdentifier(part.identifier)
      return renderer.renderLiteral(part.value)
    })
    .join('')
}

/** The fragment's text with identifiers and values written plainly, for messages and comparison keys. */
export function sqlText(value: SqlFragment): string {
  return renderSql(value, { quoteIdentifier: (n) => n, renderLiteral: (v) => JSON.stringify(v) ?? 'NULL' })
}
