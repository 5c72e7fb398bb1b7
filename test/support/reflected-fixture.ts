/**
 * The shared part of the reflection fixture tests: load a SQL dump into a
 * fresh database with the database's own shell, reflect it, and look tables,
 * columns and indexes up by name, failing loudly when one was not reflected.
 *
 * @example
 * let schema: ReflectedSchema
 * beforeAll(async () => { schema = await reflectSqlFixture('mysql', 'test/fixtures/reflection/mysql-shop.sql') }, 60_000)
 * const { table, column, index } = reflectedLookups(() => schema)
 */
import { findTable, reflect, reflectedColumn, type ReflectedColumn, type ReflectedIndex, type ReflectedSchema, type ReflectOptions } from '../../src/dialect/reflector.js'
import type { Table } from '../../src/schema/table.js'
import { loadSqlFixture } from '../reflection/load-sql-fixture.js'
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from './databases.js'

/** A loaded fixture database and what was reflected from it. */
export interface LoadedFixture {
  /** The database, still there for tests that reflect again; the caller drops it. */
  readonly db: TestDatabase
  readonly schema: ReflectedSchema
}

/**
 * Creates a fresh database of `kind`, loads the SQL file (a path relative to
 * the repository root) with the database's own shell, and reflects it. The
 * database is dropped here only if loading or reflecting fails.
 *
 * @example
 * let fixture: LoadedFixture
 * beforeAll(async () => { fixture = await loadReflectedFixture('postgres', 'test/fixtures/reflection/postgres-shop.sql') }, 60_000)
 * afterAll(() => fixture?.db.drop())
 */
export async function loadReflectedFixture(kind: TestDatabaseKind, fixturePath: string, options?: ReflectOptions): Promise<LoadedFixture> {
  const db = await createTestDatabase(kind)
  try {
    await loadSqlFixture(db, fixturePath)
    const conn = await db.connect()
    try {
      return { db, schema: await reflect(conn, options) }
    } finally {
      await conn.close()
    }
  } catch (error) {
    await db.drop()
    throw error
  }
}

/**
 * {@link loadReflectedFixture} for tests that only read the result: the
 * database is dropped before returning.
 */
export async function reflectSqlFixture(kind: TestDatabaseKind, fixturePath: string, options?: ReflectOptions): Promise<ReflectedSchema> {
  const { db, schema } = await loadReflectedFixture(kind, fixturePath, options)
  await db.drop()
  return schema
}

/** Name lookups into a reflected schema; `schema` is read at call time, so it may be set in a `beforeAll`. */
export interface ReflectedLookups {
  /** The table, or an error naming it when it was not reflected. */
  table(name: string, tableSchema?: string | null): Table
  /** The column with its reflected extras (native type, autoincrement kind, …). */
  column(tableName: string, name: string, tableSchema?: string | null): ReflectedColumn
  /** The index of a table in the default schema, by name (undefined when absent). */
  index(tableName: string, name: string): ReflectedIndex
}

/**
 * Lookups by name into the schema `schema()` returns.
 *
 * @example
 * const { column } = reflectedLookups(() => schema)
 * expect(column('customers', 'email').nativeType).toBe('VARCHAR(255)')
 */
export function reflectedLookups(schema: () => ReflectedSchema): ReflectedLookups {
  const table = (name: string, tableSchema: string | null = null): Table => {
    const found = findTable(schema(), name, tableSchema)
    if (!found) throw new Error(`table ${name} was not reflected`)
    return found
  }
  return {
    table,
    column: (tableName, name, tableSchema = null) => reflectedColumn(table(tableName, tableSchema).column(name))!,
    index: (tableName, name) => table(tableName).indexes.find((i) => i.name === name) as ReflectedIndex,
  }
}
