import { ConfigError } from '../errors.js'
import type { DatabaseUrl } from './database-url.js'
import { maskPasswords } from './secret-mask.js'
import type { DialectEntry } from './dialect-entry.js'
import type { Dialect } from './dialect.js'
import { mysqlEntry } from './mysql/mysql-entry.js'
import { postgresEntry } from './postgres/postgres-entry.js'
import { sqliteEntry } from './sqlite/sqlite-entry.js'
import type { UrlScheme } from './url-scheme.js'

/**
 * Every database athanor speaks to, one line each (docs/dialects.md says
 * what a new line needs). The order is the order hints list the URL forms.
 */
const ENTRIES: readonly DialectEntry[] = [
  sqliteEntry,
  postgresEntry,
  mysqlEntry,
]

/** The URL athanor uses when neither `--url` nor the config gives one. */
export const DEFAULT_DATABASE_URL = 'sqlite:./app.db'

const schemes = new Map<string, { readonly entry: DialectEntry; readonly scheme: UrlScheme }>(
  ENTRIES.flatMap((entry) => entry.schemes.map((scheme) => [scheme.name, { entry, scheme }] as const)),
)

/**
 * The registry's entries, for code that must look at every dialect (docs, tests).
 *
 * @example
 * dialectEntries().map((e) => e.name) // ['sqlite', 'postgres', 'mysql']
 */
export function dialectEntries(): readonly DialectEntry[] {
  return ENTRIES
}

/**
 * Parses a database URL of any scheme a registered dialect answers to
 * (DESIGN §1: `sqlite:./file.db`, `sqlite::memory:`, `postgres://…`,
 * `postgresql://…`, `mysql://…`, `mariadb://…`, `pglite:./dir`,
 * `pglite::memory:`). Loads no dialect code.
 *
 * @example
 * parseDatabaseUrl('postgres://u:secret@127.0.0.1:5432/app').database // 'app'
 */
export function parseDatabaseUrl(raw: string): DatabaseUrl {
  if (raw.trim() === '') throw new ConfigError('the database URL is empty', { hint: `use ${knownForms()}` })
  const split = splitScheme(raw)
  if (split === undefined) {
    if (/^[A-Za-z][\w+.-]*:/.test(raw)) throw unsupportedUrl(raw)
    throw new ConfigError(`database URL "${maskPasswords(raw)}" has no scheme`, { hint: `use ${knownForms()}` })
  }
  const parsed = split.found.scheme.parse(raw, split.rest)
  if (parsed === undefined) {
    throw new ConfigError(`malformed database URL "${maskPasswords(raw)}": ${malformation(raw)}`, {
      hint: `write it as ${split.written}://user@host:port/database, with a password after the user (user:password@…) percent-encoded`,
    })
  }
  return { ...parsed, dialect: split.found.entry.name }
}

/** What is wrong with a URL of a known scheme that does not parse. */
function malformation(raw: string): string {
  const port = /^[^:]+:\/\/[^/?#]*:(\d+)(?:[/?#]|$)/.exec(raw)?.[1]
  if (port !== undefined && Number(port) > 65535) return `port ${port} is out of range (1–65535)`
  const host = /^[^:]+:\/\/(?:[^/?#]*@)?([^/?#]*)/.exec(raw)?.[1] ?? ''
  return host === '' ? 'it names no host' : `"${host}" is not a host[:port]`
}

/**
 * Rewrites a URL naming a relative local path (an embedded database's file
 * or directory) to name it absolutely against `base`; every other URL, and
 * one no dialect answers to, is returned unchanged.
 *
 * @example
 * anchorEmbeddedPath('sqlite:./app.db', '/srv/app') // 'sqlite:/srv/app/app.db'
 */
export function anchorEmbeddedPath(url: string, base: string): string {
  const split = splitScheme(url)
  if (split === undefined) return url
  const anchored = split.found.scheme.anchorPath(split.rest, base)
  return anchored === undefined ? url : `${split.written}:${anchored}`
}

/**
 * The dialect a URL names, loading its code (and only its code) on first
 * use: offline (`--sql`) runs write SQL for a database they never open.
 *
 * @example
 * (await loadDialect('mysql://root@db/app')).name // 'mysql'
 */
export async function loadDialect(url: DatabaseUrl | string): Promise<Dialect> {
  const parsed = typeof url === 'string' ? parseDatabaseUrl(url) : url
  const entry = ENTRIES.find((e) => e.name === parsed.dialect)
  if (entry === undefined) throw unsupportedUrl(parsed.raw)
  return entry.load()
}

function splitScheme(url: string): { found: { entry: DialectEntry; scheme: UrlScheme }; written: string; rest: string } | undefined {
  const end = url.indexOf(':')
  if (end <= 0) return undefined
  const written = url.slice(0, end)
  const found = schemes.get(written.toLowerCase())
  return found === undefined ? undefined : { found, written, rest: url.slice(end + 1) }
}

function unsupportedUrl(raw: string): ConfigError {
  return new ConfigError(`unsupported database URL "${maskPasswords(raw)}"`, { hint: `use ${knownForms()}` })
}

function knownForms(): string {
  const forms = ENTRIES.flatMap((entry) => entry.schemes.flatMap((scheme) => scheme.forms))
  return `${forms.slice(0, -1).join(', ')} or ${forms[forms.length - 1]}`
}
