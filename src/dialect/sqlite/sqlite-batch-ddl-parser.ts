/**
 * Reads the parts of SQLite's stored CREATE TABLE / CREATE INDEX text that
 * no PRAGMA reports: constraint names, CHECK expressions, DEFERRABLE,
 * AUTOINCREMENT, COLLATE, and index expressions and predicates. A small
 * tokenizer, not a full SQL parser: it only needs to find those clauses.
 */

interface Token {
  readonly kind: 'word' | 'ident' | 'string' | 'punct'
  /** Identifier value (unquoted) for words and quoted identifiers; the text otherwise. */
  readonly value: string
  readonly start: number
  readonly end: number
}

function tokenize(sql: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  const closeQuoted = (open: string, close: string, kind: Token['kind']) => {
    const start = i
    let value = ''
    i++
    while (i < sql.length) {
      if (sql[i] === close) {
        if (close !== ']' && sql[i + 1] === close) {
          value += close
          i += 2
          continue
        }
        i++
        break
      }
      value += sql[i]
      i++
    }
    tokens.push({ kind, value: kind === 'string' ? sql.slice(start, i) : value, start, end: i })
    void open
  }
  while (i < sql.length) {
    const ch = sql[i]!
    if (/\s/.test(ch)) i++
    else if (ch === '-' && sql[i + 1] === '-') while (i < sql.length && sql[i] !== '\n') i++
    else if (ch === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2)
      i = end < 0 ? sql.length : end + 2
    } else if (ch === '"') closeQuoted('"', '"', 'ident')
    else if (ch === '`') closeQuoted('`', '`', 'ident')
    else if (ch === '[') closeQuoted('[', ']', 'ident')
    else if (ch === "'") closeQuoted("'", "'", 'string')
    else if (/[\p{L}\p{N}_$]/u.test(ch)) {
      const start = i
      while (i < sql.length && /[\p{L}\p{N}_$]/u.test(sql[i]!)) i++
      tokens.push({ kind: 'word', value: sql.slice(start, i), start, end: i })
    } else {
      tokens.push({ kind: 'punct', value: ch, start: i, end: i + 1 })
      i++
    }
  }
  return tokens
}

function isWord(token: Token | undefined, ...words: string[]): boolean {
  return token?.kind === 'word' && words.includes(token.value.toUpperCase())
}

/** Index of the `)` matching the `(` at `open`. */
function matching(tokens: readonly Token[], open: number): number {
  let depth = 0
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i]!.value === '(' && tokens[i]!.kind === 'punct') depth++
    else if (tokens[i]!.value === ')' && tokens[i]!.kind === 'punct' && --depth === 0) return i
  }
  return tokens.length - 1
}

/** Splits tokens[from, to) at depth-0 commas. */
function splitTopLevel(tokens: readonly Token[], from: number, to: number): Token[][] {
  const out: Token[][] = [[]]
  let depth = 0
  for (let i = from; i < to; i++) {
    const tok = tokens[i]!
    if (tok.kind === 'punct' && tok.value === '(') depth++
    if (tok.kind === 'punct' && tok.value === ')') depth--
    if (depth === 0 && tok.kind === 'punct' && tok.value === ',') out.push([])
    else out[out.length - 1]!.push(tok)
  }
  return out.filter((e) => e.length > 0)
}

function columnList(tokens: readonly Token[], open: number): { names: string[]; next: number } {
  const close = matching(tokens, open)
  const names = splitTopLevel(tokens, open + 1, close).map((item) => item[0]!.value)
  return { names, next: close + 1 }
}

/** Constraint facts found in a CREATE TABLE statement. */
export interface ParsedCreateTable {
  readonly primaryKeyName: string | null
  readonly autoincrement: boolean
  readonly checks: { name: string | null; expression: string }[]
  readonly uniques: { name: string | null; columns: string[] }[]
  readonly foreignKeys: { name: string | null; columns: string[]; deferrable: boolean | 'initiallyDeferred' }[]
  /** COLLATE clauses by column name. */
  readonly collations: Map<string, string>
}

const CONSTRAINT_STARTS = ['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN']

/**
 * Finds constraint names, checks, foreign key deferrability and collations
 * in a stored CREATE TABLE statement.
 *
 * @example
 * parseCreateTable('CREATE TABLE t (a INT, CONSTRAINT ck_a CHECK (a > 0))').checks // [{ name: 'ck_a', expression: 'a > 0' }]
 */
