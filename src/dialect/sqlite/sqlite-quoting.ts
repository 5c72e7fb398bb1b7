import type { DialectQuoting } from '../base-ddl-compiler.js'
import { renderLiteralWith, standardStringLiteral, toHex, type LiteralStyle } from '../literal.js'

/**
 * SQLite reads SQL text as a C string, so a NUL inside a quoted literal would
 * end the statement; such a string is built with char(0) instead.
 */
function sqliteString(value: string): string {
  if (!value.includes('\0')) return standardStringLiteral(value)
  return `(${value.split('\0').map(standardStringLiteral).join(' || char(0) || ')})`
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
