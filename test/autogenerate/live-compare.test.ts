import { afterEach, describe, expect, it } from 'vitest'
import { compareSchemas } from '../../src/autogenerate/compare-schemas.js'
import { compareWithConnection } from '../../src/autogenerate/autogenerate.js'
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from '../support/databases.js'
import { applyOps, fixtureTables } from './support.js'

const KINDS: readonly TestDatabaseKind[] = ['sqlite', 'postgres', 'mysql', 'pglite']

describe.each(KINDS)('models against their own reflection on %s', (kind) => {
  let db: TestDatabase | undefined
  afterEach(async () => db?.drop())

  it('finds nothing after the models were created from an empty database', async () => {
    db = await createTestDatabase(kind)
    const conn = await db.connect()
    const tables = await fixtureTables('models-v1.ts')
    const initial = await compareWithConnection(conn, tables, { versionTable: 'athanor_version' })
    expect(initial.diffs.filter((d) => d.kind === 'add_table')).toHaveLength(tables.length)
    await applyOps(conn, initial.changes.map((c) => c.op))
    const again = await compareWithConnection(conn, tables, { versionTable: 'athanor_version' })
    expect(again.diffs).toEqual([])
  })
})

describe.each(['postgres', 'pglite'] as const)('PostgreSQL-only features against their own reflection on %s', (kind) => {
  let db: TestDatabase | undefined
  afterEach(async () => db?.drop())

  it('finds nothing after expression and partial indexes, function defaults and a second schema were created', async () => {
    db = await createTestDatabase(kind)
    const conn = await db.connect()
    await conn.execute('CREATE SCHEMA billing')
    const tables = await fixtureTables('models-postgres.ts')
    const initial = await compareWithConnection(conn, tables, { versionTable: 'athanor_version' })
    expect(initial.diffs.map((d) => d.kind)).toContain('add_table')
    await applyOps(conn, initial.changes.map((c) => c.op))
    const again = await compareWithConnection(conn, tables, { versionTable: 'athanor_version' })
    expect(again.diffs).toEqual([])
  })
})
