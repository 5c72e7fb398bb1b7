import type { DialectQuoting } from '../base-ddl-compiler.js'
import type { Dialect } from '../dialect.js'
import { SqliteDdlCompiler } from './sqlite-compiler.js'
import { sqliteRebuilder } from './sqlite-batch.js'
import { renderLiteralWith, standardStringLiteral, toHex, type LiteralStyle } from '../literal.js'

const sqliteLiterals: LiteralStyle = {
  string: standardStringLiteral,
  boolean: (v) => (v ? '1' : '0'),
  bytes: (v) => `X'${toHex(v)}'`,
  date: (v) => standardStringLiteral(v.toISOString().replace('T', ' ').replace('Z', '')),
}

const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`

const quoting: DialectQuoting = {
  quoteIdentifier,
  quoteQualified: (name, schema) => (schema ? `${quoteIdentifier(schema)}.${quoteIdentifier(name)}` : quoteIdentifier(name)),
  renderLiteral: (value) => renderLiteralWith(sqliteLiterals, value),
}

/** SQLite: double-quoted identifiers, standard string literals, transactional DDL. */
export const sqliteDialect: Dialect = {
  name: 'sqlite',
  transactionalDdl: true,
  ...quoting,
  beginSql: 'BEGIN',
  commitSql: 'COMMIT',
  rollbackSql: 'ROLLBACK',
  compiler: new SqliteDdlCompiler(quoting),
  rebuilder: sqliteRebuilder,
}
