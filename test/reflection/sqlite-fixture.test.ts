/**
 * A real-world-shaped SQLite schema, loaded with better-sqlite3's exec,
 * reflected without error or loss.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { sql, sqlText, type SqlFragment } from '../../src/schema/sql.js'
import type { ReflectedSchema } from '../../src/dialect/reflector.js'
import { reflectedLookups, reflectSqlFixture } from '../support/reflected-fixture.js'

const text = (value: unknown) => (typeof value === 'string' ? value : sqlText(value as SqlFragment))

describe('SQLite: the shop fixture', () => {
  let schema: ReflectedSchema

  beforeAll(async () => {
    schema = await reflectSqlFixture('sqlite', 'test/fixtures/reflection/sqlite-shop.sql')
  }, 60_000)

  const { table, column, index } = reflectedLookups(() => schema)

  it('reads every table (not sqlite_sequence) and lists the view apart', () => {
    expect(schema.tables.map((t) => t.name)).toEqual(['customers', 'invoices', 'order_lines', 'orders', 'products'])
    expect(schema.views).toEqual([{ schema: null, name: 'customer_emails', materialized: false }])
    expect(schema.defaultSchema).toBe('main')
  })

  it('maps declared types to the portable vocabulary and keeps the declared text', () => {
    expect(column('customers', 'email')).toMatchObject({ type: { kind: 'string', length: 255 }, nativeType: 'VARCHAR(255)' })
    expect(column('customers', 'preferences').type).toEqual({ kind: 'json' })
    expect(column('products', 'price').type).toEqual({ kind: 'numeric', precision: 10, scale: 2 })
    expect(column('products', 'discontinued').type).toEqual({ kind: 'boolean' })
    expect(column('products', 'sku').type).toEqual({ kind: 'custom', name: 'CHAR(12)' })
  })

  it('keeps defaults as written in the CREATE TABLE', () => {
    expect(text(column('customers', 'created_at').serverDefault)).toBe('CURRENT_TIMESTAMP')
    expect(text(column('customers', 'updated_at').serverDefault)).toBe("datetime('now')")
    expect(text(column('customers', 'preferences').serverDefault)).toBe("'{}'")
    expect(text(column('customers', 'nickname').serverDefault)).toBe("'it''s me'")
  })

  it('tells AUTOINCREMENT, a rowid alias and a WITHOUT ROWID key apart', () => {
    expect(column('customers', 'id')).toMatchObject({ autoincrement: true, autoincrementKind: 'sqliteAutoincrement', nullable: false })
    expect(column('products', 'id')).toMatchObject({ autoincrement: false, autoincrementKind: 'rowid', nullable: false })
    expect(column('order_lines', 'order_id')).toMatchObject({ autoincrement: false, autoincrementKind: null })
    expect(column('invoices', 'code')).toMatchObject({ autoincrementKind: null, primaryKey: true })
  })

  it('reads generated columns with their expression, virtual and stored', () => {
    expect(column('orders', 'note_length').generated).toEqual({ expression: sql.raw('length(note)'), stored: false })
    expect(column('orders', 'shout, loud').generated).toEqual({ expression: sql.raw("upper(note || ')')"), stored: true })
    expect(column('orders', 'note').generated).toBeNull()
  })

  it('reads a COLLATE clause', () => {
    expect(column('customers', 'display_name').collation).toBe('NOCASE')
  })

  it('reads primary keys with their constraint name and order', () => {
    expect(table('orders').primaryKey).toEqual({ kind: 'primaryKey', name: 'orders_pkey', columns: ['id'] })
    expect(table('order_lines').primaryKey).toEqual({ kind: 'primaryKey', name: null, columns: ['order_id', 'line_no'] })
  })

  it('reads named and unnamed unique constraints apart from unique indexes', () => {
    expect(table('customers').constraints.filter((c) => c.kind === 'unique')).toEqual([{ kind: 'unique', name: 'customers_email_key', columns: ['email'] }])
    expect(table('products').constraints.filter((c) => c.kind === 'unique')).toEqual([{ kind: 'unique', name: null, columns: ['sku'] }])
    expect(index('customers', 'customers_email_lower_key')).toMatchObject({ unique: true })
  })

  it('reads named and unnamed checks as written', () => {
    const checks = (name: string) => table(name).constraints.flatMap((c) => (c.kind === 'check' ? [[c.name, text(c.expression)]] : []))
    expect(checks('customers')).toEqual([['customers_email_check', "instr(email, '@') > 1"]])
    expect(checks('products')).toEqual([[null, 'price >= 0']])
    expect(checks('order_lines')).toEqual([[null, 'quantity > 0']])
  })

  it('reads a self-referencing foreign key with its action', () => {
    expect(table('customers').foreignKeys).toEqual([
      expect.objectContaining({ name: null, columns: ['referred_by'], referredTable: 'customers', referredColumns: ['id'], onDelete: 'set null' }),
    ])
  })

  it('reads a named, deferrable foreign key with both actions', () => {
    expect(table('orders').foreignKeys[0]).toMatchObject({ name: 'orders_customer_fk', onDelete: 'cascade', onUpdate: 'restrict', deferrable: 'initiallyDeferred' })
  })

  it('resolves a foreign key that names no referred column to the referred primary key', () => {
    expect(table('order_lines').foreignKeys.find((f) => f.referredTable === 'orders')).toMatchObject({ columns: ['order_id'], referredColumns: ['id'], onDelete: 'cascade' })
  })

  it('reads a composite foreign key in column order', () => {
    expect(table('invoices').foreignKeys).toEqual([
      expect.objectContaining({ columns: ['order_id', 'line_no'], referredTable: 'order_lines', referredColumns: ['order_id', 'line_no'] }),
    ])
  })

  it('reads expression, partial and descending indexes', () => {
    expect(index('customers', 'customers_email_lower_key').expressions.map(text)).toEqual(['lower(email)'])
    expect(text(index('products', 'products_active_title_idx').where)).toBe('NOT discontinued')
    expect(index('orders', 'orders_customer_placed')).toMatchObject({ expressions: ['customer_id', 'placed_at'], sortOrders: [null, 'DESC'] })
  })

  it('does not report the automatic indexes of primary keys and unique constraints as indexes', () => {
    expect(table('products').indexes.map((i) => i.name)).toEqual(['products_active_title_idx'])
    expect(table('invoices').indexes).toEqual([])
  })
})
