import { standardSavepoint, type Dialect } from '../dialect.js'
import { lazyReflector } from '../reflector.js'
import { postgresObjects } from './postgres-objects.js'
import { pgliteDriver } from './pglite-driver.js'
import { postgresCompiler } from './postgres-compiler.js'
import { pgDriver } from './postgres-driver.js'
import { postgresEquivalence } from './postgres-equivalence.js'
import { POSTGRES_IDENTIFIER_LIMIT, postgresQuoting } from './postgres-quoting.js'
import { postgresRuntime } from './postgres-runtime.js'
import { postgresDependentTypes } from './postgres-dependent-types.js'

/**
 * PostgreSQL, on a server (`pg`) or embedded (PGlite): double-quoted
 * identifiers, transactional DDL, advisory-lock migrations. Loaded by the
 * registry when a URL names PostgreSQL (src/dialect/postgres/postgres-entry.ts).
 *
 * @example
 * postgresDialect.renderLiteral('a\\b') // "E'a\\\\b'"
 */
export const postgresDialect: Dialect = {
  name: 'postgres',
  transactionalDdl: true,
  ...postgresQuoting,
  identifierLimit: POSTGRES_IDENTIFIER_LIMIT,
  scriptPreamble: [],
  beginSql: 'BEGIN',
  commitSql: 'COMMIT',
  rollbackSql: 'ROLLBACK',
  savepoint: (name) => standardSavepoint(postgresQuoting.quoteIdentifier(name)),
  compiler: postgresCompiler,
  dependentTypes: postgresDependentTypes,
  objects: postgresObjects,
  reflector: lazyReflector('postgres', async () => (await import('./postgres-reflector.js')).postgresReflector),
  runtime: postgresRuntime,
  equivalence: postgresEquivalence,
  resultValueTypes: { bigint: 'string' },
  lint: { load: async () => (await import('./postgres-lint.js')).postgresLint },
  // SET NOT NULL skips its scan after a validated CHECK (col IS NOT NULL) from PostgreSQL 12 on.
  safeForms: { concurrentIndexes: true, notValidConstraints: true },
  drivers: { pg: pgDriver, pglite: pgliteDriver },
}
