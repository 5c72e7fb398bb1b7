/**
 * The tokens of a revision file as the header scanner reads them, from
 * js-tokens (a small, well-kept JavaScript tokenizer that also reads
 * TypeScript's type syntax as plain tokens). js-tokens knows where strings,
 * template literals, comments and regular expressions begin and end, so an
 * `export const revision` inside one is never mistaken for a header; this file
 * adds what the scanner needs on top: whitespace and comments skipped, line
 * numbers for error messages, decoded string values, a template with `${…}`
 * as one token, and the leading doc comment.
 */
import jsTokens from 'js-tokens'
import { countLineBreaks } from './revision-headers.js'

/** What kind of token {@link HeaderTokens.next} returned. */
export type TokenKind = 'identifier' | 'string' | 'template' | 'number' | 'punctuator' | 'regex' | 'eof'

/** One token of source text. */
export interface Token {
  readonly kind: TokenKind
  /**
   * The token's text, or for `string` and substitution-free `template` tokens
   * the decoded value.
   */
  readonly value: string
  /** 1-based line the token starts on. */
  readonly line: number
  /** True when a line break separates this token from the previous one. */
  readonly newlineBefore: boolean
  /** For `template` tokens: true when the template holds a `${…}` substitution. */
  readonly hasSubstitution: boolean
  /** True when the text ended inside this token (an unterminated string, template or comment). */
  readonly unterminated: boolean
}

type JsToken = ReturnType<typeof jsTokens> extends Iterable<infer T> ? T : never

/**
 * Reads a source text's tokens one at a time.
 *
 * @example
 * const tokens = new HeaderTokens("export const revision = 'abc'")
 * tokens.next() // { kind: 'identifier', value: 'export', line: 1, … }
 */
export class HeaderTokens {
  readonly #length: number
  readonly #tokens: Iterator<JsToken>
  /** Offset just past the last js-tokens token read. */
  #position = 0
  #line = 1
  #sawToken = false
  #leadingDocComment: string | undefined

  constructor(text: string) {
    this.#length = text.length
    // A byte-order mark may precede a shebang line, which js-tokens recognizes only at the very start.
    const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0
    this.#position = bom
    this.#tokens = jsTokens(bom === 1 ? text.slice(1) : text)[Symbol.iterator]()
  }

  /**
   * The body of the first `/** … *\/` comment that precedes every token, or
   * undefined when the file does not start with one. Known once the first
   * token has been read.
   */
  get leadingDocComment(): string | undefined {
    return this.#leadingDocComment
  }

  /** True once the text has been read to its end (the last token may have been cut short there). */
  get atEnd(): boolean {
    return this.#position >= this.#length
  }

  /** Returns the next token, or an `eof` token at the end of the text. */
  next(): Token {
    let newlineBefore = false
    for (;;) {
      const token = this.#read()
      if (token === undefined) return this.#token('eof', '', newlineBefore, false, false)
      switch (token.type) {
        case 'WhiteSpace':
        case 'SingleLineComment':
        case 'HashbangComment':
          continue
        case 'LineTerminatorSequence':
          this.#line++
          newlineBefore = true
          continue
        case 'MultiLineComment':
          // An unterminated comment swallows the rest of the text.
          if (!token.closed) return this.#token('eof', '', newlineBefore, false, true)
          if (!this.#sawToken && this.#leadingDocComment === undefined && token.value.startsWith('/**') && token.value.length > 4) {
            this.#leadingDocComment = token.value.slice(3, -2)
          }
          if (this.#advanceLines(token.value) > 0) newlineBefore = true
          continue
      }
      this.#sawToken = true
      return this.#tokenFrom(token, newlineBefore)
    }
  }

  #read(): JsToken | undefined {
    const step = this.#tokens.next()
    if (step.done === true) return undefined
    this.#position += step.value.value.length
    return step.value
  }

