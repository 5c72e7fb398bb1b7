/**
 * Finds a generated column's expression in SQLite's stored CREATE TABLE
 * text (`c INT GENERATED ALWAYS AS (a + 1) STORED`, `c AS (a + 1)`), which
 * no pragma reports. A scanner that knows strings, quoted identifiers and
 * parentheses, which is all it takes to find one column's `AS (…)`.
 */

/** Index just past the quoted run starting at `from` (`'…'`, `"…"`, `` `…` ``, `[…]`). */
function skipQuoted(sql: string, from: number): number {
  const open = sql[from]!
  const close = open === '[' ? ']' : open
  let i = from + 1
  while (i < sql.length) {
    if (sql[i] === close) {
      if (close !== ']' && sql[i + 1] === close) i += 2
      else return i + 1
    } else i++
  }
  return i
}

const isQuote = (ch: string | undefined) => ch === "'" || ch === '"' || ch === '`' || ch === '['

/** The top-level comma-separated elements inside the first parenthesis. */
function topLevelElements(sql: string): string[] {
  const elements: string[] = []
  let depth = 0
  let start = -1
  for (let i = 0; i < sql.length; ) {
    const ch = sql[i]!
    if (isQuote(ch)) {
      i = skipQuoted(sql, i)
      continue
    }
    if (ch === '(') {
      depth++
      if (depth === 1) start = i + 1
    } else if (ch === ')') {
      depth--
      if (depth === 0) {
        elements.push(sql.slice(start, i))
        return elements
      }
    } else if (ch === ',' && depth === 1) {
      elements.push(sql.slice(start, i))
      start = i + 1
    }
    i++
  }
  return elements
}

/** The element's leading identifier, unquoted. */
function leadingName(element: string): string {
  const text = element.trimStart()
  if (isQuote(text[0])) {
    const end = skipQuoted(text, 0)
    const close = text[0] === '[' ? ']' : text[0]!
    return text.slice(1, end - 1).replaceAll(close + close, close)
  }
  return /^[^\s(]+/.exec(text)?.[0] ?? ''
}

/**
 * The expression of generated column `column`, or null when the text has
 * none for it.
 *
 * @example
 * sqliteGeneratedExpression('CREATE TABLE t (a INT, b INT AS (a * 2) STORED)', 'b') // 'a * 2'
 */
export function sqliteGeneratedExpression(createSql: string, column: string): string | null {
  const element = topLevelElements(createSql).find((e) => leadingName(e).toLowerCase() === column.toLowerCase())
  if (element === undefined) return null
  for (let i = 0; i < element.length; ) {
    const ch = element[i]!
    if (isQuote(ch)) {
      i = skipQuoted(element, i)
      continue
    }
    const match = /^AS\s*\(/i.exec(element.slice(i))
    if (match && (i === 0 || /\s/.test(element[i - 1]!))) {
      const open = i + match[0].length - 1
      let depth = 0
      for (let j = open; j < element.length; ) {
        const c = element[j]!
        if (isQuote(c)) {
          j = skipQuoted(element, j)
          continue
        }
        if (c === '(') depth++
        else if (c === ')' && --depth === 0) return element.slice(open + 1, j).trim()
        j++
      }
      return null
    }
    i++
  }
  return null
}
