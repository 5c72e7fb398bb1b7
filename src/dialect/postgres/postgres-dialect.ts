import type { DialectQuoting } from '../base-ddl-compiler.js'
import { standardSavepoint, type Dialect } from '../dialect.js'
import { PostgresDdlCompiler } from './postgres-compiler.js'
import { renderLiteralWith, standardStringLiteral, toHex, type LiteralStyle } from '../literal.js'

/**
 * A string with a backslash is written as an escape string (E'…') so that it
 * reads back the same whatever `standard_conforming_strings` is set to.
 */
function postgresString(value: string): string {
  if (!value.includes('\\')) return standardStringLiteral(value)
  return `E'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`
}

const postgresLiterals: LiteralStyle = {
  string: postgresString,
  boolean: (v) => (v ? 'true' : 'false'),
  bytes: (v) => `'\\x${toHex(v)}'::bytea`,
  date: (v) => `'${v.toISOString()}'::timestamptz`,
}

const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`

const quoting: DialectQuoting = {
  quoteIdentifier,
  quoteQualified: (name, schema) => (schema ? `${quoteIdentifier(schema)}.${quoteIdentifier(name)}` : quoteIdentifier(name)),
  renderLiteral: (value) => renderLiteralWith(postgresLiterals, value),
}

/** PostgreSQL (server and PGlite): double-quoted identifiers, transactional DDL. */
export const postgresDialect: Dialect = {
  name: 'postgres',
  transactionalDdl: true,
  ...quoting,
  beginSql: 'BEGIN',
  commitSql: 'COMMIT',
  rollbackSql: 'ROLLBACK',
  savepoint: (name) => standardSavepoint(quoting.quoteIdentifier(name)),
  compiler: new PostgresDdlCompiler(quoting),
}
