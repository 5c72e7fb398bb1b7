/**
 * Round trip, as a property: random tables (types, defaults, constraints,
 * indexes, comments, awkward identifiers) created through the ops, then
 * reflected, equal what was created up to the documented normalizations.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { DatabaseConnection } from '../../src/dialect/dialect.js'
import { findTable, reflect, reflectedColumn, type ReflectedSchema } from '../../src/dialect/reflector.js'
import { sqlText, type SqlFragment } from '../../src/schema/sql.js'
import { connectionExecutor, operationsOn } from '../operations/executors.js'
import { createTestDatabase, type TestDatabaseKind } from '../support/databases.js'
import { buildTable, expectedComment, expectedType, schemaSpec, type TableSpec } from './random-schema.js'

/** Runs per database: enough to meet every type and constraint, few enough for CI. */
const RUNS: Record<'sqlite' | 'postgres' | 'mysql', number> = { sqlite: 40, postgres: 15, mysql: 15 }

/** A default's value, read by letting the database evaluate the reflected text. */
async function evaluate(conn: DatabaseConnection, text: string): Promise<string> {
  const [row] = await conn.query(`SELECT ${text} AS v`)
  const value = row?.v ?? row?.V
  return typeof value === 'boolean' ? String(Number(value)) : String(value)
}

function expected(value: string | number | boolean): string {
  return typeof value === 'boolean' ? String(Number(value)) : String(value)
}

async function checkTable(conn: DatabaseConnection, reflected: ReflectedSchema, spec: TableSpec, previous: TableSpec | null): Promise<void> {
  const dialect = reflected.dialect
  const found = findTable(reflected, spec.name)
  expect(found, `table ${spec.name}`).toBeDefined()
  const table = found!
  expect(table.comment).toBe(expectedComment(dialect, spec.comment))

  expect(table.primaryKey?.columns).toEqual([spec.pk.name])
  const pk = reflectedColumn(table.column(spec.pk.name))!
  expect(pk).toMatchObject({ type: { kind: 'integer' }, nullable: false, autoincrement: spec.pk.autoincrement })

  const names = [spec.pk.name, ...spec.columns.map((c) => c.name), ...(spec.foreignKey ? [spec.foreignKey.column] : [])]
  expect(table.columnList.map((c) => c.name)).toEqual(names)
  for (const c of spec.columns) {
    const column = reflectedColumn(table.column(c.name))!
    expect(column.type, `type of ${c.name}`).toEqual(expectedType(dialect, c.type, c.name))
    expect(column.nullable, `nullability of ${c.name}`).toBe(c.nullable)
    expect(column.comment, `comment of ${c.name}`).toBe(expectedComment(dialect, c.comment))
    if (c.serverDefault === null) expect(column.serverDefault, `default of ${c.name}`).toBeNull()
    else expect(await evaluate(conn, sqlText(column.serverDefault as SqlFragment)), `default of ${c.name}`).toBe(expected(c.serverDefault))
  }

  const uniques = table.constraints.filter((c) => c.kind === 'unique')
  const expectedUniques = spec.unique ? [{ kind: 'unique', name: spec.unique.name, columns: [spec.columns[spec.unique.column]!.name] }] : []
  const indexSpec = spec.index
  // MySQL keeps unique constraints as unique indexes and reports both as constraints.
  if (indexSpec?.unique && dialect === 'mysql') expectedUniques.push({ kind: 'unique', name: indexSpec.name, columns: [spec.columns[indexSpec.column]!.name] })
  expect(uniques.map((u) => ({ ...u })).sort((a, b) => String(a.name).localeCompare(String(b.name)))).toEqual(
    expectedUniques.sort((a, b) => a.name.localeCompare(b.name)),
  )

  const indexes = table.indexes.map((i) => ({ name: i.name, expressions: i.expressions, unique: i.unique }))
  if (indexSpec && !(indexSpec.unique && dialect === 'mysql')) {
    expect(indexes).toEqual([{ name: indexSpec.name, expressions: [spec.columns[indexSpec.column]!.name], unique: indexSpec.unique }])
  } else {
    expect(indexes).toEqual([])
  }

  const checks = table.constraints.filter((c) => c.kind === 'check')
  expect(checks.map((c) => c.name)).toEqual(spec.check ? [spec.check.name] : [])

  const fks = table.foreignKeys
  if (spec.foreignKey && previous) {
    expect(fks).toHaveLength(1)
    expect(fks[0]).toMatchObject({
      name: spec.foreignKey.name,
      columns: [spec.foreignKey.column],
      referredSchema: null,
      referredTable: previous.name,
      referredColumns: [previous.pk.name],
      onDelete: spec.foreignKey.onDelete,
      onUpdate: null,
    })
  } else {
    expect(fks).toEqual([])
  }
}

describe.each(['sqlite', 'postgres', 'mysql'] as const)('reflection round trip on %s', (kind: TestDatabaseKind & keyof typeof RUNS) => {
  it('gives back the tables the ops created, up to the documented normalizations', async () => {
    await fc.assert(
      fc.asyncProperty(schemaSpec(kind), async (specs) => {
        const db = await createTestDatabase(kind)
        try {
          const conn = await db.connect()
          const op = operationsOn(connectionExecutor(conn))
          for (const [i, spec] of specs.entries()) await op.createTable(buildTable(spec, specs[i - 1] ?? null))
          const reflected = await reflect(conn)
          expect(reflected.tables.map((t) => t.name).sort()).toEqual(specs.map((s) => s.name).sort())
          for (const [i, spec] of specs.entries()) await checkTable(conn, reflected, spec, specs[i - 1] ?? null)
        } finally {
          await db.drop()
        }
      }),
      { numRuns: RUNS[kind] },
    )
  }, 300_000)
})
