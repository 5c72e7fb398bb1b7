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
  let out = ''
  let index = 0
  let next = 1
  const n = sql.length
  while (index < n) {
    const ch = sql[index]!
    const start = index
    if (ch === "'") {
      // E'…' strings treat backslash as an escape; the E was copied already.
      const escapes = index > 0 && /[eE]/.test(sql[index - 1]!) && !/[\w$]/.test(sql[index - 2] ?? ' ')
      index = skipQuoted(sql, index, "'", escapes)
    } else if (ch === '"') {
      index = skipQuoted(sql, index, '"', false)
    } else if (ch === '-' && sql[index + 1] === '-') {
      const end = sql.indexOf('\n', index)
      index = end === -1 ? n : end + 1
    } else if (ch === '/' && sql[index + 1] === '*') {
      index = skipBlockComment(sql, index)
    } else if (ch === '$' && !/[\w$]/.test(sql[index - 1] ?? ' ')) {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(index))
      if (tag) {
        const close = sql.indexOf(tag[0], index + tag[0].length)
        index = close === -1 ? n : close + tag[0].length
      } else {
        index += 1
      }
    } else if (ch === '?') {
      out += `$${next++}`
      index += 1
      continue
    } else {
      index += 1
    }
    out += sql.slice(start, index)
  }
  return out
}

function skipQuoted(sql: string, open: number, quote: string, backslashEscapes: boolean): number {
  let index = open + 1
  while (index < sql.length) {
    const ch = sql[index]
    if (backslashEscapes && ch === '\\') {
      index += 2
    } else if (ch === quote) {
      if (sql[index + 1] === quote) index += 2
      else return index + 1
    } else {
      index += 1
    }
  }
  return sql.length
}

function skipBlockComment(sql: string, open: number): number {
  let depth = 0
  let index = open
  while (index < sql.length) {
    if (sql[index] === '/' && sql[index + 1] === '*') {
      depth += 1
      index += 2
    } else if (sql[index] === '*' && sql[index + 1] === '/') {
      depth -= 1
      index += 2
      if (depth === 0) return index
    } else {
      index += 1
    }
  }
  return sql.length
}
