import { RevisionError } from '../errors.js'
import { displayPath } from './display-path.js'
import type { Revision } from './revision.js'
import { SourceTokenizer, type Token } from './source-tokenizer.js'

/**
 * Reads a revision file's identity statically: the four `export const`
 * headers (`revision`, `downRevision`, `branchLabels`, `dependsOn`) and the
 * message and `Create Date:` of its leading doc comment. The file is never
 * imported or transpiled, so listing 10,000 revisions costs only reading their
 * first few lines.
 *
 * Accepted values are literals only: a single-, double- or backtick-quoted
 * string (no `${}`), `null`, or an array of strings (trailing comma allowed),
 * optionally after a type annotation and before `as const`. Anything computed
 * is a {@link RevisionError} naming the file and line.
 */

/** Names of the four headers, in the order a template writes them. */
export const REVISION_HEADER_NAMES = ['revision', 'downRevision', 'branchLabels', 'dependsOn'] as const

type HeaderName = (typeof REVISION_HEADER_NAMES)[number]

/** A literal header value: a string, a list of strings, or null. */
type HeaderValue = string | readonly string[] | null

interface HeaderEntry {
  readonly value: HeaderValue
  readonly line: number
}

/** Characters a revision id may hold: they must never clash with target syntax (`@`, `:`, `+`, spaces). */
const REVISION_ID_PATTERN = /^[A-Za-z0-9_-]+$/
/** Branch labels may not hold characters that target syntax gives a meaning to. */
const FORBIDDEN_LABEL_CHARACTERS = /[@:+\s,]/

const HINT_LITERAL = 'revision headers are read without running the file: write a string literal, an array of string literals, or null'

/**
 * Parses the headers of a revision file's whole text.
 *
 * @param text the file's contents
 * @param path the file's path, used in the returned Revision and in errors
 * @throws RevisionError naming `path:line` when a header is not a literal, or `revision` is missing
 *
 * @example
 * const rev = parseRevisionSource("export const revision = 'ab12cd34ef56'\nexport const downRevision = null\n", 'x.ts')
 * rev.id            // 'ab12cd34ef56'
 * rev.downRevisions // []
 */
export function parseRevisionSource(text: string, path: string): Revision {
  return scanRevisionHeaders(text, path, true) as Revision
}

/**
 * Parses the headers from the first bytes of a file. Returns undefined when
 * the prefix ends before all four headers were read, so the caller reads the
 * whole file and calls {@link parseRevisionSource} instead.
 *
 * @param prefix the first bytes of the file, decoded
 */
export function parseRevisionPrefix(prefix: string, path: string): Revision | undefined {
  return scanRevisionHeaders(prefix, path, false)
}

/** The one-pass scan behind both entry points; `whole` says whether `text` is the complete file. */
function scanRevisionHeaders(text: string, path: string, whole: boolean): Revision | undefined {
  const scanner = new HeaderScanner(text, path, whole)
  const headers = scanner.scan()
  if (headers === undefined) return undefined
  const revisionEntry = headers.get('revision')
  if (revisionEntry === undefined) {
    throw new RevisionError(`${displayPath(path)}:1: no \`export const revision = '…'\` found`, {
      hint: 'every revision file declares its id with `export const revision = \'<id>\'`',
    })
  }
  const id = revisionEntry.value
  if (typeof id !== 'string') {
    throw new RevisionError(`${displayPath(path)}:${revisionEntry.line}: revision must be a string, not ${describeValue(id)}`, { hint: HINT_LITERAL })
  }
  if (!REVISION_ID_PATTERN.test(id)) {
    throw new RevisionError(`${displayPath(path)}:${revisionEntry.line}: revision id ${JSON.stringify(id)} may only hold letters, digits, "_" and "-"`)
  }
  const doc = readDocComment(scanner.leadingDocComment)
  return {
    id,
    downRevisions: idList(headers.get('downRevision'), 'downRevision', path),
    branchLabels: labelList(headers.get('branchLabels'), path),
    dependsOn: idList(headers.get('dependsOn'), 'dependsOn', path),
    message: doc.message,
    createDate: doc.createDate,
    path,
  }
}

function describeValue(value: HeaderValue): string {
  if (value === null) return 'null'
  return `a list (${JSON.stringify(value)})`
}

/** Normalizes a `downRevision`/`dependsOn` value to a list without duplicates. */
function idList(entry: HeaderEntry | undefined, name: HeaderName, path: string): readonly string[] {
  if (entry === undefined || entry.value === null) return []
  const items = typeof entry.value === 'string' ? [entry.value] : entry.value
  for (const item of items) {
    if (item === '') throw new RevisionError(`${displayPath(path)}:${entry.line}: ${name} holds an empty string`)
  }
  return [...new Set(items)]
}

