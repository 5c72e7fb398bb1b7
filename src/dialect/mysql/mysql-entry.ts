import type { DialectEntry } from '../dialect-entry.js'
import { serverScheme } from '../url-scheme.js'

/**
 * MySQL and MariaDB's registry line: `mysql://…` and `mariadb://…`, opened
 * with mysql2.
 *
 * @example
 * (await mysqlEntry.load()).name // 'mysql'
 */
export const mysqlEntry: DialectEntry = {
  name: 'mysql',
  schemes: [
    serverScheme({ name: 'mysql', driver: 'mysql2', defaultPort: 3306 }),
    serverScheme({ name: 'mariadb', driver: 'mysql2', defaultPort: 3306 }),
  ],
  load: async () => (await import('./mysql-dialect.js')).mysqlDialect,
  drizzle: { tableKind: 'MySqlTable', corePackage: 'drizzle-orm/mysql-core', load: async () => (await import('./mysql-drizzle.js')).mysqlDrizzle },
}
