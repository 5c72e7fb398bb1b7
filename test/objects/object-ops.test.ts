/**
 * Issue 14: the create, replace and drop ops of every schema object kind a
 * database has, run on it and read back by its reflection; each replace's
 * and drop's reverse restores the definition it carried.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { DatabaseConnection } from '../../src/dialect/dialect.js'
import { CreateObjectOp, DropObjectOp, ReplaceObjectOp } from '../../src/operations/ops/object-ops.js'
import { objectKey, type SchemaObject } from '../../src/schema/objects/schema-object.js'
import { createTestDatabase, ALL_DATABASES, type TestDatabase } from '../support/databases.js'
import { connectionExecutor } from '../operations/executors.js'
import { itemsTable, objectCases } from './object-fixtures.js'

async function live(conn: DatabaseConnection): Promise<Map<string, string>> {
  const { objects } = await conn.dialect.objects.reflect(conn, { schemas: [null], types: conn.dialect.objects.types })
  return new Map(objects.map((o) => [objectKey(o.object), o.canonical]))
}

describe.each(ALL_DATABASES)('schema object ops on %s', (kind) => {
  let db: TestDatabase | undefined
  afterEach(async () => db?.drop())

  it('creates, replaces, reverses the replace, drops and reverses the drop of every kind it has', async () => {
    db = await createTestDatabase(kind)
    const conn = await db.connect()
    const executor = connectionExecutor(conn)
    for (const statement of conn.dialect.compiler.createTable(itemsTable()[0]!)) await conn.execute(statement.sql)
    const cases = objectCases(kind)
    for (const { first } of cases) await new CreateObjectOp(first).run(executor)
    const created = await live(conn)
    expect([...created.keys()].sort()).toEqual(cases.map((c) => objectKey(c.first)).sort())

    for (const { first, changed } of cases) {
      const replace = new ReplaceObjectOp(changed, first)
      await replace.run(executor)
      const key = objectKey(first)
      const replaced = (await live(conn)).get(key)
      if (first.type === 'extension') expect(replaced).toBe(created.get(key))
      else expect(replaced, key).not.toBe(created.get(key))
      await replace.reverse().run(executor)
      expect((await live(conn)).get(key), key).toBe(created.get(key))
    }

    const reversedDrops: SchemaObject[] = []
    for (const { first } of [...cases].reverse()) {
      const drop = new DropObjectOp(first)
      await drop.run(executor)
      expect((await live(conn)).has(objectKey(first))).toBe(false)
      reversedDrops.push(first)
    }
    expect((await live(conn)).size).toBe(0)
    for (const object of reversedDrops.reverse()) await new DropObjectOp(object).reverse().run(executor)
    expect(await live(conn)).toEqual(created)
  })

  it('reads every kind back with one catalog query per kind at most', async () => {
    db = await createTestDatabase(kind)
    const conn = await db.connect()
    const types = conn.dialect.objects.types
    const { queryCount } = await conn.dialect.objects.reflect(conn, { schemas: [null], types })
    expect(queryCount).toBeLessThanOrEqual(types.size + 1)
  })
})
