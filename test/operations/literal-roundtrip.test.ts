import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseConnection } from '../../src/dialect/dialect.js'
import { t } from '../../src/schema/t.js'
import { table } from '../../src/schema/table.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'
import { connectionExecutor, operationsOn, recordingExecutor } from './executors.js'

const texts = table('texts', { id: t.integer(), body: t.text() })

/**
 * Principle 2, as a property: any string written into offline SQL as a
 * literal reads back exactly. PostgreSQL text cannot hold NUL, so it is
 * left out of the alphabet there.
 */
describe.each(['sqlite', 'postgres', 'mysql'] as const)('offline literals on %s', (kind) => {
  let db: TestDatabase
  let conn: DatabaseConnection
  beforeAll(async () => {
    db = await createTestDatabase(kind)
    conn = await db.connect()
    const op = operationsOn(connectionExecutor(conn))
    await op.createTable('texts', { id: t.integer().primaryKey(), body: t.text() })
    await op.drain()
  })
  afterAll(async () => {
    await db.drop()
  })

  it('read back every string exactly as given', async () => {
    const awkwardChars = fc.constantFrom("'", '\\', '\n', '\r', '\t', '\x1a', '"', '`', '$', '%', '?', '😀', '名', kind === 'postgres' ? ' ' : '\0')
    const text = fc.array(fc.oneof(awkwardChars, fc.fullUnicode()), { maxLength: 20 }).map((chars) => chars.join(''))
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 20 }), async (bodies) => {
        const values = kind === 'postgres' ? bodies.map((b) => b.replaceAll('\0', '')) : bodies
        await conn.execute('DELETE FROM texts')
        const recorder = recordingExecutor(conn.dialect)
        await operationsOn(recorder).bulkInsert(texts, values.map((body, id) => ({ id, body })))
        for (const s of recorder.statements) await conn.execute(s.sql)
        const rows = await conn.query('SELECT body FROM texts ORDER BY id')
        expect(rows.map((r) => r.body)).toEqual(values)
      }),
      { numRuns: 40 },
    )
  })
})
