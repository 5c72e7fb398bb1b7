import type { DialectQuoting } from '../base-ddl-compiler.js'
import { renderLiteralWith, toHex, type LiteralStyle } from '../literal.js'
import { checkedIdentifier, type IdentifierLimit } from '../identifier-limit.js'

const mysqlEscapes: Record<string, string> = {
  '\0': '\\0',
  '\n': '\\n',
  '\r': '\\r',
  '\x1a': '\\Z',
  '\\': '\\\\',
  "'": "\\'",
}

/** MySQL/MariaDB read backslash escapes in strings (unless NO_BACKSLASH_ESCAPES). */
function mysqlString(value: string): string {
  return `'${value.replace(/[\0\n\r\x1a\\']/g, (ch) => mysqlEscapes[ch] ?? ch)}'`
}

const mysqlLiterals: LiteralStyle = {
  string: mysqlString,
  boolean: (v) => (v ? 'TRUE' : 'FALSE'),
  bytes: (v) => `X'${toHex(v)}'`,
  date: (v) => mysqlString(v.toISOString().replace('T', ' ').replace('Z', '')),
}

/** MariaDB and MySQL refuse names over 64 characters, but only when the statement runs. */
export const MYSQL_IDENTIFIER_LIMIT: IdentifierLimit = { max: 64, unit: 'characters', database: 'MariaDB' }

const quoteIdentifier = (name: string) => `\`${checkedIdentifier(name, MYSQL_IDENTIFIER_LIMIT).replaceAll('`', '``')}\``

/**
 * MySQL/MariaDB's identifier quoting and literal rendering: the part of the dialect
 * its compiler, reflector and runtime are built on.
 *
 * @example
 * mysqlQuoting.renderLiteral("it's") // "'it\\'s'"
 */
export const mysqlQuoting: DialectQuoting = {
  quoteIdentifier,
  quoteQualified: (name, schema) => (schema ? `${quoteIdentifier(schema)}.${quoteIdentifier(name)}` : quoteIdentifier(name)),
  renderLiteral: (value) => renderLiteralWith(mysqlLiterals, value),
}
