/**
 * Issue 14: schema objects exported from a models module are collected
 * beside its tables, once each, and a kind the target database does not
 * have is refused before anything is compared.
 */
import { describe, expect, it } from 'vitest'
import { collectModels } from '../../src/api/load-models.js'
import { compareWithConnection } from '../../src/autogenerate/autogenerate.js'
import { openConnection } from '../../src/dialect/connect.js'
import { fn, view } from '../../src/schema/objects/object-declarations.js'
import { itemsTable } from './object-fixtures.js'

describe('schema objects in a models module', () => {
  it('are collected from exports and from objects of exports, once each', () => {
    const cheap = view('cheap_items', 'SELECT id FROM items WHERE price < 10')
    const addOne = fn('add_one(x integer)', 'RETURNS integer LANGUAGE sql AS $$ SELECT x + 1 $$')
    const models = collectModels([...itemsTable(), cheap, { addOne, cheap }])
    expect(models.objects).toEqual([cheap, addOne])
    expect(models.tables.map((t) => t.name)).toEqual(['items'])
  })

  it('refuses two different objects of one kind and name', () => {
    expect(() => collectModels([view('v', 'SELECT 1'), view('v', 'SELECT 2')])).toThrow(/define view "v" twice/)
  })

  it('refuses, on SQLite, a function SQLite cannot hold', async () => {
    const conn = await openConnection('sqlite::memory:')
    try {
      const models = { tables: itemsTable(), objects: [fn('add_one(x integer)', 'RETURNS integer AS $$ SELECT x + 1 $$')] }
      await expect(compareWithConnection(conn, models, { versionTable: 'athanor_version' })).rejects.toThrow(/sqlite has no functions/i)
    } finally {
      await conn.close()
    }
  })
})
