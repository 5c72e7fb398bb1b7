/**
 * What a revision file's header readers find, before it is checked and turned
 * into a {@link Revision}: the literal value and line of each of the four
 * `export const` headers, and the body of the leading doc comment. Two readers
 * produce it — the regex for the layout the template writes
 * (`standard-header-layout.ts`) and the token walk for anything else
 * (`header-scanner.ts`) — and `header-parser.ts` checks it once for both.
 */

/** Names of the four headers, in the order a template writes them. */
export const REVISION_HEADER_NAMES = ['revision', 'downRevision', 'branchLabels', 'dependsOn'] as const

/** One of the four header names. */
export type HeaderName = (typeof REVISION_HEADER_NAMES)[number]

/** A literal header value: a string, a list of strings, or null. */
export type HeaderValue = string | readonly string[] | null

/** A header's value and the 1-based line its name is on. */
export interface HeaderEntry {
  readonly value: HeaderValue
  readonly line: number
}

/**
 * The headers a reader found, and the leading doc comment's body (the text
 * between `/**` and `*\/`), undefined when the file does not start with one.
 *
 * @example
 * const found: FoundHeaders = { headers: new Map([['revision', { value: 'a1', line: 1 }]]), docComment: undefined }
 */
export interface FoundHeaders {
  readonly headers: ReadonlyMap<HeaderName, HeaderEntry>
  readonly docComment: string | undefined
}

/**
 * A copy of a string that does not share memory with the file text. V8 keeps
 * a slice of 13 or more characters as a view into its parent, so a message
 * sliced from a file would keep the whole file alive as long as the Revision
 * (10,000 files × 4 KiB adds up).
 *
 * @example
 * const id = detachString(text.slice(start, end))
 */
export function detachString(value: string): string {
  return value.length < 13 ? value : (' ' + value).slice(1)
}

/**
 * How many line breaks `text[from, to)` holds, counted as JavaScript counts
 * them (LF, CRLF as one, a lone CR, U+2028, U+2029): both readers number
 * lines alike.
 *
 * @example
 * countLineBreaks('a\r\nb\nc', 0, 6) // 2
 */
export function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i)
    if (code === 10 || (code === 13 && text.charCodeAt(i + 1) !== 10) || code === 0x2028 || code === 0x2029) count++
  }
  return count
}