export function parseCreateTable(sql: string): ParsedCreateTable {
  const tokens = tokenize(sql)
  const open = tokens.findIndex((t) => t.kind === 'punct' && t.value === '(')
  const result: ParsedCreateTable = {
    primaryKeyName: null,
    autoincrement: false,
    checks: [],
    uniques: [],
    foreignKeys: [],
    collations: new Map(),
  }
  let primaryKeyName: string | null = null
  let autoincrement = false
  for (const element of splitTopLevel(tokens, open + 1, matching(tokens, open))) {
    const tableLevel = isWord(element[0], ...CONSTRAINT_STARTS)
    const column = tableLevel ? null : element[0]!.value
    let pendingName: string | null = null
    let i = tableLevel ? 0 : 1
    while (i < element.length) {
      const tok = element[i]!
      if (isWord(tok, 'CONSTRAINT')) {
        pendingName = element[i + 1]?.value ?? null
        i += 2
      } else if (isWord(tok, 'CHECK') && element[i + 1]?.value === '(') {
        const close = matching(element, i + 1)
        result.checks.push({ name: pendingName, expression: sql.slice(element[i + 2]!.start, element[close]!.start).trim() })
        pendingName = null
        i = close + 1
      } else if (isWord(tok, 'PRIMARY') && isWord(element[i + 1], 'KEY')) {
        primaryKeyName = pendingName
        pendingName = null
        i += 2
        if (element[i]?.value === '(') i = columnList(element, i).next
      } else if (isWord(tok, 'AUTOINCREMENT')) {
        autoincrement = true
        i++
      } else if (isWord(tok, 'UNIQUE')) {
        let columns = column === null ? [] : [column]
        i++
        if (column === null && element[i]?.value === '(') {
          const list = columnList(element, i)
          columns = list.names
          i = list.next
        }
        result.uniques.push({ name: pendingName, columns })
        pendingName = null
      } else if (isWord(tok, 'FOREIGN') && isWord(element[i + 1], 'KEY')) {
        const list = columnList(element, i + 2)
        i = list.next
        const deferrable = readReferences(element, i)
        result.foreignKeys.push({ name: pendingName, columns: list.names, deferrable: deferrable.deferrable })
        pendingName = null
        i = deferrable.next
      } else if (isWord(tok, 'REFERENCES') && column !== null) {
        const deferrable = readReferences(element, i)
        result.foreignKeys.push({ name: pendingName, columns: [column], deferrable: deferrable.deferrable })
        pendingName = null
        i = deferrable.next
      } else if (isWord(tok, 'COLLATE') && column !== null) {
        result.collations.set(column, element[i + 1]?.value ?? '')
        i += 2
      } else i++
    }
  }
  return { ...result, primaryKeyName, autoincrement }
}

/** Skips a REFERENCES clause starting at `from`, noting DEFERRABLE INITIALLY DEFERRED. */
function readReferences(element: readonly Token[], from: number): { deferrable: boolean | 'initiallyDeferred'; next: number } {
  let i = from
  if (isWord(element[i], 'REFERENCES')) i += 2
  if (element[i]?.value === '(') i = matching(element, i) + 1
  let deferrable: boolean | 'initiallyDeferred' = false
  while (i < element.length && !isWord(element[i], 'CONSTRAINT', 'CHECK', 'UNIQUE', 'PRIMARY', 'REFERENCES', 'COLLATE', 'DEFAULT', 'NOT', 'NULL')) {
    if (isWord(element[i], 'NOT') && isWord(element[i + 1], 'DEFERRABLE')) break
    if (isWord(element[i], 'DEFERRABLE')) {
      deferrable = isWord(element[i + 1], 'INITIALLY') && isWord(element[i + 2], 'DEFERRED') ? 'initiallyDeferred' : true
    }
    i++
  }
  return { deferrable, next: i }
}

/** Index elements and predicate of a stored CREATE INDEX statement. */
export interface ParsedCreateIndex {
  /** A plain column name, or the raw SQL text of an expression element (without its ASC/DESC). */
  readonly elements: ({ column: string } | { expression: string })[]
  /** `DESC` per element written so, null for ascending. */
  readonly sortOrders: ('DESC' | null)[]
  readonly where: string | null
}

/**
 * Reads the indexed elements and WHERE clause of a stored CREATE INDEX.
 *
 * @example
 * parseCreateIndex('CREATE INDEX ix ON t (lower(a)) WHERE a IS NOT NULL').where // 'a IS NOT NULL'
 */
export function parseCreateIndex(sql: string): ParsedCreateIndex {
  const tokens = tokenize(sql)
  const on = tokens.findIndex((t) => isWord(t, 'ON'))
  const open = tokens.findIndex((t, i) => i > on && t.kind === 'punct' && t.value === '(')
  const close = matching(tokens, open)
  // A trailing ASC/DESC is the element's sort order, not part of its expression.
  const parts = splitTopLevel(tokens, open + 1, close)
  const sortOrders = parts.map((element) => (element.length > 1 && isWord(element.at(-1), 'DESC') ? ('DESC' as const) : null))
  const unordered = (element: Token[]) => (element.length > 1 && isWord(element.at(-1), 'ASC', 'DESC') ? element.slice(0, -1) : element)
  const elements = parts
    .map(unordered)
    .map((element) =>
      element.length === 1 && element[0]!.kind !== 'string' ? { column: element[0]!.value } : { expression: sql.slice(element[0]!.start, element[element.length - 1]!.end) },
    )
  const whereToken = tokens[close + 1]
  const where = isWord(whereToken, 'WHERE') ? sql.slice(tokens[close + 2]!.start).trim() : null
  return { elements, sortOrders, where }
}

/** True when `expression` mentions `name` as an identifier (quoted or bare). */
export function mentionsIdentifier(expression: string, name: string): boolean {
  return tokenize(expression).some((t) => (t.kind === 'word' || t.kind === 'ident') && t.value.toLowerCase() === name.toLowerCase())
}
