import { afterEach, describe, expect, it } from 'vitest'
import { compareSchemas } from '../../src/autogenerate/compare-schemas.js'
import { compareWithConnection } from '../../src/autogenerate/autogenerate.js'
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from '../support/databases.js'
import { applyOps, fixtureTables } from './support.js'
import { MetaData, index, sql, t, table } from '../../src/schema/index.js'

const KINDS: readonly TestDatabaseKind[] = ['sqlite', 'postgres', 'mysql', 'pglite']

describe.each(KINDS)('models against their own reflection on %s', (kind) => {
  let db: TestDatabase | undefined
  afterEach(async () => db?.drop())

  it('finds nothing after the models were created from an empty database', async () => {
    db = await createTestDatabase(kind)
    const conn = await db.connect()
    const tables = [...(await fixtureTables('models-v1.ts')), ...(await fixtureTables('models-plain.ts'))]
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

describe.each(['postgres', 'sqlite'] as const)('expression and partial indexes compared as the database writes them on %s', (kind) => {
  let db: TestDatabase | undefined
  afterEach(async () => db?.drop())

  it('reports a changed index expression and a changed predicate, and nothing for equal ones', async () => {
    db = await createTestDatabase(kind)
    const conn = await db.connect()
    const build = (expression: string, predicate: string) => {
      const m = new MetaData()
      table('people', { id: t.integer().primaryKey(), email: t.string(100), gone: t.boolean() }, {
        metadata: m,
        indexes: (c) => [index('ix_people_email').on(sql.raw(expression)), index('ix_people_live').on(c.id).where(sql.raw(predicate))],
      })
      return m.tables
    }
    const first = build('lower(email)', 'gone IS NOT TRUE')
    await applyOps(conn, (await compareWithConnection(conn, first, { versionTable: 'v' })).changes.map((c) => c.op))
    // PostgreSQL rewrites expressions into one canonical form; SQLite keeps the text as written.
    const same = kind === 'postgres' ? build('LOWER( email )', '(gone is not true)') : build('lower(email)', 'gone IS NOT TRUE')
    expect((await compareWithConnection(conn, same, { versionTable: 'v' })).diffs).toEqual([])
    const changed = await compareWithConnection(conn, build('upper(email)', 'gone IS TRUE'), { versionTable: 'v' })
    expect(changed.diffs.map((d) => `${d.kind}:${d.name}`).sort()).toEqual([
      'add_index:ix_people_email',
      'add_index:ix_people_live',
      'remove_index:ix_people_email',
      'remove_index:ix_people_live',
    ])
  })
})

describe.each(['sqlite', 'mysql'] as const)('include filters on %s', (kind) => {
  let db: TestDatabase | undefined
  afterEach(async () => db?.drop())

  it('leaves alone tables include.name rejects and columns include.object rejects', async () => {
    db = await createTestDatabase(kind)
    const conn = await db.connect()
    await conn.execute('CREATE TABLE legacy_orders (id INTEGER PRIMARY KEY)')
    await conn.execute('CREATE TABLE people (id INTEGER PRIMARY KEY, nickname VARCHAR(20))')
    const m = new MetaData()
    table('people', { id: t.integer().primaryKey() }, { metadata: m })
    const unfiltered = await compareWithConnection(conn, m.tables, { versionTable: 'v' })
    expect(unfiltered.diffs.map((d) => d.kind).sort()).toEqual(['remove_column', 'remove_table'])
    const filtered = await compareWithConnection(conn, m.tables, {
      versionTable: 'v',
      include: {
        name: (name, info) => !(info.type === 'table' && name?.startsWith('legacy_')),
        object: (o) => !(o.type === 'column' && o.name === 'nickname' && o.reflected === true),
      },
    })
    expect(filtered.diffs).toEqual([])
  })
})

describe.each(['sqlite', 'postgres', 'mysql'] as const)('a renamed table on %s', (kind) => {
  let db: TestDatabase | undefined
  afterEach(async () => db?.drop())

  it('is written as a rename when accepted, keeping its rows, and leaves nothing to find', async () => {
    db = await createTestDatabase(kind)
    const conn = await db.connect()
    const shape = (name: string) => {
      const m = new MetaData()
      table(name, { id: t.integer().primaryKey(), label: t.string(20).notNull() }, { metadata: m })
      return m.tables
    }
    await applyOps(conn, (await compareWithConnection(conn, shape('people'), { versionTable: 'v' })).changes.map((c) => c.op))
    await conn.execute("INSERT INTO people (id, label) VALUES (1, 'kept')")
    const proposed = await compareWithConnection(conn, shape('persons'), { versionTable: 'v' })
    expect(proposed.diffs).toEqual([{ kind: 'rename_table', table: 'persons', detail: 'people -> persons' }])
    expect(proposed.changes[0]?.review).toBeDefined()
    const accepted = await compareWithConnection(conn, shape('persons'), { versionTable: 'v', renames: { accept: ['people=persons'] } })
    expect(accepted.changes[0]?.review).toBeUndefined()
    await applyOps(conn, accepted.changes.map((c) => c.op))
    expect(await conn.query('SELECT label FROM persons')).toEqual([{ label: 'kept' }])
    expect((await compareWithConnection(conn, shape('persons'), { versionTable: 'v' })).diffs).toEqual([])
  })
})

describe('include.schemas on postgres', () => {
  let db: TestDatabase | undefined
  afterEach(async () => db?.drop())

  it('reads only the chosen schemas and leaves model tables of other schemas out', async () => {
    db = await createTestDatabase('postgres')
    const conn = await db.connect()
    await conn.execute('CREATE SCHEMA audit')
    await conn.execute('CREATE TABLE audit.events (id INTEGER PRIMARY KEY)')
    const m = new MetaData()
    table('people', { id: t.integer().primaryKey() }, { metadata: m })
    table('reports', { id: t.integer().primaryKey() }, { metadata: m, schema: 'billing' })
    const everything = await compareWithConnection(conn, m.tables, { versionTable: 'v', include: { schemas: ['public', 'audit', 'billing'] } })
    expect(everything.diffs.map((d) => `${d.kind}:${d.schema ?? ''}.${d.table}`).sort()).toEqual(['add_table:.people', 'add_table:billing.reports', 'remove_table:audit.events'])
    const publicOnly = await compareWithConnection(conn, m.tables, { versionTable: 'v', include: { schemas: ['public'] } })
    expect(publicOnly.diffs.map((d) => `${d.kind}:${d.schema ?? ''}.${d.table}`)).toEqual(['add_table:.people'])
  })
})

describe('MySQL-only types against their own reflection on mysql', () => {
  let db: TestDatabase | undefined
  afterEach(async () => db?.drop())

  it('finds nothing after TINYINT, MEDIUMTEXT, ENUM, VARBINARY, JSON and DATETIME defaults were created', async () => {
    db = await createTestDatabase('mysql')
    const conn = await db.connect()
    const tables = await fixtureTables('models-mysql.ts')
    await applyOps(conn, (await compareWithConnection(conn, tables, { versionTable: 'v' })).changes.map((c) => c.op))
    expect((await compareWithConnection(conn, tables, { versionTable: 'v' })).diffs).toEqual([])
  })
})
