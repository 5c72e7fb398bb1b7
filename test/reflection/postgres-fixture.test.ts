/**
 * A real-world-shaped PostgreSQL schema, loaded with psql, reflected
 * without error or loss.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql, sqlText, type SqlFragment } from '../../src/schema/sql.js'
import {
  findTable,
  reflect,
  type ReflectedCheck,
  type ReflectedForeignKey,
  type ReflectedSchema,
} from '../../src/dialect/reflector.js'
import type { TestDatabase } from '../support/databases.js'
import { loadReflectedFixture, reflectedLookups } from '../support/reflected-fixture.js'

const text = (value: unknown) => (typeof value === 'string' ? value : sqlText(value as SqlFragment))

describe('PostgreSQL: the shop fixture', () => {
  let db: TestDatabase
  let schema: ReflectedSchema

  beforeAll(async () => {
    ;({ db, schema } = await loadReflectedFixture('postgres', 'test/fixtures/reflection/postgres-shop.sql', { schemas: [null, 'billing'] }))
  }, 60_000)
  afterAll(() => db?.drop())

  const { table, column, index } = reflectedLookups(() => schema)

  it('reads tables of both schemas, the default one as schema null', () => {
    expect(schema.tables.map((t) => [t.schema, t.name])).toEqual([
      [null, 'customers'],
      [null, 'order_lines'],
      [null, 'orders'],
      [null, 'products'],
      ['billing', 'invoices'],
    ])
  })

  it('lists views and materialized views apart from tables', () => {
    expect(schema.views).toEqual([
      { schema: null, name: 'customer_emails', materialized: false },
      { schema: 'billing', name: 'daily_totals', materialized: true },
    ])
  })

  it('reads enum types of both schemas with their values', () => {
    expect(schema.enums).toEqual([
      { schema: null, name: 'order_status', values: ['pending', 'paid', 'shipped', 'cancelled'] },
      { schema: 'billing', name: 'currency', values: ['EUR', 'USD', "it's"] },
    ])
  })

  it('reads only the default schema when no schemas are given', async () => {
    const conn = await db.connect()
    const only = await reflect(conn)
    await conn.close()
    expect(only.tables.map((t) => t.name)).toEqual(['customers', 'order_lines', 'orders', 'products'])
    expect(only.enums.map((e) => e.name)).toEqual(['order_status'])
  })

  it('asks includeName about schemas, views and enums as well as tables', async () => {
    const asked: string[] = []
    const conn = await db.connect()
    const filtered = await reflect(conn, {
      schemas: [null, 'billing'],
      includeName: (name, kind, { schema }) => {
        asked.push(`${kind}:${schema ?? '-'}.${name}`)
        return !(kind === 'view' && name === 'customer_emails') && !(kind === 'enum' && name === 'currency') && !(kind === 'schema' && name === 'nowhere')
      },
    })
    await conn.close()
    expect(asked).toEqual(expect.arrayContaining(['schema:-.public', 'schema:-.billing', 'table:billing.invoices', 'view:-.customer_emails', 'enum:billing.currency']))
    expect(filtered.views.map((v) => v.name)).toEqual(['daily_totals'])
    expect(filtered.enums.map((e) => e.name)).toEqual(['order_status'])
    // A column of a filtered-out enum type still knows its type.
    expect(findTable(filtered, 'invoices', 'billing')!.column('currency')!.type).toMatchObject({ kind: 'enum', name: 'currency' })
  })

  it('keeps defaults as the database canonical text', () => {
    expect(text(column('customers', 'public_id').serverDefault)).toBe('gen_random_uuid()')
    expect(text(column('customers', 'created_at').serverDefault)).toBe('now()')
    expect(text(column('customers', 'updated_at').serverDefault)).toBe('CURRENT_TIMESTAMP')
    expect(text(column('customers', 'preferences').serverDefault)).toBe("'{}'::jsonb")
    expect(text(column('orders', 'status').serverDefault)).toBe("'pending'::order_status")
    expect(text(column('invoices', 'currency', 'billing').serverDefault)).toBe("'EUR'::billing.currency")
    expect(text(column('products', 'discontinued').serverDefault)).toBe('false')
  })

  it('maps types to the portable vocabulary and keeps the native text', () => {
    expect(column('customers', 'email')).toMatchObject({ type: { kind: 'string', length: 255 }, nativeType: 'character varying(255)' })
    expect(column('customers', 'preferences').type).toEqual({ kind: 'jsonb' })
    expect(column('customers', 'tags').type).toEqual({ kind: 'array', of: { kind: 'text' } })
    expect(column('customers', 'created_at').type).toEqual({ kind: 'datetime', timezone: true })
    expect(column('products', 'price').type).toEqual({ kind: 'numeric', precision: 10, scale: 2 })
    expect(column('products', 'sku')).toMatchObject({ type: { kind: 'custom', name: 'character(12)' }, nativeType: 'character(12)' })
    expect(column('products', 'weight_grams').type).toEqual({ kind: 'custom', name: 'positive_int' })
    expect(column('invoices', 'currency', 'billing').type).toEqual({ kind: 'enum', name: 'currency', values: ['EUR', 'USD', "it's"] })
  })

  it('tells identity, serial and plain columns apart', () => {
    expect(column('customers', 'id')).toMatchObject({ autoincrement: true, autoincrementKind: 'identityAlways', serverDefault: null })
    expect(column('orders', 'id')).toMatchObject({ autoincrement: true, autoincrementKind: 'identityByDefault' })
    expect(column('products', 'id')).toMatchObject({ autoincrement: true, autoincrementKind: 'serial', sequence: 'products_id_seq', serverDefault: null })
    expect(column('invoices', 'id', 'billing')).toMatchObject({ type: { kind: 'bigint' }, autoincrementKind: 'serial' })
    expect(column('order_lines', 'line_no')).toMatchObject({ autoincrement: false, autoincrementKind: null })
  })

  it('reads a stored generated column with its expression and no default', () => {
    expect(column('orders', 'total_cents')).toMatchObject({ generated: { expression: sql.raw('0'), stored: true }, serverDefault: null })
  })

  it('reads column and table comments', () => {
    expect(table('customers').comment).toBe('people who buy')
    expect(column('customers', 'email').comment).toBe('login, unique case-insensitively')
    expect(table('invoices', 'billing').comment).toBe('one per order')
    expect(table('orders').comment).toBeNull()
  })

  it('reads nullability and a non-default collation', () => {
    expect(column('customers', 'email').nullable).toBe(false)
    expect(column('customers', 'display_name')).toMatchObject({ nullable: true, collation: 'C' })
    expect(column('customers', 'email').collation).toBeNull()
  })

  it('reads a quoted awkward identifier as its plain name', () => {
    expect(table('products').column('Weird "Name"')?.type).toEqual({ kind: 'smallint' })
  })

  it('reads a composite primary key with its name and order', () => {
    expect(table('order_lines').primaryKey).toEqual({ kind: 'primaryKey', name: 'order_lines_pkey', columns: ['order_id', 'line_no'] })
  })

  it('reads unique constraints apart from unique indexes', () => {
    expect(table('customers').constraints.filter((c) => c.kind === 'unique')).toEqual([{ kind: 'unique', name: 'customers_public_id_key', columns: ['public_id'] }])
    expect(index('customers', 'customers_email_lower_key')).toMatchObject({ unique: true, expressions: [expect.anything()] })
  })

  it('reads check constraints as the database prints them, NOT VALID included', () => {
    const checks = (name: string) => table(name).constraints.filter((c): c is ReflectedCheck => c.kind === 'check')
    expect(checks('products').map((c) => [c.name, text(c.expression)])).toEqual([['products_price_check', 'price >= 0::numeric']])
    expect(checks('order_lines')).toMatchObject([{ name: 'order_lines_quantity_check', notValid: true }])
    expect(text(checks('customers')[0]!.expression)).toBe("POSITION(('@'::text) IN (email)) > 1")
  })

  it('reads a self-referencing foreign key', () => {
    expect(table('customers').foreignKeys).toEqual([
      expect.objectContaining({ columns: ['referred_by'], referredTable: 'customers', referredColumns: ['id'], onDelete: 'set null', onUpdate: null }),
    ])
  })

  it('reads actions and deferrability of a foreign key', () => {
    expect(table('orders').foreignKeys[0]).toMatchObject({
      name: 'orders_customer_fk',
      onDelete: 'cascade',
      onUpdate: 'restrict',
      deferrable: 'initiallyDeferred',
      notValid: false,
    })
  })

  it('reads cross-schema foreign keys, NOT VALID and MATCH FULL', () => {
    const fks = table('invoices', 'billing').foreignKeys as readonly ReflectedForeignKey[]
    expect(fks.find((f) => f.name === 'invoices_order_fk')).toMatchObject({ referredSchema: null, referredTable: 'orders', notValid: true, match: null })
    expect(fks.find((f) => f.name === 'invoices_line_fk')).toMatchObject({
      columns: ['order_id', 'line_no'],
      referredTable: 'order_lines',
      referredColumns: ['order_id', 'line_no'],
      match: 'full',
    })
  })

  it('reads an expression index as the database prints the expression', () => {
    expect(index('customers', 'customers_email_lower_key').expressions.map(text)).toEqual(['lower(email::text)'])
  })

  it('reads sort order and INCLUDE columns of an index', () => {
    expect(index('customers', 'customers_recent_idx')).toMatchObject({ expressions: ['created_at'], sortOrders: ['DESC NULLS LAST'], include: ['display_name'] })
  })

  it('reads a gin index with its non-default operator class', () => {
    expect(index('customers', 'customers_preferences_gin')).toMatchObject({ method: 'gin', opclasses: ['jsonb_path_ops'] })
  })

  it('reads partial index predicates', () => {
    expect(text(index('products', 'products_active_title_idx').where)).toBe('NOT discontinued')
    expect(text(index('orders', 'orders_open_idx').where)).toBe("status <> ALL (ARRAY['shipped'::order_status, 'cancelled'::order_status])")
  })

  it('does not report the indexes behind primary keys and unique constraints as indexes', () => {
    expect(table('customers').indexes.map((i) => i.name).sort()).toEqual(['customers_email_lower_key', 'customers_preferences_gin', 'customers_recent_idx'])
    expect(table('order_lines').indexes).toEqual([])
  })
})
