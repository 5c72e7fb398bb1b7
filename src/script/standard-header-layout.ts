/**
 * Reads the headers of a revision file laid out as the template writes it,
 * with one anchored regular expression instead of a token walk: listing
 * thousands of revisions spends most of its time here. The layout:
 *
 *     /**
 *      * message … (any doc comment)
 *      *\/
 *     import … from '…'          (any number of one-line imports, blank lines, // comments)
 *
 *     export const revision = 'id'
 *     export const downRevision: string | string[] | null = 'parent' | ['a', 'b'] | null
 *     export const branchLabels: string[] | null = ['label'] | null
 *     export const dependsOn: string[] | null = ['id'] | null
 *
 *     export …
 *
 * Strings hold only letters, digits, `_` and `-` (so no escapes and nothing
 * the checks in header-parser.ts could refuse), quoted with `'`, `"` or a
 * backtick. Anything else — another layout, a comment between headers, a
 * value that must be decoded or refused — makes {@link readStandardLayout}
 * answer undefined, and the token walk (header-scanner.ts) reads the file.
 * Where this reader answers, it answers what the token walk would; the
 * property tests in test/script/header-parser-properties.test.ts hold it to
 * that.
 */
import { countLineBreaks, detachString, type FoundHeaders, type HeaderEntry, type HeaderName, type HeaderValue } from './revision-headers.js'

// Every piece below can match a given text in one way only (no two adjacent runs of blanks, no
// class that overlaps what follows it), so a file that almost fits fails in linear time instead of
// sending the regex engine down exponentially many ways to split the same spaces.

/** Characters that end a line in JavaScript; none may appear where this regex expects one line. */
const NOT_LINE_END = String.raw`\r\n\u2028\u2029`
const NEWLINE = String.raw`\r?\n`
const BLANKS = String.raw`[ \t]*`
/** The end of a line holding a statement: an optional `;`, blanks, the line break. */
const STATEMENT_END = String.raw`(?:${BLANKS};)?${BLANKS}${NEWLINE}`

/** A string literal the checks can never refuse and that needs no decoding. */
const STRING = String.raw`(?:'[A-Za-z0-9_-]+'|"[A-Za-z0-9_-]+"|` + '`[A-Za-z0-9_-]+`)'
/** A header value: null, a string, or a list of strings (trailing comma allowed). */
const LITERAL = String.raw`(null|${STRING}|\[${BLANKS}(?:${STRING}(?:${BLANKS},${BLANKS}${STRING})*(?:${BLANKS},)?${BLANKS})?\])`
/**
 * What stands between a header's name and its `=`: a type annotation made of
 * names, unions, arrays and generics (no quote, slash or `=` that could hide
 * a comment or a value), or blanks.
 */
const BEFORE_EQUALS = String.raw`(?:${BLANKS}:[A-Za-z0-9_$|&\[\]<>(),. \t]*|${BLANKS})`

function headerLine(name: HeaderName, value: string): string {
  return String.raw`export[ \t]+const[ \t]+${name}${BEFORE_EQUALS}=${BLANKS}${value}${STATEMENT_END}`
}

/** A `//` comment, ending where JavaScript ends it. */
const LINE_COMMENT = String.raw`\/\/[^${NOT_LINE_END}]*`
/**
 * A one-line import whose only quoted text is the module name, and which
 * never says `export`, so no header can hide in it.
 */
const IMPORT = String.raw`import(?![^${NOT_LINE_END}]*export)[^'"` + '`' + String.raw`\/\\${NOT_LINE_END}]*(?:'[^'\\${NOT_LINE_END}]*'|"[^"\\${NOT_LINE_END}]*")`
/** A line before the headers: blank, a `//` comment, or an import. */
const PREAMBLE_LINE = String.raw`${BLANKS}(?:${LINE_COMMENT}${NEWLINE}|${IMPORT}${STATEMENT_END}|${NEWLINE})`

/**
 * After the doc comment: the rest of its line, then blank lines, `//` comments
 * and imports (group 1); then the four header lines (groups 2 to 5); then
 * blank lines and the next `export`, which ends the last header's statement
 * as the token walk requires.
 */
const AFTER_DOC_COMMENT = new RegExp(
  String.raw`(${BLANKS}${NEWLINE}(?:${PREAMBLE_LINE})*)` +
    headerLine('revision', `(${STRING})`) +
    headerLine('downRevision', LITERAL) +
    headerLine('branchLabels', LITERAL) +
    headerLine('dependsOn', LITERAL) +
    String.raw`(?:${BLANKS}${NEWLINE})*export[ \t]`,
  'y',
)

/** The four headers in template order, one per line, matching capture groups 2 to 5 of {@link AFTER_DOC_COMMENT}. */
const HEADER_ORDER: readonly HeaderName[] = ['revision', 'downRevision', 'branchLabels', 'dependsOn']

/**
 * The headers of `text` when it has the template's layout, else undefined.
 * `text` may be a prefix of the file: a match always ends before the text does.
 *
 * @example
 * readStandardLayout(templateOutput)?.headers.get('revision') // { value: '3f2a9c1b7d4e', line: 10 }
 */
export function readStandardLayout(text: string): FoundHeaders | undefined {
  if (!text.startsWith('/**')) return undefined
  const docEnd = text.indexOf('*/', 2)
  // `/**/` is an empty block comment, not a doc comment.
  if (docEnd <= 2) return undefined
  AFTER_DOC_COMMENT.lastIndex = docEnd + 2
  const match = AFTER_DOC_COMMENT.exec(text)
  if (match === null) return undefined
  const firstLine = 1 + countLineBreaks(text, 0, docEnd + 2 + (match[1] as string).length)
  const headers = new Map<HeaderName, HeaderEntry>()
  HEADER_ORDER.forEach((name, index) => {
    headers.set(name, { value: literalValue(match[index + 2] as string), line: firstLine + index })
  })
  return { headers, docComment: text.slice(3, docEnd) }
}

/** The value of one matched literal: null, a string, or a list of strings. */
function literalValue(literal: string): HeaderValue {
  if (literal === 'null') return null
  if (literal.charCodeAt(0) !== 91) return detachString(literal.slice(1, -1))
  const items: string[] = []
  const pattern = /['"`]([A-Za-z0-9_-]+)['"`]/g
  for (let item = pattern.exec(literal); item !== null; item = pattern.exec(literal)) items.push(detachString(item[1] as string))
  return items
}
