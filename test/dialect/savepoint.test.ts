import { describe, expect, it } from 'vitest'
import { mysqlDialect } from '../../src/dialect/mysql/mysql-dialect.js'
import { postgresDialect } from '../../src/dialect/postgres/postgres-dialect.js'
import { sqliteDialect } from '../../src/dialect/sqlite/sqlite-dialect.js'
import { createTestDatabase, type TestDatabaseKind } from '../support/databases.js'

describe('savepoint statements', () => {
  it('quote the name as each dialect quotes identifiers', () => {
    expect(sqliteDialect.savepoint('a"b').begin).toBe('SAVEPOINT "a""b"')
    expect(postgresDialect.savepoint('sp').rollback).toBe('ROLLBACK TO SAVEPOINT "sp"')
    expect(mysqlDialect.savepoint('a`b').release).toBe('RELEASE SAVEPOINT `a``b`')
  })
})

describe.each<TestDatabaseKind>(['sqlite', 'postgres', 'mysql'])('a savepoint on %s', (kind) => {
  it('undoes the work after it and keeps the work before it', async () => {
    const db = await createTestDatabase(kind)
    const conn = await db.connect()
    try {
      await conn.execute('CREATE TABLE kept (n INTEGER)')
      await conn.begin()
      await conn.execute('INSERT INTO kept (n) VALUES (1)')
      const savepoint = conn.dialect.savepoint('sp_test')
      await conn.execute(savepoint.begin)
      await conn.execute('INSERT INTO kept (n) VALUES (2)')
      await conn.execute(savepoint.rollback)
      await conn.execute(savepoint.release)
      await conn.commit()
      expect((await conn.query<{ n: number }>('SELECT n FROM kept')).map((row) => Number(row.n))).toEqual([1])
    } finally {
      await conn.close()
      await db.drop()
    }
  })
})
