import type { DialectQuoting } from '../base-ddl-compiler.js'
import { standardSavepoint, type Dialect } from '../dialect.js'
import { MysqlDdlCompiler } from './mysql-compiler.js'
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

const quoteIdentifier = (name: string) => `\`${name.replaceAll('`', '``')}\``

const quoting: DialectQuoting = {
  quoteIdentifier,
  quoteQualified: (name, schema) => (schema ? `${quoteIdentifier(schema)}.${quoteIdentifier(name)}` : quoteIdentifier(name)),
  renderLiteral: (value) => renderLiteralWith(mysqlLiterals, value),
}

/** MySQL and MariaDB: backquoted identifiers; DDL commits implicitly. */
export const mysqlDialect: Dialect = {
  name: 'mysql',
  transactionalDdl: false,
  ...quoting,
  beginSql: 'START TRANSACTION',
  commitSql: 'COMMIT',
  rollbackSql: 'ROLLBACK',
  savepoint: (name) => standardSavepoint(quoting.quoteIdentifier(name)),
  compiler: new MysqlDdlCompiler(quoting),
}
