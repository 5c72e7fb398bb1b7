import type { DialectQuoting } from '../base-ddl-compiler.js'
import { renderLiteralWith, standardStringLiteral, toHex, type LiteralStyle } from '../literal.js'

/**
 * Characters a quoted literal cannot carry through every reader of a script:
 * SQLite reads SQL text as a C string, so a NUL would end the statement, and
 * the `sqlite3` shell drops the CR of a CRLF line ending.
 */
const UNQUOTABLE = /[\0\r]/

/** A string with a NUL or CR is built by concatenation, each such character as `char(n)`. */
function sqliteString(value: string): string {
  if (!UNQUOTABLE.test(value)) return standardStringLiteral(value)
  const parts: string[] = []
  let run = ''
  for (const ch of value) {
    if (!UNQUOTABLE.test(ch)) {
      run += ch
      continue
    }
    if (run !== '') parts.push(standardStringLiteral(run))
    parts.push(`char(${ch.charCodeAt(0)})`)
    run = ''
  }
  if (run !== '') parts.push(standardStringLiteral(run))
  return `(${parts.join(' || ')})`
}

const sqliteLiterals: LiteralStyle = {
  string: sqliteString,
  boolean: (v) => (v ? '1' : '0'),
  bytes: (v) => `X'${toHex(v)}'`,
  date: (v) => standardStringLiteral(v.toISOString().replace('T', ' ').replace('Z', '')),
}

const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`

/**
 * SQLite's identifier quoting and literal rendering: the part of the dialect
 * its compiler, reflector and runtime are built on.
 *
 * @example
 * sqliteQuoting.renderLiteral("it's") // "'it''s'"
 */
export const sqliteQuoting: DialectQuoting = {
  quoteIdentifier,
  quoteQualified: (name, schema) => (schema ? `${quoteIdentifier(schema)}.${quoteIdentifier(name)}` : quoteIdentifier(name)),
  renderLiteral: (value) => renderLiteralWith(sqliteLiterals, value),
}
