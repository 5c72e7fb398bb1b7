import { RevisionError } from '../errors.js'
import { displayPath } from './display-path.js'
import { HINT_LITERAL, scanHeaderTokens } from './header-scanner.js'
import type { Revision } from './revision.js'
import { detachString, type HeaderEntry, type HeaderName, type HeaderValue } from './revision-headers.js'
import { readStandardLayout } from './standard-header-layout.js'

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
 *
 * The layout the template writes is read by one regular expression
 * (standard-header-layout.ts); any other layout by walking the file's tokens
 * (header-scanner.ts). Both find the same headers; the checks below run once
 * on what either found.
 */

/** Characters a revision id may hold: they must never clash with target syntax (`@`, `:`, `+`, spaces). */
const REVISION_ID_PATTERN = /^[A-Za-z0-9_-]+$/
/** Branch labels may not hold characters that target syntax gives a meaning to. */
const FORBIDDEN_LABEL_CHARACTERS = /[@:+\s,]/

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

/** The scan behind both entry points; `whole` says whether `text` is the complete file. */
function scanRevisionHeaders(text: string, path: string, whole: boolean): Revision | undefined {
  const found = readStandardLayout(text) ?? scanHeaderTokens(text, path, whole)
  if (found === undefined) return undefined
  const headers = found.headers
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
  const doc = readDocComment(found.docComment)
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
