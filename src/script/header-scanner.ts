/**
 * Reads a revision file's four `export const` headers by walking its tokens:
 * the general reader, for any layout (comments anywhere, a statement over
 * several lines, `as const`, several declarators in one statement). The
 * layout the template writes is read faster by `standard-header-layout.ts`;
 * both give the same {@link FoundHeaders}, which the property tests check.
 */
import { RevisionError } from '../errors.js'
import { displayPath } from './display-path.js'
import { HeaderTokens, type Token } from './header-tokens.js'
import { detachString, REVISION_HEADER_NAMES, type FoundHeaders, type HeaderEntry, type HeaderName, type HeaderValue } from './revision-headers.js'

/** Hint for a header whose value is not a literal. */
export const HINT_LITERAL = 'revision headers are read without running the file: write a string literal, an array of string literals, or null'

/**
 * Finds the headers in `text` by its tokens. With `whole` false the text is a
 * prefix of the file, and undefined means it ended before the reader could be
 * sure of all four headers.
 *
 * @throws RevisionError naming `path:line` when a header is not a plain literal
 *
 * @example
 * scanHeaderTokens("export const revision = 'a1'\n", 'x.ts', true)?.headers.get('revision') // { value: 'a1', line: 1 }
 */
export function scanHeaderTokens(text: string, path: string, whole: boolean): FoundHeaders | undefined {
  const scanner = new HeaderScanner(text, path, whole)
  const headers = scanner.scan()
  return headers === undefined ? undefined : { headers, docComment: scanner.leadingDocComment }
}

const HEADER_NAME_SET: ReadonlySet<string> = new Set(REVISION_HEADER_NAMES)

/** Tokens that, at the start of a new line, continue the previous expression instead of starting a statement. */
const CONTINUING_IDENTIFIERS = new Set(['as', 'satisfies', 'in', 'instanceof'])

/** Signals that a prefix of the file ended before the headers did. */
class TruncatedText {}
const TRUNCATED = new TruncatedText()

/** Walks tokens looking for `export const <header>` declarations. */
class HeaderScanner {
  readonly #tokens: HeaderTokens
  readonly #path: string
  readonly #whole: boolean
  readonly #headers = new Map<HeaderName, HeaderEntry>()
  #pending: Token | undefined

  constructor(text: string, path: string, whole: boolean) {
    this.#tokens = new HeaderTokens(text)
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
    let beforePreviousValue: string | undefined
    let previousValue: string | undefined
    for (;;) {
      const token = this.#next()
      if (token.kind === 'eof') return
      if (token.kind === 'identifier' && HEADER_NAME_SET.has(token.value) && beforePreviousValue === 'export') {
        if (previousValue === 'const') {
          this.#readDeclarations(token)
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
        name = following
        continue
      }
      if (terminator.newlineBefore && terminator.kind === 'identifier' && !CONTINUING_IDENTIFIERS.has(terminator.value)) {
        this.#pending = terminator
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
      this.#pending = after
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
