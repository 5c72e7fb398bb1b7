import { UsageError } from '../../errors.js'
import type { DialectQuoting } from '../base-ddl-compiler.js'
import { renderLiteralWith, standardStringLiteral, toHex, type LiteralStyle } from '../literal.js'

/**
 * A string with a backslash is written as an escape string (E'…') so that it
 * reads back the same whatever `standard_conforming_strings` is set to.
 */
function postgresString(value: string): string {
  if (value.includes('\0')) {
    throw new UsageError('PostgreSQL text cannot hold a NUL character (\\0)', {
      hint: 'remove the NUL from the value, or store it as bytes (a bytea column and a Uint8Array)',
    })
  }
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

/**
 * PostgreSQL's identifier quoting and literal rendering: the part of the dialect
 * its compiler, reflector and runtime are built on.
 *
 * @example
 * postgresQuoting.renderLiteral("it's") // "'it''s'"
 */
export const postgresQuoting: DialectQuoting = {
  quoteIdentifier,
  quoteQualified: (name, schema) => (schema ? `${quoteIdentifier(schema)}.${quoteIdentifier(name)}` : quoteIdentifier(name)),
  renderLiteral: (value) => renderLiteralWith(postgresLiterals, value),
}
