/**
 * A small JavaScript/TypeScript tokenizer, just enough to read a revision
 * file's `export const` headers without importing or transpiling it.
 *
 * It knows where strings, template literals, comments and regular expressions
 * begin and end (so an `export const revision` inside a string or a comment is
 * never mistaken for a header), decodes string escapes, and records line
 * numbers for error messages. It scans character codes in one pass with no
 * regular expressions, so a pathological file cannot make it backtrack.
 */

/** What kind of token {@link SourceTokenizer.next} returned. */
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
  /** True when the text ended inside this token (an unterminated string or comment). */
  readonly unterminated: boolean
}

const CR = 13
const LF = 10
const SLASH = 47
const STAR = 42
const BACKSLASH = 92
const BACKTICK = 96
const DOLLAR = 36
const OPEN_BRACE = 123

/** Punctuators after which a `/` starts a regular expression rather than a division. */
const REGEX_AFTER_IDENTIFIER = new Set([
  'return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await',
])

/** Multi-character punctuators, longest first, so `=>` is never read as `=` then `>`. */
const PUNCTUATORS = [
  '>>>=', '...', '===', '!==', '**=', '<<=', '>>=', '>>>', '&&=', '||=', '??=',
  '=>', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '**', '<<', '>>',
]
/** ASCII codes that can start a multi-character punctuator (1) or continue one (2, as a bit). */
const PUNCTUATOR_TABLE = new Uint8Array(128)
for (const punctuator of PUNCTUATORS) {
  PUNCTUATOR_TABLE[punctuator.charCodeAt(0)] = (PUNCTUATOR_TABLE[punctuator.charCodeAt(0)] ?? 0) | 1
  PUNCTUATOR_TABLE[punctuator.charCodeAt(1)] = (PUNCTUATOR_TABLE[punctuator.charCodeAt(1)] ?? 0) | 2
}

function isIdentifierStart(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code === DOLLAR || code > 127
}

function isIdentifierPart(code: number): boolean {
  return isIdentifierStart(code) || (code >= 48 && code <= 57)
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57
}

/**
 * Reads tokens one at a time from a source text.
 *
 * @example
 * const tokens = new SourceTokenizer("export const revision = 'abc'")
 * tokens.next() // { kind: 'identifier', value: 'export', line: 1, … }
 */
