import { lazyRebuilder, standardSavepoint, type Dialect } from '../dialect.js'
import { lazyReflector } from '../reflector.js'
import { sqliteObjects } from './sqlite-objects.js'
import { sqliteCompiler } from './sqlite-compiler.js'
import { betterSqlite3Driver } from './sqlite-driver.js'
import { sqliteEquivalence } from './sqlite-equivalence.js'
import { sqliteQuoting } from './sqlite-quoting.js'
import { sqliteRuntime } from './sqlite-runtime.js'

/**
 * SQLite: double-quoted identifiers, standard string literals, transactional
 * DDL, and move-and-copy for the ALTERs SQLite cannot do. Loaded by the
 * registry when a URL names SQLite (src/dialect/sqlite/sqlite-entry.ts).
 *
 * @example
 * sqliteDialect.quoteQualified('users', 'main') // '"main"."users"'
 */
export const sqliteDialect: Dialect = {
  name: 'sqlite',
  transactionalDdl: true,
  ...sqliteQuoting,
  scriptPreamble: [],
  beginSql: 'BEGIN',
  commitSql: 'COMMIT',
  rollbackSql: 'ROLLBACK',
  savepoint: (name) => standardSavepoint(sqliteQuoting.quoteIdentifier(name)),
  compiler: sqliteCompiler,
  rebuilder: lazyRebuilder(async () => (await import('./sqlite-batch.js')).sqliteRebuilder),
  objects: sqliteObjects,
  reflector: lazyReflector('sqlite', async () => (await import('./sqlite-reflector.js')).sqliteReflector),
  runtime: sqliteRuntime,
  equivalence: sqliteEquivalence,
  resultValueTypes: { date: 'string', datetime: 'string', boolean: 'number', json: 'string', jsonb: 'string', bigint: 'number' },
  lint: { load: async () => (await import('./sqlite-lint.js')).sqliteLint },
  drivers: { 'better-sqlite3': betterSqlite3Driver },
}
