import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openConnection } from '../../src/dialect/connect.js'
import { importDriver } from '../../src/dialect/driver-error.js'
import { rewritePlaceholders } from '../../src/dialect/postgres/postgres-placeholders.js'
import { ConfigError, DatabaseError } from '../../src/errors.js'
import { ALL_DATABASES, createTestDatabase, type TestDatabase } from '../support/databases.js'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TEST_PASSWORD } from '../support/test-secrets.js'

describe.each(ALL_DATABASES)('a %s connection', (kind) => {
  let db: TestDatabase
  beforeEach(async () => {
    db = await createTestDatabase(kind)
  })
  afterEach(async () => {
    await db.drop()
  })

  it('carries its dialect', async () => {
    const conn = await db.connect()
    expect(conn.dialect.name).toBe(kind === 'pglite' ? 'postgres' : kind)
  })

  it('binds ? parameters and reads rows back', async () => {
    const conn = await db.connect()
    await conn.execute('CREATE TABLE item (id INTEGER PRIMARY KEY, name VARCHAR(100))')
    const { rowCount } = await conn.execute('INSERT INTO item (id, name) VALUES (?, ?), (?, ?)', [1, 'a', 2, 'b'])
    expect(rowCount).toBe(2)
    const rows = await conn.query('SELECT id, name FROM item WHERE id > ? ORDER BY id', [0])
    expect(rows).toEqual([
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
    ])
  })

  it('round-trips quote, backslash, newline, unicode and NULL through parameters', async () => {
    const conn = await db.connect()
    await conn.execute('CREATE TABLE note (id INTEGER PRIMARY KEY, body VARCHAR(200))')
    const tricky = "it's a \\ back\nslash — ünïcødé 🐘 ?"
    await conn.execute('INSERT INTO note (id, body) VALUES (?, ?), (?, ?)', [1, tricky, 2, null])
    const rows = await conn.query<{ id: number; body: string | null }>('SELECT id, body FROM note ORDER BY id')
    expect(rows.map((r) => r.body)).toEqual([tricky, null])
  })

  it('counts every statement it sends, transaction control included', async () => {
    const conn = await db.connect()
    const before = conn.statementCount
    await conn.begin()
    await conn.execute('CREATE TABLE counted (a INTEGER)')
    await conn.query('SELECT a FROM counted')
    await conn.commit()
    expect(conn.statementCount - before).toBe(4)
  })

  it('rolls back an uncommitted insert', async () => {
    const conn = await db.connect()
    await conn.execute('CREATE TABLE kept (a INTEGER)')
    await conn.begin()
    await conn.execute('INSERT INTO kept (a) VALUES (?)', [1])
    await conn.rollback()
    expect(await conn.query('SELECT a FROM kept')).toEqual([])
  })

  it('reports a failing statement as a DatabaseError keeping the driver error as cause', async () => {
    const conn = await db.connect()
    const error = await conn.execute('SELECT * FROM no_such_table').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DatabaseError)
    expect((error as DatabaseError).message).toMatch(/no_such_table/)
    expect((error as DatabaseError).cause).toBeDefined()
  })

  it('sees what another connection to the same database committed', async () => {
    const first = await db.connect()
    const second = await db.connect()
    await first.execute('CREATE TABLE shared (a INTEGER)')
    await first.execute('INSERT INTO shared (a) VALUES (?)', [7])
    expect(await second.query('SELECT a FROM shared')).toEqual([{ a: 7 }])
  })
})

describe('opening connections', () => {
  it('opens an in-memory SQLite database that starts empty each time', async () => {
    const first = await openConnection('sqlite::memory:')
    await first.execute('CREATE TABLE t (a INTEGER)')
    const second = await openConnection('sqlite::memory:')
    expect(await second.query("SELECT name FROM sqlite_master WHERE type = 'table'")).toEqual([])
    await first.close()
    await second.close()
  })

  it('creates a SQLite file and its directory when missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'athanor-conn-'))
    const file = join(dir, 'nested', 'app.db')
    const conn = await openConnection(`sqlite:${file}`)
    await conn.close()
    expect(existsSync(file)).toBe(true)
    rmSync(dir, { recursive: true, force: true })
  })

  it('opens an in-memory PGlite database', async () => {
    const conn = await openConnection('pglite::memory:')
    expect(await conn.query('SELECT 1 + 1 AS two')).toEqual([{ two: 2 }])
    await conn.close()
  })

  it('fails to reach a server with a DatabaseError whose message masks the password', async () => {
    const error = await openConnection(`postgres://admin:${TEST_PASSWORD}@127.0.0.1:1/app`).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DatabaseError)
    expect((error as DatabaseError).message).toContain('postgres://admin:***@127.0.0.1:1/app')
    expect((error as DatabaseError).message).not.toContain(TEST_PASSWORD)
    expect((error as DatabaseError).exitCode).toBe(1)
  })

  it('fails to reach a MySQL server with a DatabaseError whose message masks the password', async () => {
    const error = await openConnection(`mysql://root:${TEST_PASSWORD}@127.0.0.1:1/app`).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DatabaseError)
    expect((error as DatabaseError).message).not.toContain(TEST_PASSWORD)
  })

  it('names the package to install when a driver is missing', async () => {
    const error = await importDriver('athanor-driver-that-is-not-installed', 'postgres').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).message).toBe('the postgres driver "athanor-driver-that-is-not-installed" is not installed')
    expect((error as ConfigError).hint).toBe('npm install athanor-driver-that-is-not-installed')
  })
})

describe('rewriting ? placeholders for PostgreSQL', () => {
  it('numbers bare placeholders in order', () => {
    expect(rewritePlaceholders('INSERT INTO t (a, b) VALUES (?, ?)')).toBe('INSERT INTO t (a, b) VALUES ($1, $2)')
  })

  it('leaves ? inside string literals alone, doubled quotes included', () => {
    expect(rewritePlaceholders("SELECT 'a?''?' , ?")).toBe("SELECT 'a?''?' , $1")
  })

  it('leaves ? inside E-strings with backslash-escaped quotes alone', () => {
    expect(rewritePlaceholders("SELECT E'\\'?' , ?")).toBe("SELECT E'\\'?' , $1")
  })

  it('leaves ? inside quoted identifiers alone', () => {
    expect(rewritePlaceholders('SELECT "col?" FROM t WHERE a = ?')).toBe('SELECT "col?" FROM t WHERE a = $1')
  })

  it('leaves ? inside line and nested block comments alone', () => {
    expect(rewritePlaceholders('SELECT ? -- why?\n/* a /* b? */ c? */ , ?')).toBe('SELECT $1 -- why?\n/* a /* b? */ c? */ , $2')
  })

  it('leaves ? inside dollar-quoted bodies alone, tagged or not', () => {
    const body = "CREATE FUNCTION f() RETURNS int AS $fn$ SELECT 1 WHERE 'x' <> '?' $fn$ LANGUAGE sql; SELECT $$?$$, ?"
    expect(rewritePlaceholders(body)).toBe(body.replace(/, \?$/, ', $1'))
  })

  it('does not mistake positional $1 references for dollar quotes', () => {
    expect(rewritePlaceholders('SELECT $1, ?')).toBe('SELECT $1, $1')
  })
})