function labelList(entry: HeaderEntry | undefined, path: string): readonly string[] {
  if (entry === undefined || entry.value === null) return []
  const items = typeof entry.value === 'string' ? [entry.value] : entry.value
  for (const item of items) {
    if (item === '' || FORBIDDEN_LABEL_CHARACTERS.test(item)) {
      throw new RevisionError(`${displayPath(path)}:${entry.line}: branch label ${JSON.stringify(item)} is empty or holds one of @ : + , or a space`)
    }
  }
  return [...new Set(items)]
}

/** Extracts the message (first non-empty, non-header line) and `Create Date:` from a doc comment body. */
function readDocComment(body: string | undefined): { message: string; createDate: string | undefined } {
  let message: string | undefined
  let createDate: string | undefined
  if (body === undefined) return { message: '', createDate }
  // Index arithmetic instead of split()/slice()/trim() per line: this runs once per revision file,
  // 10,000 times when listing a big project, mostly before the JIT has warmed up.
  const length = body.length
  let position = 0
  while (position < length && (message === undefined || createDate === undefined)) {
    let lineEnd = body.indexOf('\n', position)
    if (lineEnd < 0) lineEnd = length
    let start = skipBlanks(body, position, lineEnd)
    position = lineEnd + 1
    if (body.charCodeAt(start) === 42) start = skipBlanks(body, start + 1, lineEnd)
    if (start >= lineEnd) continue
    if (body.startsWith('Create Date:', start)) {
      const value = body.slice(start + 'Create Date:'.length, lineEnd).trim()
      if (createDate === undefined && value !== '') createDate = detachString(value)
    } else if (message === undefined && !body.startsWith('Revision ID:', start) && !body.startsWith('Revises:', start)) {
      const line = body.slice(start, lineEnd).trim()
      // The writer escapes `*/` as `*\/` so a message cannot end the comment.
      message = detachString(line.includes('*\\/') ? line.replaceAll('*\\/', '*/') : line)
    }
  }
  return { message: message ?? '', createDate }
}

/** Index of the first character at or after `from` (before `to`) that is not a space, tab or CR. */
function skipBlanks(text: string, from: number, to: number): number {
  let index = from
  while (index < to) {
    const code = text.charCodeAt(index)
    if (code !== 32 && code !== 9 && code !== 13) break
    index++
  }
  return index
}

const HEADER_NAME_SET: ReadonlySet<string> = new Set(REVISION_HEADER_NAMES)

/** Tokens that, at the start of a new line, continue the previous expression instead of starting a statement. */
const CONTINUING_IDENTIFIERS = new Set(['as', 'satisfies', 'in', 'instanceof'])

/** Signals that a prefix of the file ended before the headers did. */
class TruncatedText {}
const TRUNCATED = new TruncatedText()

/** Walks tokens looking for `export const <header>` declarations. */
class HeaderScanner {
  readonly #tokens: SourceTokenizer
  readonly #path: string
  readonly #whole: boolean
  readonly #headers = new Map<HeaderName, HeaderEntry>()
  #pending: Token | undefined

  constructor(text: string, path: string, whole: boolean) {
    this.#tokens = new SourceTokenizer(text)
    this.#path = path
    this.#whole = whole
  }

  get leadingDocComment(): string | undefined {
    return this.#tokens.leadingDocComment
  }

  /** Returns the headers found, or undefined when a prefix ended too early to be sure. */
  scan(): Map<HeaderName, HeaderEntry> | undefined {
    try {
      this.#scanTokens()
    } catch (error) {
      if (error === TRUNCATED) return undefined
      throw error
    }
    return this.#headers
  }

  #next(): Token {
    const pending = this.#pending
    if (pending !== undefined) {
      this.#pending = undefined
      return pending
    }
    const token = this.#tokens.next()
    // A prefix cut inside a token (or a comment) cannot be trusted: read the whole file instead.
    if (!this.#whole && (token.unterminated || token.kind === 'eof' || this.#tokens.atEnd)) throw TRUNCATED
    return token
  }

  #scanTokens(): void {
    // Only kinds and values of the two previous tokens are kept: the token object itself is reused.
    let beforePreviousValue: string | undefined
    let previousValue: string | undefined
    for (;;) {
      const token = this.#next()
      if (token.kind === 'eof') return
      if (token.kind === 'identifier' && HEADER_NAME_SET.has(token.value) && beforePreviousValue === 'export') {
        if (previousValue === 'const') {
          this.#readDeclarations(copyToken(token))
          if (this.#headers.size === REVISION_HEADER_NAMES.length) return
          beforePreviousValue = undefined
          previousValue = undefined
          continue
        }
        if (previousValue === 'let' || previousValue === 'var') {
          this.#fail(token, `${token.value} must be declared with \`export const\`, not \`export ${previousValue}\``)
        }
      }
      beforePreviousValue = previousValue
      previousValue = token.kind === 'identifier' ? token.value : undefined
    }
  }

