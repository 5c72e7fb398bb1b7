import type { DialectEntry } from '../dialect-entry.js'
import { embeddedScheme, serverScheme } from '../url-scheme.js'

/**
 * PostgreSQL's registry line: a server (`postgres://…`, `postgresql://…`,
 * opened with `pg`) or PGlite, the embedded Postgres (`pglite:./dir`,
 * `pglite::memory:`). Both speak the one PostgreSQL dialect; only the driver
 * differs.
 *
 * @example
 * (await postgresEntry.load()).name // 'postgres'
 */
export const postgresEntry: DialectEntry = {
  name: 'postgres',
  schemes: [
    serverScheme({ name: 'postgres', driver: 'pg', defaultPort: 5432 }),
    serverScheme({ name: 'postgresql', driver: 'pg', defaultPort: 5432 }),
    embeddedScheme({ name: 'pglite', driver: 'pglite', pathExample: './dir' }),
  ],
  load: async () => (await import('./postgres-dialect.js')).postgresDialect,
  drizzle: { tableKind: 'PgTable', corePackage: 'drizzle-orm/pg-core', load: async () => (await import('./postgres-drizzle.js')).postgresDrizzle },
}
