import { ConfigError } from '../errors.js'

/** The database families athanor speaks to. */
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
  /** File path for sqlite/pglite (`:memory:` for in-memory); undefined for servers. */
  readonly path: string | undefined
  readonly host: string | undefined
  readonly port: number | undefined
  readonly user: string | undefined
  readonly password: string | undefined
  readonly database: string | undefined
  /** Query-string parameters (`?sslmode=require` …). */
  readonly params: Readonly<Record<string, string>>
}

/** The URL athanor uses when neither `--url` nor the config gives one. */
export const DEFAULT_DATABASE_URL = 'sqlite:./app.db'

/**
 * Parses a database URL of any form DESIGN §1 lists:
 * `sqlite:./file.db`, `sqlite::memory:`, `postgres://…`, `postgresql://…`,
 * `mysql://…`, `mariadb://…`, `pglite:./dir`, `pglite::memory:`.
 *
 * @example
 * parseDatabaseUrl('postgres://u:secret@127.0.0.1:5432/app').database // 'app'
 */
export function parseDatabaseUrl(raw: string): DatabaseUrl {
  const schemeEnd = raw.indexOf(':')
  if (schemeEnd <= 0) throw badUrl(raw)
  const scheme = raw.slice(0, schemeEnd).toLowerCase()
  const rest = raw.slice(schemeEnd + 1)
  const empty = { host: undefined, port: undefined, user: undefined, password: undefined, database: undefined }
  if (scheme === 'sqlite' || scheme === 'pglite') {
    const path = stripFileSlashes(rest)
    if (path === '') throw badUrl(raw)
    return {
      raw,
      dialect: scheme === 'sqlite' ? 'sqlite' : 'postgres',
      driver: scheme === 'sqlite' ? 'better-sqlite3' : 'pglite',
      path,
      ...empty,
      params: {},
    }
  }
  const server: Record<string, { dialect: DialectName; driver: DriverName; port: number }> = {
    postgres: { dialect: 'postgres', driver: 'pg', port: 5432 },
    postgresql: { dialect: 'postgres', driver: 'pg', port: 5432 },
    mysql: { dialect: 'mysql', driver: 'mysql2', port: 3306 },
    mariadb: { dialect: 'mysql', driver: 'mysql2', port: 3306 },
  }
  const kind = server[scheme]
  if (kind === undefined) throw badUrl(raw)
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw badUrl(raw)
  }
  const params: Record<string, string> = {}
  url.searchParams.forEach((value, key) => {
    params[key] = value
  })
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''))
  return {
    raw,
    dialect: kind.dialect,
    driver: kind.driver,
    path: undefined,
    host: url.hostname || '127.0.0.1',
    port: url.port ? Number(url.port) : kind.port,
    user: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    database: database === '' ? undefined : database,
    params,
  }
}

/**
 * Replaces the password of any URL inside `text` with `***`, so messages and
 * logs never show it.
 *
 * @example
 * maskPasswords('cannot reach postgres://u:secret@db/app') // 'cannot reach postgres://u:***@db/app'
 */
export function maskPasswords(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*:)([^@\s]*)@/gi, '$1***@')
}

function stripFileSlashes(rest: string): string {
  // Accept `sqlite:./a.db`, `sqlite:///abs/a.db`, `sqlite://./a.db` alike.
  if (rest.startsWith('///')) return rest.slice(2)
  if (rest.startsWith('//')) return rest.slice(2)
  return rest
}

function badUrl(raw: string): ConfigError {
  return new ConfigError(`unsupported database URL "${maskPasswords(raw)}"`, {
    hint: 'use sqlite:./file.db, sqlite::memory:, postgres://…, mysql://…, mariadb://…, pglite:./dir or pglite::memory:',
  })
}
