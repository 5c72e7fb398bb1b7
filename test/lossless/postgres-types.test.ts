/**
 * PostgreSQL type facts that must round-trip: models -> create -> reflect ->
 * nothing left to find, and a reflected column used as a model finds nothing
 * either. Run on the PostgreSQL server and on PGlite.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { compareWithConnection } from '../../src/autogenerate/autogenerate.js'
import { renderType } from '../../src/autogenerate/render-values.js'
import { findTable, reflect } from '../../src/dialect/reflector.js'
import { MetaData, t, table } from '../../src/schema/index.js'
import type { Table } from '../../src/schema/table.js'
import { applyOps } from '../autogenerate/support.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'

const settings = { versionTable: 'athanor_version' }

describe.each(['postgres', 'pglite'] as const)('PostgreSQL types on %s', (kind) => {
  let db: TestDatabase | undefined
  afterEach(async () => db?.drop())

  async function createAndReflect(tables: readonly Table[]) {
    db = await createTestDatabase(kind)
    const conn = await db.connect()
    await applyOps(conn, (await compareWithConnection(conn, tables, settings)).changes.map((c) => c.op))
    return { conn, reflected: await reflect(conn) }
  }

  it('keeps fractional-second precision of timestamp, timestamptz and time', async () => {
    const m = new MetaData()
    table('events', {
      id: t.integer().primaryKey(),
      at: t.datetime({ precision: 6 }),
      atTz: t.timestamptz({ precision: 3 }),
      at0: t.datetime({ precision: 0 }),
      plain: t.datetime(),
      clock: t.time({ precision: 2 }),
    }, { metadata: m })
    const { conn, reflected } = await createAndReflect(m.tables)
    const events = findTable(reflected, 'events')!
    expect(events.column('at')!.type).toEqual({ kind: 'datetime', timezone: false, precision: 6 })
    expect(events.column('atTz')!.type).toEqual({ kind: 'datetime', timezone: true, precision: 3 })
    expect(events.column('at0')!.type).toEqual({ kind: 'datetime', timezone: false, precision: 0 })
    expect(events.column('plain')!.type).toEqual({ kind: 'datetime', timezone: false })
    expect(events.column('clock')!.type).toEqual({ kind: 'time', precision: 2 })
    expect(renderType(events.column('atTz')!.type)).toBe('t.datetime({ timezone: true, precision: 3 })')
    expect((await compareWithConnection(conn, m.tables, settings)).diffs).toEqual([])
    expect((await compareWithConnection(conn, reflected.tables, settings)).diffs).toEqual([])
  })

  it('reports a changed precision as modify_type', async () => {
    const before = new MetaData()
    table('events', { id: t.integer().primaryKey(), at: t.datetime({ precision: 6 }) }, { metadata: before })
    const { conn } = await createAndReflect(before.tables)
    const after = new MetaData()
    table('events', { id: t.integer().primaryKey(), at: t.datetime() }, { metadata: after })
    const diffs = (await compareWithConnection(conn, after.tables, settings)).diffs
    expect(diffs).toEqual([expect.objectContaining({ kind: 'modify_type', table: 'events', column: 'at' })])
  })
})

describe('fractional-second precision in the vocabulary', () => {
  it('rejects a precision outside 0..6', () => {
    expect(() => t.datetime({ precision: 7 })).toThrow(/0 to 6/)
  })
})