  /** Reads `name[: Type] = literal [as const]` and any further `, name = literal` declarators. */
  #readDeclarations(nameToken: Token): void {
    let name = nameToken
    for (;;) {
      const value = this.#readDeclarator(name)
      const header = name.value as HeaderName
      const earlier = this.#headers.get(header)
      if (earlier !== undefined) this.#fail(name, `${header} is declared twice (first on line ${earlier.line})`)
      this.#headers.set(header, { value, line: name.line })
      const terminator = this.#next()
      if (terminator.kind === 'eof' || (terminator.kind === 'punctuator' && terminator.value === ';')) return
      if (terminator.kind === 'punctuator' && terminator.value === ',') {
        const following = this.#next()
        if (following.kind !== 'identifier') this.#fail(following, 'expected a name after `,`')
        if (!HEADER_NAME_SET.has(following.value)) {
          // Not a header: the rest of this statement is none of our business.
          return
        }
        name = copyToken(following)
        continue
      }
      if (terminator.newlineBefore && terminator.kind === 'identifier' && !CONTINUING_IDENTIFIERS.has(terminator.value)) {
        this.#pending = copyToken(terminator)
        return
      }
      this.#fail(terminator, `${name.value} must be a plain literal, but ${describeToken(terminator)} follows its value (computed values are not read)`)
    }
  }

  #readDeclarator(name: Token): HeaderValue {
    let token = this.#next()
    if (token.kind === 'punctuator' && token.value === ':') {
      // Skip the type annotation: a type never contains a bare `=`.
      do {
        token = this.#next()
        if (token.kind === 'eof' || (token.kind === 'punctuator' && token.value === ';')) {
          this.#fail(name, `${name.value} has no value`)
        }
      } while (!(token.kind === 'punctuator' && token.value === '='))
    } else if (!(token.kind === 'punctuator' && token.value === '=')) {
      this.#fail(name, `${name.value} has no value`)
    }
    const value = this.#readLiteral(name)
    const after = this.#next()
    if (after.kind === 'identifier' && after.value === 'as') {
      const constToken = this.#next()
      if (!(constToken.kind === 'identifier' && constToken.value === 'const')) {
        this.#fail(constToken, `only \`as const\` may follow the value of ${name.value}`)
      }
    } else {
      this.#pending = copyToken(after)
    }
    return value
  }

  #readLiteral(name: Token): HeaderValue {
    const token = this.#next()
    const text = this.#stringValue(token, name)
    if (text !== undefined) return text
    if (token.kind === 'identifier' && token.value === 'null') return null
    if (token.kind === 'punctuator' && token.value === '[') {
      const items: string[] = []
      for (;;) {
        const item = this.#next()
        if (item.kind === 'punctuator' && item.value === ']') return items
        const itemText = this.#stringValue(item, name)
        if (itemText === undefined) this.#fail(item, `${name.value} lists ${describeToken(item)}; only string literals are allowed`, HINT_LITERAL)
        items.push(itemText)
        const separator = this.#next()
        if (separator.kind === 'punctuator' && separator.value === ']') return items
        if (!(separator.kind === 'punctuator' && separator.value === ',')) {
          this.#fail(separator, `${name.value} must be a plain literal, but ${describeToken(separator)} follows a list item (computed values are not read)`, HINT_LITERAL)
        }
      }
    }
    return this.#fail(token, `${name.value} must be a string, an array of strings or null, not ${describeToken(token)}`, HINT_LITERAL)
  }

  /** The decoded text of a string or substitution-free template token; undefined for other tokens. */
  #stringValue(token: Token, name: Token): string | undefined {
    if (token.kind === 'string') return detachString(token.value)
    if (token.kind === 'template') {
      if (token.hasSubstitution) this.#fail(token, `${name.value} is a template with \${…}, which is computed`, HINT_LITERAL)
      return detachString(token.value)
    }
    return undefined
  }

  #fail(token: Token, message: string, hint?: string): never {
    throw new RevisionError(`${displayPath(this.#path)}:${token.line}: ${message}`, hint === undefined ? {} : { hint })
  }
}

/**
 * A copy of a string that does not share memory with the file text. V8 keeps
 * a slice of 13 or more characters as a view into its parent, so a message
 * sliced from a file would keep the whole file alive as long as the Revision
 * (10,000 files × 4 KiB adds up).
 */
function detachString(value: string): string {
  return value.length < 13 ? value : (' ' + value).slice(1)
}

/** A snapshot of the tokenizer's reused token. */
function copyToken(token: Token): Token {
  return { ...token }
}

function describeToken(token: Token): string {
  switch (token.kind) {
    case 'eof':
      return 'the end of the file'
    case 'identifier':
      return `the identifier \`${token.value}\``
    case 'number':
      return `the number ${token.value}`
    case 'string':
      return `the string ${JSON.stringify(token.value)}`
    case 'template':
      return 'a template literal'
    case 'regex':
      return 'a regular expression'
    case 'punctuator':
      return `\`${token.value}\``
  }
}