export class SourceTokenizer {
  readonly #text: string
  #pos = 0
  #line = 1
  #sawNewline = false
  /** The one token object {@link next} fills: a file has thousands of tokens, and allocating each was the parser's main cost. */
  readonly #token: { -readonly [K in keyof Token]: Token[K] } = {
    kind: 'eof',
    value: '',
    line: 1,
    newlineBefore: false,
    hasSubstitution: false,
    unterminated: false,
  }
  #lastKind: TokenKind | undefined
  #lastValue = ''
  #leadingDocComment: string | undefined
  #sawToken = false

  constructor(text: string) {
    this.#text = text
    // A byte-order mark, then a shebang line, are legal at the very start of a module.
    if (text.charCodeAt(0) === 0xfeff) this.#pos = 1
    if (text.charCodeAt(this.#pos) === 35 && text.charCodeAt(this.#pos + 1) === 33) {
      while (this.#pos < text.length && text.charCodeAt(this.#pos) !== LF) this.#pos++
    }
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
    return this.#pos >= this.#text.length
  }

  /** The current line (1-based): where the next token will be looked for. */
  get line(): number {
    return this.#line
  }

  /**
   * Returns the next token, or an `eof` token at the end of the text. The
   * same object is refilled by the following call: copy it to keep it.
   */
  next(): Token {
    const unterminatedComment = this.#skipTrivia()
    const text = this.#text
    const newlineBefore = this.#sawNewline
    this.#sawNewline = false
    const line = this.#line
    if (unterminatedComment || this.#pos >= text.length) {
      return this.#set('eof', '', line, newlineBefore, false, unterminatedComment)
    }
    this.#sawToken = true
    const code = text.charCodeAt(this.#pos)
    if (code === 39 || code === 34) return this.#readString(code, line, newlineBefore)
    if (code === BACKTICK) return this.#readTemplate(line, newlineBefore)
    if (isIdentifierStart(code) || code === BACKSLASH) return this.#readIdentifier(line, newlineBefore)
    if (isDigit(code) || (code === 46 && isDigit(text.charCodeAt(this.#pos + 1)))) {
      return this.#readNumber(line, newlineBefore)
    }
    if (code === SLASH && this.#regexAllowed()) return this.#readRegex(line, newlineBefore)
    return this.#readPunctuator(line, newlineBefore)
  }

  /** Fills the reused token; remembers the last real token for the regex-or-division decision. */
  #set(kind: TokenKind, value: string, line: number, newlineBefore: boolean, hasSubstitution: boolean, unterminated: boolean): Token {
    const token = this.#token
    token.kind = kind
    token.value = value
    token.line = line
    token.newlineBefore = newlineBefore
    token.hasSubstitution = hasSubstitution
    token.unterminated = unterminated
    if (kind !== 'eof') {
      this.#lastKind = kind
      this.#lastValue = value
    }
    return token
  }

  /** Skips spaces, line breaks and comments; returns true when a comment runs off the end. */
  #skipTrivia(): boolean {
    const text = this.#text
    const length = text.length
    while (this.#pos < length) {
      const code = text.charCodeAt(this.#pos)
      if (code === LF) {
        this.#line++
        this.#sawNewline = true
        this.#pos++
      } else if (code === CR) {
        // CRLF counts as one line break; a lone CR as one too.
        if (text.charCodeAt(this.#pos + 1) !== LF) this.#line++
        this.#sawNewline = true
        this.#pos++
      } else if (code === 32 || code === 9 || code === 11 || code === 12 || code === 0xfeff || code === 0xa0 || code === 0x2028 || code === 0x2029) {
        if (code === 0x2028 || code === 0x2029) {
          this.#line++
          this.#sawNewline = true
        }
        this.#pos++
      } else if (code === SLASH && text.charCodeAt(this.#pos + 1) === SLASH) {
        while (this.#pos < length && text.charCodeAt(this.#pos) !== LF && text.charCodeAt(this.#pos) !== CR) this.#pos++
      } else if (code === SLASH && text.charCodeAt(this.#pos + 1) === STAR) {
        const start = this.#pos + 2
        const end = text.indexOf('*/', start)
        if (end < 0) {
          this.#countLines(this.#pos, length)
          this.#pos = length
          return true
        }
        if (!this.#sawToken && this.#leadingDocComment === undefined && text.charCodeAt(start) === STAR && end > start) {
          this.#leadingDocComment = text.slice(start + 1, end)
        }
        if (this.#countLines(this.#pos, end) > 0) this.#sawNewline = true
        this.#pos = end + 2
      } else {
        return false
      }
    }
    return false
  }

  /** Counts line breaks in text[from, to) into the line counter; returns how many there were. */
  #countLines(from: number, to: number): number {
    const text = this.#text
    let count = 0
    for (let i = from; i < to; i++) {
      const code = text.charCodeAt(i)
      if (code === LF || (code === CR && text.charCodeAt(i + 1) !== LF) || code === 0x2028 || code === 0x2029) count++
    }
    this.#line += count
    return count
  }

  #regexAllowed(): boolean {
    switch (this.#lastKind) {
      case undefined:
        return true
      case 'identifier':
        return REGEX_AFTER_IDENTIFIER.has(this.#lastValue)
      case 'punctuator': {
        const value = this.#lastValue
        return value !== ')' && value !== ']' && value !== '}' && value !== '++' && value !== '--'
      }
      default:
        return false
    }
  }

  #readString(quote: number, line: number, newlineBefore: boolean): Token {
    const text = this.#text
    const length = text.length
    this.#pos++
    let value = ''
    let chunkStart = this.#pos
    while (this.#pos < length) {
      const code = text.charCodeAt(this.#pos)
      if (code === quote) {
        value += text.slice(chunkStart, this.#pos)
        this.#pos++
        return this.#set('string', value, line, newlineBefore, false, false)
      }
      if (code === LF || code === CR) break
      if (code === BACKSLASH) {
        value += text.slice(chunkStart, this.#pos)
        value += this.#readEscape()
        chunkStart = this.#pos
        continue
      }
      this.#pos++
    }
    value += text.slice(chunkStart, this.#pos)
    return this.#set('string', value, line, newlineBefore, false, true)
  }

  /** Reads one escape sequence starting at a backslash; returns the characters it stands for. */
  #readEscape(): string {
    const text = this.#text
    const code = text.charCodeAt(this.#pos + 1)
    this.#pos += 2
    switch (code) {
      case 110: return '\n'
      case 116: return '\t'
      case 114: return '\r'
      case 98: return '\b'
      case 102: return '\f'
      case 118: return '\v'
      case 48:
        if (!isDigit(text.charCodeAt(this.#pos))) return '\0'
        return '0'
      case LF:
        this.#line++
        return ''
      case CR:
        if (text.charCodeAt(this.#pos) === LF) this.#pos++
        this.#line++
        return ''
      case 120: {
        const hex = text.slice(this.#pos, this.#pos + 2)
        this.#pos += 2
        return String.fromCharCode(Number.parseInt(hex, 16) || 0)
      }
      case 117: {
        if (text.charCodeAt(this.#pos) === OPEN_BRACE) {
          const close = text.indexOf('}', this.#pos)
          const hex = text.slice(this.#pos + 1, close < 0 ? this.#pos + 1 : close)
          this.#pos = close < 0 ? this.#pos + 1 : close + 1
          return String.fromCodePoint(Math.min(Number.parseInt(hex, 16) || 0, 0x10ffff))
        }
        const hex = text.slice(this.#pos, this.#pos + 4)
        this.#pos += 4
        return String.fromCharCode(Number.parseInt(hex, 16) || 0)
      }
      default:
        return Number.isNaN(code) ? '' : String.fromCharCode(code)
    }
  }

  #readTemplate(line: number, newlineBefore: boolean): Token {
    const text = this.#text
    const length = text.length
    this.#pos++
    let value = ''
    let chunkStart = this.#pos
    let hasSubstitution = false
    while (this.#pos < length) {
      const code = text.charCodeAt(this.#pos)
      if (code === BACKTICK) {
        value += text.slice(chunkStart, this.#pos)
        this.#pos++
        return this.#set('template', value, line, newlineBefore, hasSubstitution, false)
      }
      if (code === BACKSLASH) {
        value += text.slice(chunkStart, this.#pos)
        value += this.#readEscape()
        chunkStart = this.#pos
        continue
      }
      if (code === DOLLAR && text.charCodeAt(this.#pos + 1) === OPEN_BRACE) {
        hasSubstitution = true
        this.#pos += 2
        if (!this.#skipSubstitution()) break
        chunkStart = this.#pos
        continue
      }
      if (code === LF || (code === CR && text.charCodeAt(this.#pos + 1) !== LF)) this.#line++
      this.#pos++
    }
    value += text.slice(chunkStart, this.#pos)
    return this.#set('template', value, line, newlineBefore, hasSubstitution, true)
  }

  /** Skips the tokens of a `${…}` substitution up to its closing brace; false when the text ends first. */
  #skipSubstitution(): boolean {
    let depth = 0
    for (;;) {
      const token = this.next()
      if (token.kind === 'eof') return false
      if (token.unterminated) return false
      if (token.kind !== 'punctuator') continue
      if (token.value === '{') depth++
      else if (token.value === '}') {
        if (depth === 0) return true
        depth--
      }
    }
  }

  #readIdentifier(line: number, newlineBefore: boolean): Token {
    const text = this.#text
    const start = this.#pos
    while (this.#pos < text.length) {
      const code = text.charCodeAt(this.#pos)
      if (isIdentifierPart(code)) this.#pos++
      else if (code === BACKSLASH) this.#pos += 2 // \uXXXX escapes: rare, kept verbatim
      else break
    }
    return this.#set('identifier', text.slice(start, this.#pos), line, newlineBefore, false, false)
  }

  #readNumber(line: number, newlineBefore: boolean): Token {
    const text = this.#text
    const start = this.#pos
    while (this.#pos < text.length) {
      const code = text.charCodeAt(this.#pos)
      if (isIdentifierPart(code) || code === 46) this.#pos++
      else if ((code === 43 || code === 45) && (text.charCodeAt(this.#pos - 1) | 32) === 101 && text.charCodeAt(start + 1) !== 120) this.#pos++
      else break
    }
    return this.#set('number', text.slice(start, this.#pos), line, newlineBefore, false, false)
  }

  #readRegex(line: number, newlineBefore: boolean): Token {
    const text = this.#text
    const start = this.#pos
    this.#pos++
    let inClass = false
    while (this.#pos < text.length) {
      const code = text.charCodeAt(this.#pos)
      if (code === LF || code === CR) {
        return this.#set('regex', text.slice(start, this.#pos), line, newlineBefore, false, true)
      }
      this.#pos++
      if (code === BACKSLASH) this.#pos++
      else if (code === 91) inClass = true
      else if (code === 93) inClass = false
      else if (code === SLASH && !inClass) break
    }
    while (this.#pos < text.length && isIdentifierPart(text.charCodeAt(this.#pos))) this.#pos++
    return this.#set('regex', text.slice(start, this.#pos), line, newlineBefore, false, false)
  }

  #readPunctuator(line: number, newlineBefore: boolean): Token {
    const text = this.#text
    const first = text[this.#pos] ?? ''
    // Only a character that can start one, followed by one that can continue one, may begin a longer punctuator.
    if (((PUNCTUATOR_TABLE[text.charCodeAt(this.#pos)] ?? 0) & 1) !== 0 && ((PUNCTUATOR_TABLE[text.charCodeAt(this.#pos + 1)] ?? 0) & 2) !== 0) {
      for (const punctuator of PUNCTUATORS) {
        if (text.startsWith(punctuator, this.#pos)) {
          this.#pos += punctuator.length
          return this.#set('punctuator', punctuator, line, newlineBefore, false, false)
        }
      }
    }
    this.#pos++
    return this.#set('punctuator', first, line, newlineBefore, false, false)
  }
}
