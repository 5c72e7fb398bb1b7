/**
 * Schema objects of every kind each test database has, in a first and a
 * changed definition, over one table `items (id, name, price)`: what the
 * object tests create, replace and drop.
 */
import { extension, fn, materializedView, policy, trigger, view } from '../../src/schema/objects/object-declarations.js'
import type { SchemaObject } from '../../src/schema/objects/schema-object.js'
import { MetaData, t, table } from '../../src/schema/index.js'
import type { TestDatabaseKind } from '../support/databases.js'

/** One object in two definitions (same type and name), and a query whose answer shows which one is live. */
export interface ObjectCase {
  readonly first: SchemaObject
  readonly changed: SchemaObject
}

/** The models' table every object sits on or reads. */
export function itemsTable(priceType: 'integer' | 'bigint' = 'integer') {
  const metadata = new MetaData()
  table('items', { id: t.integer().primaryKey(), name: t.string(50).notNull(), price: priceType === 'integer' ? t.integer().notNull() : t.bigint().notNull() }, { metadata })
  return metadata.tables
}

const cheapView = (limit: number) => view('cheap_items', `SELECT id, name FROM items WHERE price < ${limit}`)

const POSTGRES_CASES = (withExtension: boolean): ObjectCase[] => [
  ...(withExtension ? [{ first: extension('pg_trgm'), changed: extension('pg_trgm') }] : []),
  { first: fn('add_one(x integer)', 'RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT x + 1 $$'), changed: fn('add_one(x integer)', 'RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT x + 2 $$') },
  { first: fn('lower_name()', 'RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.name := lower(NEW.name); RETURN NEW; END $$'), changed: fn('lower_name()', 'RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.name := upper(NEW.name); RETURN NEW; END $$') },
  { first: cheapView(10), changed: cheapView(20) },
  { first: materializedView('item_count', 'SELECT count(*) AS n FROM items'), changed: materializedView('item_count', 'SELECT count(*) AS n FROM items WHERE price > 0') },
  { first: trigger('items_lower_name', { table: 'items', event: 'BEFORE INSERT', body: 'FOR EACH ROW EXECUTE FUNCTION lower_name()' }), changed: trigger('items_lower_name', { table: 'items', event: 'BEFORE INSERT OR UPDATE', body: 'FOR EACH ROW EXECUTE FUNCTION lower_name()' }) },
  { first: policy('cheap_only', { table: 'items', for: 'select', using: 'price < 10' }), changed: policy('cheap_only', { table: 'items', for: 'select', using: 'price < 20' }) },
]

const CASES: Record<TestDatabaseKind, ObjectCase[]> = {
  postgres: POSTGRES_CASES(true),
  // PGlite loads contrib extensions only when its host asks for them at start: no extension here.
  pglite: POSTGRES_CASES(false),
  sqlite: [
    { first: cheapView(10), changed: cheapView(20) },
    {
      first: trigger('items_lower_name', { table: 'items', event: 'AFTER INSERT', body: 'FOR EACH ROW BEGIN UPDATE items SET name = lower(NEW.name) WHERE id = NEW.id; END' }),
      changed: trigger('items_lower_name', { table: 'items', event: 'AFTER INSERT', body: 'FOR EACH ROW BEGIN UPDATE items SET name = upper(NEW.name) WHERE id = NEW.id; END' }),
    },
  ],
  mysql: [
    { first: fn('add_one(x INT)', 'RETURNS INT DETERMINISTIC RETURN x + 1'), changed: fn('add_one(x INT)', 'RETURNS INT DETERMINISTIC RETURN x + 2') },
    { first: cheapView(10), changed: cheapView(20) },
    {
      first: trigger('items_lower_name', { table: 'items', event: 'BEFORE INSERT', body: 'FOR EACH ROW SET NEW.name = LOWER(NEW.name)' }),
      changed: trigger('items_lower_name', { table: 'items', event: 'BEFORE INSERT', body: 'FOR EACH ROW SET NEW.name = UPPER(NEW.name)' }),
    },
  ],
}

/** A second view, which the drop test removes from the models. */
export const namedItems = view('named_items', 'SELECT name FROM items')

/** The cases of one database, in creation order. */
export function objectCases(kind: TestDatabaseKind): ObjectCase[] {
  return CASES[kind]
}
