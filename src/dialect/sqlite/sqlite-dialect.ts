import type { Dialect } from '../dialect.js'
import { renderLiteralWith, standardStringLiteral, toHex, type LiteralStyle } from '../literal.js'

const sqliteLiterals: LiteralStyle = {
  string: standardStringLiteral,
  boolean: (v) => (v ? '1' : '0'),
  bytes: (v) => `X'${toHex(v)}'`,
  date: (v) => standardStringLiteral(v.toISOString().replace('T', ' ').replace('Z', '')),
}

/** SQLite: double-quoted identifiers, standard string literals, transactional DDL. */
export const sqliteDialect: Dialect = {
  name: 'sqlite',
  transactionalDdl: true,
  quoteIdentifier: (name) => `"${name.replaceAll('"', '""')}"`,
  quoteQualified(name, schema) {
    const quoted = this.quoteIdentifier(name)
    return schema ? `${this.quoteIdentifier(schema)}.${quoted}` : quoted
  },
  renderLiteral: (value) => renderLiteralWith(sqliteLiterals, value),
  beginSql: 'BEGIN',
  commitSql: 'COMMIT',
  rollbackSql: 'ROLLBACK',
}
