import { standardSavepoint, type Dialect } from '../dialect.js'
import { lazyReflector } from '../reflector.js'
import { mysqlObjects } from './mysql-objects.js'
import { mysqlCompiler } from './mysql-compiler.js'
import { mysql2Driver } from './mysql-driver.js'
import { mysqlEquivalence } from './mysql-equivalence.js'
import { MYSQL_IDENTIFIER_LIMIT, mysqlQuoting } from './mysql-quoting.js'
import { mysqlRuntime } from './mysql-runtime.js'

/**
 * MySQL and MariaDB: backquoted identifiers; DDL commits implicitly, which
 * the runner states rather than hides. Loaded by the registry when a URL
 * names MySQL or MariaDB (src/dialect/mysql/mysql-entry.ts).
 *
 * @example
 * mysqlDialect.quoteIdentifier('order') // '`order`'
 */
export const mysqlDialect: Dialect = {
  name: 'mysql',
  transactionalDdl: false,
  ...mysqlQuoting,
  identifierLimit: MYSQL_IDENTIFIER_LIMIT,
  scriptPreamble: ['SET NAMES utf8mb4'],
  beginSql: 'START TRANSACTION',
  commitSql: 'COMMIT',
  rollbackSql: 'ROLLBACK',
  savepoint: (name) => standardSavepoint(mysqlQuoting.quoteIdentifier(name)),
  compiler: mysqlCompiler,
  objects: mysqlObjects,
  reflector: lazyReflector('mysql', async () => (await import('./mysql-reflector.js')).mysqlReflector),
  runtime: mysqlRuntime,
  equivalence: mysqlEquivalence,
  resultValueTypes: { boolean: 'number', bigint: 'number', json: 'Json' },
  lint: { load: async () => (await import('./mysql-lint.js')).mysqlLint },
  drivers: { mysql2: mysql2Driver },
}
