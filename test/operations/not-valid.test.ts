/**
 * `notValid` and `op.validateConstraint`: PostgreSQL adds the constraint
 * without checking existing rows and checks them when validated; MariaDB
 * ignores the switch and checks at once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DatabaseConnection } from '../../src/dialect/dialect.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'
import { connectionExecutor, operationsOn } from './executors.js'

describe.each(['postgres', 'pglite'] as const)('notValid on %s', (kind) => {
  let db: TestDatabase
  let conn: DatabaseConnection
  beforeEach(async () => {
    db = await createTestDatabase(kind)
    conn = await db.connect()
    await conn.execute('CREATE TABLE parent (id INTEGER PRIMARY KEY)')
    await conn.execute('CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER, n INTEGER)')
    await conn.execute('INSERT INTO child (id, parent_id, n) VALUES (1, 99, -1)')
  })
  afterEach(() => db.drop())

  it('adds a foreign key and a check over rows that break them, and validateConstraint then fails on those rows', async () => {
    const executor = connectionExecutor(conn)
    const op = operationsOn(executor)
    await op.createForeignKey('fk_child_parent', 'child', 'parent', ['parent_id'], ['id'], { notValid: true })
    await op.createCheckConstraint('ck_child_n', 'child', 'n >= 0', { notValid: true })
    expect(executor.statements.map((s) => s.sql)).toEqual([
      'ALTER TABLE "child" ADD CONSTRAINT "fk_child_parent" FOREIGN KEY ("parent_id") REFERENCES "parent" ("id") NOT VALID',
      'ALTER TABLE "child" ADD CONSTRAINT "ck_child_n" CHECK (n >= 0) NOT VALID',
    ])
    const valid = await conn.query<{ conname: string; convalidated: boolean }>("SELECT conname, convalidated FROM pg_constraint WHERE conrelid = 'child'::regclass AND contype IN ('f', 'c') ORDER BY conname")
    expect(valid).toEqual([
      { conname: 'ck_child_n', convalidated: false },
      { conname: 'fk_child_parent', convalidated: false },
    ])
    await expect(op.validateConstraint('fk_child_parent', 'child')).rejects.toThrow(/violates foreign key constraint/)
  })

  it('validates a constraint once the rows agree', async () => {
    const op = operationsOn(connectionExecutor(conn))
    await op.createCheckConstraint('ck_child_n', 'child', 'n >= 0', { notValid: true })
    await conn.execute('UPDATE child SET n = 0')
    await op.validateConstraint('ck_child_n', 'child')
    const rows = await conn.query<{ convalidated: boolean }>("SELECT convalidated FROM pg_constraint WHERE conname = 'ck_child_n'")
    expect(rows).toEqual([{ convalidated: true }])
  })
})

describe('notValid on mysql', () => {
  let db: TestDatabase
  afterEach(() => db.drop())
  it('is ignored: the key is checked when added, and validateConstraint runs nothing', async () => {
    db = await createTestDatabase('mysql')
    const conn = await db.connect()
    await conn.execute('CREATE TABLE parent (id INTEGER PRIMARY KEY)')
    await conn.execute('CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER)')
    await conn.execute('INSERT INTO child (id, parent_id) VALUES (1, 99)')
    const executor = connectionExecutor(conn)
    const op = operationsOn(executor)
    await expect(op.createForeignKey('fk_child_parent', 'child', 'parent', ['parent_id'], ['id'], { notValid: true })).rejects.toThrow(/foreign key constraint fails/i)
    const before = executor.statements.length
    // A fresh op: the first one refuses every op after its failure.
    await operationsOn(executor).validateConstraint('fk_child_parent', 'child')
    expect(executor.statements.length).toBe(before)
  })
})