  #tokenFrom(token: Exclude<JsToken, { type: 'WhiteSpace' | 'SingleLineComment' | 'HashbangComment' | 'LineTerminatorSequence' | 'MultiLineComment' }>, newlineBefore: boolean): Token {
    switch (token.type) {
      case 'IdentifierName':
        return this.#token('identifier', token.value, newlineBefore, false, false)
      case 'NumericLiteral':
        return this.#token('number', token.value, newlineBefore, false, false)
      case 'StringLiteral':
      case 'NoSubstitutionTemplate': {
        const made = this.#token(token.type === 'StringLiteral' ? 'string' : 'template', decodeEscapes(token.value.slice(1, token.closed ? -1 : undefined)), newlineBefore, false, !token.closed)
        this.#advanceLines(token.value)
        return made
      }
      case 'TemplateHead':
        return this.#substitutedTemplate(token.value, newlineBefore)
      case 'RegularExpressionLiteral':
        return this.#token('regex', token.value, newlineBefore, false, !token.closed)
      case 'TemplateMiddle':
      case 'TemplateTail':
      case 'PrivateIdentifier':
      case 'Punctuator':
      case 'Invalid':
        // Middles and tails only come inside a template head's walk; the rest is punctuation to the scanner.
        return this.#token('punctuator', token.value, newlineBefore, false, false)
    }
  }

  /** Reads a template literal holding `${…}` up to its closing backtick, as one token. */
  #substitutedTemplate(head: string, newlineBefore: boolean): Token {
    const made = this.#token('template', '', newlineBefore, true, false)
    this.#advanceLines(head)
    let depth = 1
    for (;;) {
      const token = this.#read()
      if (token === undefined) return { ...made, unterminated: true }
      this.#advanceLines(token.value)
      if (token.type === 'TemplateHead') depth++
      else if (token.type === 'TemplateTail') {
        if (!token.closed) return { ...made, unterminated: true }
        if (--depth === 0) return made
      } else if ('closed' in token && !token.closed) return { ...made, unterminated: true }
    }
  }

  /** A token starting on the current line (read before the line counter moves past the token's own line breaks). */
  #token(kind: TokenKind, value: string, newlineBefore: boolean, hasSubstitution: boolean, unterminated: boolean): Token {
    return { kind, value, line: this.#line, newlineBefore, hasSubstitution, unterminated }
  }

  /** Counts the line breaks in a token's text into the line counter; returns how many there were. */
  #advanceLines(text: string): number {
    const count = countLineBreaks(text, 0, text.length)
    this.#line += count
    return count
  }
}

/**
 * The value of a string literal's body (the text between its quotes): escape
 * sequences decoded, line continuations removed.
 *
 * @example
 * decodeEscapes("it\\'s") // "it's"
 */
export function decodeEscapes(body: string): string {
  let backslash = body.indexOf('\\')
  if (backslash < 0) return body
  let out = ''
  let from = 0
  while (backslash >= 0) {
    out += body.slice(from, backslash)
    const [decoded, length] = decodeEscape(body, backslash + 1)
    out += decoded
    from = backslash + 1 + length
    backslash = body.indexOf('\\', from)
  }
  return out + body.slice(from)
}

/** Decodes the escape whose first character (after the backslash) is at `at`: the text it stands for and how many characters it took. */
function decodeEscape(body: string, at: number): [string, number] {
  const code = body.charCodeAt(at)
  switch (code) {
    case 110: return ['\n', 1]
    case 116: return ['\t', 1]
    case 114: return ['\r', 1]
    case 98: return ['\b', 1]
    case 102: return ['\f', 1]
    case 118: return ['\v', 1]
    case 48: {
      const next = body.charCodeAt(at + 1)
      return next >= 48 && next <= 57 ? ['0', 1] : ['\0', 1]
    }
    case 10:
    case 0x2028:
    case 0x2029:
      return ['', 1]
    case 13:
      return ['', body.charCodeAt(at + 1) === 10 ? 2 : 1]
    case 120:
      return [String.fromCharCode(Number.parseInt(body.slice(at + 1, at + 3), 16) || 0), 3]
    case 117: {
      if (body.charCodeAt(at + 1) === 123) {
        const close = body.indexOf('}', at + 2)
        if (close < 0) return ['', 1]
        return [String.fromCodePoint(Math.min(Number.parseInt(body.slice(at + 2, close), 16) || 0, 0x10ffff)), close - at + 1]
      }
      return [String.fromCharCode(Number.parseInt(body.slice(at + 1, at + 5), 16) || 0), 5]
    }
    default:
      return Number.isNaN(code) ? ['', 0] : [String.fromCharCode(code), 1]
  }
}
