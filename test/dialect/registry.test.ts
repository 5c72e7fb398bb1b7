import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { maskPasswords } from '../../src/dialect/secret-mask.js'
import { anchorEmbeddedPath, dialectEntries, loadDialect, parseDatabaseUrl } from '../../src/dialect/registry.js'
import { ConfigError } from '../../src/errors.js'

describe('the registry parses every URL form DESIGN §1 lists', () => {
  it.each([
    ['sqlite:./file.db', 'sqlite', 'better-sqlite3', './file.db'],
    ['sqlite:///abs/file.db', 'sqlite', 'better-sqlite3', '/abs/file.db'],
    ['sqlite://./file.db', 'sqlite', 'better-sqlite3', './file.db'],
    ['sqlite::memory:', 'sqlite', 'better-sqlite3', ':memory:'],
    ['SQLite:./file.db', 'sqlite', 'better-sqlite3', './file.db'],
    ['pglite:./dir', 'postgres', 'pglite', './dir'],
    ['pglite::memory:', 'postgres', 'pglite', ':memory:'],
  ])('%s is an embedded %s database opened with %s', (url, dialect, driver, path) => {
    expect(parseDatabaseUrl(url)).toMatchObject({ raw: url, dialect, driver, path, host: undefined, params: {} })
  })

  it.each([
    ['postgres://u:p%40ss@db.example:6543/app?sslmode=require', 'postgres', 'pg', 6543],
    ['postgresql://u@db.example/app', 'postgres', 'pg', 5432],
    ['mysql://root@db.example/app', 'mysql', 'mysql2', 3306],
    ['mariadb://root@db.example:3307/app', 'mysql', 'mysql2', 3307],
  ])('%s is a %s server opened with %s on port %i', (url, dialect, driver, port) => {
    expect(parseDatabaseUrl(url)).toMatchObject({ raw: url, dialect, driver, port, host: 'db.example', path: undefined })
  })

  it('decodes the user, password and database, and keeps the query parameters', () => {
    const url = parseDatabaseUrl('postgres://u%20x:p%40ss@db/my%20app?sslmode=require&application_name=a')
    expect(url).toMatchObject({ user: 'u x', password: 'p@ss', database: 'my app', params: { sslmode: 'require', application_name: 'a' } })
  })

  it('takes 127.0.0.1 for a server URL without a host, and no database for one without a path', () => {
    expect(parseDatabaseUrl('mysql://')).toMatchObject({ host: '127.0.0.1', port: 3306, database: undefined, user: undefined })
  })

  it('refuses an unknown scheme with a hint listing every scheme the registry knows', () => {
    const error = catchError(() => parseDatabaseUrl('oracle://scott:tiger@db/x'))
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.message).toBe('unsupported database URL "oracle://scott:***@db/x"')
    const forms = dialectEntries().flatMap((entry) => entry.schemes.flatMap((scheme) => scheme.forms))
    expect(forms).toEqual(expect.arrayContaining(['sqlite:./file.db', 'sqlite::memory:', 'postgres://…', 'mysql://…', 'mariadb://…', 'pglite:./dir', 'pglite::memory:']))
    for (const form of forms) expect(error.hint).toContain(form)
  })

  it.each(['app.db', 'sqlite:', 'sqlite://', ':memory:', 'postgres://[bad'])('refuses %j', (url) => {
    expect(() => parseDatabaseUrl(url)).toThrow(ConfigError)
  })
})

describe('the embedded-path rule', () => {
  const base = join('/', 'srv', 'app')

  it('makes a relative embedded path absolute against the base, keeping the scheme as written', () => {
    expect(anchorEmbeddedPath('sqlite:./data/app.db', base)).toBe(`sqlite:${join(base, 'data', 'app.db')}`)
    expect(anchorEmbeddedPath('pglite:pg', base)).toBe(`pglite:${join(base, 'pg')}`)
    expect(anchorEmbeddedPath('SQLITE:x.db', base)).toBe(`SQLITE:${join(base, 'x.db')}`)
  })

  it.each(['sqlite::memory:', 'pglite::memory:', 'sqlite:/abs/app.db', 'sqlite:///abs/app.db', 'sqlite://./app.db', 'postgres://u@h/db', 'mysql://root@h/db', 'oracle:x'])(
    'leaves %s as it is',
    (url) => {
      expect(anchorEmbeddedPath(url, base)).toBe(url)
    },
  )
})

describe('every registry entry', () => {
  it.each(dialectEntries().map((entry) => [entry.name, entry] as const))('%s loads a dialect of its name that has a driver for each of its schemes', async (name, entry) => {
    const dialect = await entry.load()
    expect(dialect.name).toBe(name)
    expect(dialect.reflector.dialect).toBe(name)
    for (const scheme of entry.schemes) {
      expect(dialect.drivers[scheme.driver], `${scheme.name}: driver ${scheme.driver}`).toBeDefined()
      expect(parseDatabaseUrl(scheme.forms[0]!.replace('…', 'u@h/db')).dialect).toBe(name)
    }
  })

  it('answers to schemes no other entry answers to', () => {
    const schemes = dialectEntries().flatMap((entry) => entry.schemes.map((scheme) => scheme.name))
    expect(new Set(schemes).size).toBe(schemes.length)
  })

  it('is found by loadDialect from a URL or a parsed URL', async () => {
    expect((await loadDialect('mariadb://root@h/db')).name).toBe('mysql')
    expect((await loadDialect(parseDatabaseUrl('pglite::memory:'))).name).toBe('postgres')
  })
})

describe('maskPasswords', () => {
  it('masks the password of a URL of any scheme, supported or not', () => {
    expect(maskPasswords('cannot reach postgres://u:secret@db/app or oracle://s:tiger@h')).toBe('cannot reach postgres://u:***@db/app or oracle://s:***@h')
  })
})

function catchError(fn: () => unknown): ConfigError {
  try {
    fn()
  } catch (error) {
    return error as ConfigError
  }
  throw new Error('expected an error')
}
