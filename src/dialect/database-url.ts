/** The database families athanor speaks to: one `Dialect` each (see docs/dialects.md). */
export type DialectName = 'sqlite' | 'postgres' | 'mysql'

/** The driver that opens a URL: the dialect plus which client library. */
export type DriverName = 'better-sqlite3' | 'pg' | 'mysql2' | 'pglite'

/**
 * A parsed database URL.
 *
 * @example
 * parseDatabaseUrl('sqlite:./app.db') // { dialect: 'sqlite', driver: 'better-sqlite3', path: './app.db', … }
 */
export interface DatabaseUrl {
  readonly raw: string
  readonly dialect: DialectName
  readonly driver: DriverName
  /** File path for an embedded database (`:memory:` for in-memory); undefined for servers. */
  readonly path: string | undefined
  readonly host: string | undefined
  readonly port: number | undefined
  readonly user: string | undefined
  readonly password: string | undefined
  readonly database: string | undefined
  /** Query-string parameters (`?sslmode=require` …). */
  readonly params: Readonly<Record<string, string>>
}
