/** How Drizzle's table config reads as athanor tables (no database needed). */
import { sql } from 'drizzle-orm'
import { index, integer, pgTable, serial, timestamp, varchar } from 'drizzle-orm/pg-core'
import { describe, expect, it } from 'vitest'
import { loadModels } from '../../../src/api/load-models.js'
import { readDrizzleTables } from '../../../src/models/drizzle/drizzle-models.js'
import { join } from 'node:path'

describe('Drizzle tables as models', () => {
  it('reads columns, types, defaults, keys and Drizzle-named constraints from pg-core', async () => {
    const { tables } = await loadModels(join(import.meta.dirname, 'fixtures', 'pg-shop.ts'))
    const users = tables.find((t) => t.name === 'users')!
    expect(users.column('id')).toMatchObject({ type: { kind: 'integer' }, autoincrement: true, primaryKey: true, nullable: false })
    expect(users.column('email')).toMatchObject({ key: 'email', type: { kind: 'string', length: 255 }, nullable: false })
    expect(users.column('org_id')?.key).toBe('orgId')
    expect(users.column('active')?.serverDefault).toBe(true)
    expect(users.foreignKeys[0]).toMatchObject({ name: 'users_org_id_organizations_id_fk', referredTable: 'organizations', onDelete: 'cascade', onUpdate: null })
    const orders = tables.find((t) => t.name === 'orders')!
    expect(orders.column('status')?.type).toEqual({ kind: 'enum', name: 'order_status', values: ['new', 'paid', 'shipped'] })
    const lines = tables.find((t) => t.name === 'order_lines')!
    expect(lines.primaryKey).toEqual({ kind: 'primaryKey', name: 'pk_order_lines', columns: ['order_id', 'line_no'] })
    expect(tables.find((t) => t.name === 'reviews')!.indexes.map((i) => i.name)).toEqual(['reviews_product_id_stars_index'])
    expect(tables).toHaveLength(12)
  })

  it('turns a Drizzle sql`` check into identifiers and literals for the dialect to write', async () => {
    const t = pgTable('t', { n: integer() }, (c) => [index('ix_t').on(c.n).where(sql`${c.n} > ${5}`)])
    const { tables } = await readDrizzleTables([t as never])
    expect(tables[0]!.indexes[0]!.where?.parts).toEqual([{ identifier: 'n' }, { text: ' > ' }, { value: 5 }])
  })

  it('says that a $defaultFn and an $onUpdate never reach the database', async () => {
    const t = pgTable('t', { id: serial().primaryKey(), token: varchar().$defaultFn(() => 'x'), at: timestamp().$onUpdate(() => new Date()) })
    const { tables, notes } = await readDrizzleTables([t as never])
    expect(tables[0]!.column('token')?.serverDefault).toBeNull()
    expect(notes).toEqual([
      't.token: $defaultFn runs in the application; the database gets no default for it',
      't.at: $onUpdate runs in the application; the database gets no default for it',
    ])
  })

  it('refuses an unnamed index over an expression, since no name could be derived', async () => {
    const t = pgTable('t', { n: varchar() }, (c) => [index().on(sql`lower(${c.n})`)])
    await expect(readDrizzleTables([t as never])).rejects.toMatchObject({ code: 'E_CONFIG', message: expect.stringMatching(/index over an expression .* has no name/) })
  })
})
