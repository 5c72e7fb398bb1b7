import { replacePlaceholders, type PlaceholderSyntax } from '../placeholder-scan.js'

/** Where PostgreSQL hides a `?` that is not a placeholder. */
export const postgresPlaceholderSyntax: PlaceholderSyntax = {
  backslashInStrings: false,
  escapeStrings: true,
  dollarQuotes: true,
  backtickIdentifiers: false,
  hashComments: false,
  nestedBlockComments: true,
}

/**
 * Rewrites `?` placeholders to PostgreSQL's `$1, $2, …`, leaving alone every
 * `?` that is not a placeholder: inside string literals ('…', E'…'), quoted
 * identifiers ("…"), line and block comments (block comments nest in
 * PostgreSQL), and dollar-quoted bodies ($$…$$, $tag$…$tag$).
 *
 * Call it only when the statement has parameters: a statement without them is
 * sent untouched, so jsonb's `?` operator keeps working there.
 *
 * @example
 * rewritePlaceholders("SELECT ? || '?' -- ?\n, ?") // "SELECT $1 || '?' -- ?\n, $2"
 */
export function rewritePlaceholders(sql: string): string {
  return replacePlaceholders(sql, postgresPlaceholderSyntax, (i) => `$${i + 1}`)
}
