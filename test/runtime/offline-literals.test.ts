import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseConnection } from '../../src/dialect/dialect.js'
import { inlineParameters } from '../../src/runtime/offline-script.js'
import { ALL_DATABASES, createTestDatabase, type TestDatabase } from '../support/databases.js'

/** Characters that break naive quoting, placeholder scanning or encodings. */
const awkward = fc.constantFrom("'", "''", '\\', '\\\\', '\n', '\r', '\t', '?', '--', '/*', '*/', '$$', '$a$', '`', '"', '#', '\x1a', 'é', '🐘', ' ', 'x')
const values = fc.oneof(fc.stringOf(awkward, { maxLength: 20 }), fc.fullUnicodeString({ maxLength: 20 }))

describe.each(ALL_DATABASES)('offline literals read back exactly on %s', (kind) => {
  let db: TestDatabase
  let conn: DatabaseConnection
  beforeAll(async () => {
    db = await createTestDatabase(kind)
    conn = await db.connect()
    await conn.execute('CREATE TABLE vals (id INTEGER PRIMARY KEY, v TEXT)')
  })
  afterAll(async () => {
    await db.drop()
  })

  it('for any string, a parameter inlined into offline SQL is stored as the same string', async () => {
    let id = 0
    // PostgreSQL text cannot hold NUL at all, so NUL is left out everywhere.
    await fc.assert(
      fc.asyncProperty(values.filter((v) => !v.includes('\0')), async (value) => {
        id += 1
        await conn.execute(inlineParameters(conn.dialect, { sql: 'INSERT INTO vals (id, v) VALUES (?, ?)', params: [id, value] }))
        const rows = await conn.query<{ v: string }>('SELECT v FROM vals WHERE id = ?', [id])
        expect(rows[0]?.v).toBe(value)
      }),
      { numRuns: 150 },
    )
  })

  it('inlines NULL, numbers and booleans that read back as themselves', async () => {
    await conn.execute('CREATE TABLE mixed (id INTEGER PRIMARY KEY, n INTEGER, v TEXT)')
    await conn.execute(inlineParameters(conn.dialect, { sql: 'INSERT INTO mixed (id, n, v) VALUES (?, ?, ?)', params: [1, -42, null] }))
    expect(await conn.query('SELECT id, n, v FROM mixed')).toEqual([{ id: 1, n: -42, v: null }])
  })
})
