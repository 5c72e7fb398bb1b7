import type { Dialect } from '../dialect.js'
import { renderLiteralWith, toHex, type LiteralStyle } from '../literal.js'

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

/** MySQL and MariaDB: backquoted identifiers; DDL commits implicitly. */
export const mysqlDialect: Dialect = {
  name: 'mysql',
  transactionalDdl: false,
  quoteIdentifier: (name) => `\`${name.replaceAll('`', '``')}\``,
  quoteQualified(name, schema) {
    const quoted = this.quoteIdentifier(name)
    return schema ? `${this.quoteIdentifier(schema)}.${quoted}` : quoted
  },
  renderLiteral: (value) => renderLiteralWith(mysqlLiterals, value),
  beginSql: 'START TRANSACTION',
  commitSql: 'COMMIT',
  rollbackSql: 'ROLLBACK',
}
