/**
 * Which lexical forms of a dialect can hide a `?` that is not a placeholder.
 * Each dialect's runtime support names its own.
 */
export interface PlaceholderSyntax {
  /** `'…'` strings treat backslash as an escape (MySQL's default; PostgreSQL only in `E'…'`). */
  readonly backslashInStrings: boolean
  /** `E'…'` strings escape with backslash (PostgreSQL). */
  readonly escapeStrings: boolean
  /** `$tag$…$tag$` bodies (PostgreSQL). */
  readonly dollarQuotes: boolean
  /** `` `…` `` identifiers (MySQL). */
  readonly backtickIdentifiers: boolean
  /** `# …` line comments (MySQL). */
  readonly hashComments: boolean
  /** Block comments nest (PostgreSQL). */
  readonly nestedBlockComments: boolean
}

/**
 * Replaces each `?` placeholder in `sql` with `replace(i)` (i from 0), leaving
 * alone every `?` inside a string literal, quoted identifier, comment or
 * dollar-quoted body as `syntax` defines them.
 *
 * @example
 * replacePlaceholders("SELECT ?, '?'", postgresPlaceholderSyntax, (i) => `$${i + 1}`) // "SELECT $1, '?'"
 */
export function replacePlaceholders(sql: string, syntax: PlaceholderSyntax, replace: (index: number) => string): string {
  let out = ''
  let index = 0
  let next = 0
  const n = sql.length
  while (index < n) {
    const ch = sql[index]!
    const start = index
    if (ch === "'") {
      const escapeString = syntax.escapeStrings && /[eE]/.test(sql[index - 1] ?? '') && !/[\w$]/.test(sql[index - 2] ?? ' ')
      index = skipQuoted(sql, index, "'", syntax.backslashInStrings || escapeString)
    } else if (ch === '"') {
      index = skipQuoted(sql, index, '"', syntax.backslashInStrings)
    } else if (ch === '`' && syntax.backtickIdentifiers) {
      index = skipQuoted(sql, index, '`', false)
    } else if ((ch === '-' && sql[index + 1] === '-') || (ch === '#' && syntax.hashComments)) {
      const end = sql.indexOf('\n', index)
      index = end === -1 ? n : end + 1
    } else if (ch === '/' && sql[index + 1] === '*') {
      index = skipBlockComment(sql, index, syntax.nestedBlockComments)
    } else if (ch === '$' && syntax.dollarQuotes && !/[\w$]/.test(sql[index - 1] ?? ' ')) {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(index, index + 64))
      if (tag) {
        const close = sql.indexOf(tag[0], index + tag[0].length)
        index = close === -1 ? n : close + tag[0].length
      } else {
        index += 1
      }
    } else if (ch === '?') {
      out += replace(next++)
      index += 1
      continue
    } else {
      index += 1
    }
    out += sql.slice(start, index)
  }
  return out
}

/**
 * Counts the `?` placeholders in `sql` by the same rules as {@link replacePlaceholders}.
 *
 * @example
 * countPlaceholders('SELECT ? -- ?', postgresPlaceholderSyntax) // 1
 */
export function countPlaceholders(sql: string, syntax: PlaceholderSyntax): number {
  let count = 0
  replacePlaceholders(sql, syntax, () => {
    count += 1
    return '?'
  })
  return count
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

function skipBlockComment(sql: string, open: number, nested: boolean): number {
  if (!nested) {
    const end = sql.indexOf('*/', open + 2)
    return end === -1 ? sql.length : end + 2
  }
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
