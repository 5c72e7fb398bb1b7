import { describe, expect, it } from 'vitest'
import { DatabaseError } from '../../src/errors.js'
import { ALL_DATABASES, createTestDatabase } from '../support/databases.js'
import { freshDatabaseEachTest } from '../support/fresh-database.js'
import type { DatabaseConnection } from '../../src/dialect/dialect.js'

describe.each(ALL_DATABASES)('closing a %s connection', (kind) => {
  let conn: DatabaseConnection
  freshDatabaseEachTest(kind, (opened) => {
    conn = opened
  })

  it('can be closed twice', async () => {
    await conn.close()
    await expect(conn.close()).resolves.toBeUndefined()
  })

  it('refuses statements afterwards with a DatabaseError, still counting them', async () => {
    await conn.execute('SELECT 1')
    await conn.close()
    await expect(conn.query('SELECT 1')).rejects.toBeInstanceOf(DatabaseError)
    expect(conn.statementCount).toBe(2)
  })
})

describe('closing one of two connections on a PGlite directory', () => {
  it('refuses statements on the closed one while the other keeps working', async () => {
    const db = await createTestDatabase('pglite')
    try {
      const [first, second] = [await db.connect(), await db.connect()]
      await first.close()
      await expect(first.query('SELECT 1')).rejects.toBeInstanceOf(DatabaseError)
      expect(await second.query('SELECT 1 AS one')).toEqual([{ one: 1 }])
    } finally {
      await db.drop()
    }
  })
})
