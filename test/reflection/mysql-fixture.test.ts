/**
 * A real-world-shaped MariaDB schema, loaded with the mariadb shell,
 * reflected without error or loss.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { sql, sqlText, type SqlFragment } from '../../src/schema/sql.js'
import type { ReflectedSchema } from '../../src/dialect/reflector.js'
import { reflectedLookups, reflectSqlFixture } from '../support/reflected-fixture.js'

const text = (value: unknown) => (typeof value === 'string' ? value : sqlText(value as SqlFragment))

describe('MariaDB: the shop fixture', () => {
  let schema: ReflectedSchema

  beforeAll(async () => {
    schema = await reflectSqlFixture('mysql', 'test/fixtures/reflection/mysql-shop.sql')
  }, 60_000)

  const { table, column, index } = reflectedLookups(() => schema)

  it('reads every table of the database, as schema null, and lists the view apart', () => {
    expect(schema.tables.map((t) => [t.schema, t.name])).toEqual([
      [null, 'customers'],
      [null, 'invoices'],
      [null, 'order_lines'],
      [null, 'orders'],
      [null, 'products'],
    ])
    expect(schema.views).toEqual([{ schema: null, name: 'customer_emails', materialized: false }])
  })

  it('maps types to the portable vocabulary and keeps the native text', () => {
    expect(column('customers', 'email')).toMatchObject({ type: { kind: 'string', length: 255 }, nativeType: 'varchar(255)' })
    expect(column('customers', 'is_active').type).toEqual({ kind: 'boolean' })
    expect(column('customers', 'created_at').type).toEqual({ kind: 'datetime', timezone: true })
    expect(column('customers', 'id')).toMatchObject({ type: { kind: 'bigint' }, nativeType: 'bigint(20)' })
    expect(column('products', 'price').type).toEqual({ kind: 'numeric', precision: 10, scale: 2 })
    expect(column('products', 'description').type).toEqual({ kind: 'mediumtext' })
    expect(column('products', 'sku').type).toEqual({ kind: 'custom', name: 'char(12)' })
    expect(column('products', 'weight_grams').type).toEqual({ kind: 'custom', name: 'int(10) unsigned' })
    expect(column('orders', 'placed_at')).toMatchObject({ type: { kind: 'datetime', timezone: false }, nativeType: 'datetime(3)' })
  })

  it("reads MariaDB's JSON (LONGTEXT with a json_valid check) as json, without that check", () => {
    expect(column('customers', 'preferences')).toMatchObject({ type: { kind: 'json' }, nativeType: 'json', collation: null })
    expect(table('customers').constraints.filter((c) => c.kind === 'check').map((c) => c.name)).toEqual(['customers_email_check'])
  })

  it('recognises MariaDB JSON under a name that needs quoting', () => {
    expect(column('products', 'odd`json').type).toEqual({ kind: 'json' })
    expect(table('products').constraints.filter((c) => c.kind === 'check').map((c) => c.name)).toEqual(['products_price_check'])
  })

  it('reads an inline enum, named after its column, with awkward values', () => {
    expect(column('products', 'status')).toMatchObject({
      type: { kind: 'enum', name: 'status', values: ['draft', 'live', "it's gone"] },
      serverDefault: { kind: 'sql', parts: [{ text: "'draft'" }] },
    })
  })

  it('keeps defaults as MariaDB prints them, and an explicit DEFAULT NULL as no default', () => {
    expect(text(column('customers', 'created_at').serverDefault)).toBe('current_timestamp()')
    expect(text(column('customers', 'nickname').serverDefault)).toBe("'it''s me'")
    expect(text(column('customers', 'is_active').serverDefault)).toBe('1')
    expect(text(column('invoices', 'issued_on').serverDefault)).toBe('curdate()')
    expect(column('customers', 'referred_by').serverDefault).toBeNull()
  })

  it('reads ON UPDATE, AUTO_INCREMENT and generated columns', () => {
    expect(text(column('customers', 'updated_at').onUpdate)).toBe('current_timestamp()')
    expect(column('customers', 'id')).toMatchObject({ autoincrement: true, autoincrementKind: 'autoIncrement' })
    expect(column('orders', 'total_cents')).toMatchObject({ generated: { expression: sql.raw('0'), stored: true }, serverDefault: null })
  })

  it('reads comments and a collation that differs from the table default', () => {
    expect(table('customers').comment).toBe('people who buy')
    expect(table('orders').comment).toBeNull()
    expect(column('customers', 'email').comment).toBe('login')
    expect(column('customers', 'display_name').collation).toBe('utf8mb4_bin')
    expect(column('customers', 'email').collation).toBeNull()
  })

  it('reads an awkward identifier as its plain name', () => {
    expect(table('products').column('Weird `Name`')?.type).toEqual({ kind: 'smallint' })
  })

  it('reads a composite primary key in key order', () => {
    expect(table('order_lines').primaryKey).toEqual({ kind: 'primaryKey', name: null, columns: ['order_id', 'line_no'] })
  })

  it('reads unique keys as unique constraints', () => {
    expect(table('products').constraints.filter((c) => c.kind === 'unique')).toEqual([{ kind: 'unique', name: 'products_sku_key', columns: ['sku'] }])
  })

  it('reads check constraints as MariaDB prints them', () => {
    const checks = table('order_lines').constraints.filter((c) => c.kind === 'check')
    expect(checks.map((c) => [c.name, text(c.kind === 'check' ? c.expression : null)])).toEqual([
      ['order_lines_quantity_check', '`quantity` > 0'],
      ['positive', '`line_no` > 0'],
    ])
  })

  it('keeps checks of the same name on different tables apart, and JSON columns of the same name too', () => {
    const checkTexts = (name: string) => table(name).constraints.flatMap((c) => (c.kind === 'check' && c.name === 'positive' ? [text(c.expression)] : []))
    expect(checkTexts('invoices')).toEqual(['`amount` > 0'])
    expect(checkTexts('order_lines')).toEqual(['`line_no` > 0'])
    expect(column('invoices', 'meta').type).toEqual({ kind: 'json' })
    expect(column('order_lines', 'meta').type).toEqual({ kind: 'json' })
  })

  it('reads self-referencing, composite and cascading foreign keys', () => {
    expect(table('customers').foreignKeys).toEqual([
      expect.objectContaining({ name: 'customers_referred_fk', referredTable: 'customers', referredColumns: ['id'], onDelete: 'set null', onUpdate: null }),
    ])
    expect(table('invoices').foreignKeys).toEqual([
      expect.objectContaining({ name: 'invoices_line_fk', columns: ['order_id', 'line_no'], referredTable: 'order_lines', referredColumns: ['order_id', 'line_no'] }),
    ])
    expect(table('orders').foreignKeys[0]).toMatchObject({ onDelete: 'cascade', onUpdate: 'cascade', referredSchema: null })
  })

  it('reads prefix, FULLTEXT and descending indexes', () => {
    expect(index('customers', 'customers_name_prefix')).toMatchObject({ expressions: ['display_name'], prefixLengths: [10] })
    expect(index('products', 'products_text')).toMatchObject({ method: 'FULLTEXT', expressions: ['title', 'description'] })
    expect(index('orders', 'orders_customer_placed')).toMatchObject({ expressions: ['customer_id', 'placed_at'], sortOrders: [null, 'DESC'] })
  })

  it("does not report the indexes InnoDB makes for foreign keys", () => {
    expect(table('order_lines').indexes.map((i) => i.name)).toEqual([])
    expect(table('customers').indexes.map((i) => i.name)).toEqual(['customers_name_prefix'])
  })
})
