/**
 * Issue 11: generated columns (`GENERATED ALWAYS AS … STORED|VIRTUAL`) are
 * part of the vocabulary on every database: created from the models, read
 * back, compared, and written into revision files.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { reflect } from '../../src/dialect/reflector.js'
import { MetaData, sql, t, table } from '../../src/schema/index.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'
import { revisionLoop, type RevisionLoop } from './revision-loop.js'

function models(stored: boolean, expression = 'price * quantity') {
  const metadata = new MetaData()
  table(
    'order_lines',
    {
      id: t.integer().primaryKey(),
      price: t.integer().notNull(),
      quantity: t.integer().notNull(),
      total: t.integer().generatedAs(sql.raw(expression), { stored }),
    },
    { metadata },
  )
  return metadata.tables
}

const CASES = [
  ['postgres', [true]],
  ['mysql', [true, false]],
  ['sqlite', [true, false]],
] as const

describe.each(CASES)('generated columns on %s', (kind, storedKinds) => {
  let db: TestDatabase | undefined
  let loop: RevisionLoop | undefined
  afterEach(async () => {
    loop?.remove()
    await db?.drop()
  })

  it.each(storedKinds)('round-trips a generated column (stored: %s) through a revision file', async (stored) => {
    db = await createTestDatabase(kind)
    loop = await revisionLoop(db)
    const tables = models(stored)
    const first = await loop.autogenerate(tables)
    expect(first.source).toContain(`.generatedAs(sql\`price * quantity\`${stored ? '' : ', { stored: false }'})`)
    await loop.upgrade()
    const column = (await reflect(loop.conn)).tables[0]!.column('total')!
    expect(column.generated?.stored).toBe(stored)
    expect((await reflect(loop.conn)).notCarried).toEqual([])
    await loop.conn.execute('INSERT INTO order_lines (id, price, quantity) VALUES (1, 3, 4)')
    expect((await loop.conn.query('SELECT total FROM order_lines'))[0]).toEqual({ total: 12 })
    expect(await loop.diffs(tables)).toEqual([])
    // A reflected table used as the model finds nothing either.
    expect(await loop.diffs((await reflect(loop.conn)).tables)).toEqual([])
    const changed = await loop.diffs(models(stored, 'price + quantity'))
    expect(changed.map((d) => `${d.kind}:${d.column}`).sort()).toEqual(['add_column:total', 'remove_column:total'])
    await loop.downgrade()
    expect(await loop.tableNames()).toEqual([])
  })
})
