/**
 * The setup most database tests share: a fresh database and an open
 * connection for every test of a describe block, dropped after the test.
 *
 * @example
 * describe.each(ALL_DATABASES)('ops on %s', (kind) => {
 *   let conn: DatabaseConnection
 *   freshDatabaseEachTest(kind, async (opened) => {
 *     conn = opened
 *     await conn.execute('CREATE TABLE t (a INTEGER)')
 *   })
 *   it('reads t', async () => expect(await conn.query('SELECT a FROM t')).toEqual([]))
 * })
 */
import { afterEach, beforeEach } from 'vitest'
import type { DatabaseConnection } from '../../src/dialect/dialect.js'
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from './databases.js'

/**
 * Registers, in the calling describe block, a `beforeEach` that creates a
 * database of `kind`, connects and hands the connection (and the database,
 * for tests that open more connections) to `setup`, and an `afterEach` that
 * drops the database, closing what is still open.
 */
export function freshDatabaseEachTest(
  kind: TestDatabaseKind,
  setup: (conn: DatabaseConnection, db: TestDatabase) => void | Promise<void>,
): void {
  let db: TestDatabase | undefined
  beforeEach(async () => {
    db = await createTestDatabase(kind)
    await setup(await db.connect(), db)
  })
  afterEach(async () => {
    await db?.drop()
    db = undefined
  })
}
