import { isAbsolute, resolve } from 'node:path'
import type { DatabaseUrl, DriverName } from './database-url.js'

/**
 * One URL scheme a dialect answers to (`sqlite:`, `postgres://`, …): how a
 * URL of it is read, and whether it names a local path that resolves against
 * a base directory. A dialect's registry entry lists its schemes; nothing
 * outside `src/dialect/` knows them.
 *
 * @example
 * const scheme = serverScheme({ name: 'mysql', driver: 'mysql2', defaultPort: 3306 })
 * scheme.parse('mysql://root@db/app', '//root@db/app')?.port // 3306
 */
export interface UrlScheme {
  /** The scheme as written before the first `:`, lower case. */
  readonly name: string
  /** The driver that opens this scheme's URLs, one of its dialect's `drivers`. */
  readonly driver: DriverName
  /** How the hint for an unsupported URL shows this scheme (`sqlite:./file.db`, `sqlite::memory:`). */
  readonly forms: readonly string[]
  /**
   * Reads a URL whose text after `name:` is `rest`; undefined when it is
   * malformed. The registry adds the dialect's name.
   */
  parse(raw: string, rest: string): SchemeUrl | undefined
  /**
   * The text after `name:` with a relative local path made absolute against
   * `base`; undefined where the URL names no relative path (a server, memory,
   * an absolute path).
   */
  anchorPath(rest: string, base: string): string | undefined
}

/** A parsed URL as a scheme knows it: everything but the dialect, which its registry entry names. */
export type SchemeUrl = Omit<DatabaseUrl, 'dialect'>

/** What an embedded database's scheme needs: the path is a file or a data directory on this machine. */
export interface EmbeddedSchemeSpec {
  readonly name: string
  readonly driver: DriverName
  /** A relative path shown in hints: `./file.db`, `./dir`. */
  readonly pathExample: string
}

/** The path that stands for an in-memory embedded database, as SQLite spells it. */
const MEMORY = ':memory:'

/**
 * A scheme whose URL is a local path: `name:./file`, `name:///abs/file`,
 * `name://./file` alike, and `name::memory:` for an in-memory database. A
 * relative path resolves against the directory the URL came from (the
 * config's, or the working directory for `--url`).
 *
 * @example
 * const scheme = embeddedScheme({ name: 'sqlite', driver: 'better-sqlite3', pathExample: './file.db' })
 * scheme.anchorPath('./app.db', '/srv/app') // '/srv/app/app.db'
 */
export function embeddedScheme(spec: EmbeddedSchemeSpec): UrlScheme {
  return {
    name: spec.name,
    driver: spec.driver,
    forms: [`${spec.name}:${spec.pathExample}`, `${spec.name}:${MEMORY}`],
    parse(raw, rest) {
      const path = stripFileSlashes(rest)
      if (path === '') return undefined
      return {
        raw,
        driver: spec.driver,
        path,
        host: undefined,
        port: undefined,
        user: undefined,
        password: undefined,
        database: undefined,
        params: {},
      }
    },
    anchorPath(rest, base) {
      // `//…` is left as written: parse strips the slashes, and `///abs` is absolute already.
      if (rest === MEMORY || rest === '' || rest.startsWith('//') || isAbsolute(rest)) return undefined
      return resolve(base, rest)
    },
  }
}

/** What a database server's scheme needs. */
export interface ServerSchemeSpec {
  readonly name: string
  readonly driver: DriverName
  /** The port a URL without one means. */
  readonly defaultPort: number
}

/**
 * A scheme whose URL is a WHATWG URL naming a server:
 * `name://user:password@host:port/database?param=value`. A missing host is
 * 127.0.0.1 and a missing port the database's default.
 *
 * @example
 * const scheme = serverScheme({ name: 'postgres', driver: 'pg', defaultPort: 5432 })
 * scheme.parse('postgres://u:pw@db/app', '//u:pw@db/app')?.database // 'app'
 */
export function serverScheme(spec: ServerSchemeSpec): UrlScheme {
  return {
    name: spec.name,
    driver: spec.driver,
    forms: [`${spec.name}://…`],
    parse(raw) {
      let url: URL
      try {
        url = new URL(raw)
      } catch {
        return undefined
      }
      const params: Record<string, string> = {}
      url.searchParams.forEach((value, key) => {
        params[key] = value
      })
      const database = decodeURIComponent(url.pathname.replace(/^\//, ''))
      return {
        raw,
        driver: spec.driver,
        path: undefined,
        host: url.hostname || '127.0.0.1',
        port: url.port ? Number(url.port) : spec.defaultPort,
        user: url.username ? decodeURIComponent(url.username) : undefined,
        password: url.password ? decodeURIComponent(url.password) : undefined,
        database: database === '' ? undefined : database,
        params,
      }
    },
    anchorPath: () => undefined,
  }
}

function stripFileSlashes(rest: string): string {
  // Accept `name:./a.db`, `name:///abs/a.db`, `name://./a.db` alike.
  if (rest.startsWith('///')) return rest.slice(2)
  if (rest.startsWith('//')) return rest.slice(2)
  return rest
}
