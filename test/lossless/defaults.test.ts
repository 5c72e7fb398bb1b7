/**
 * Issue 11: defaults that mean the same compare the same — a PostgreSQL
 * `DEFAULT NULL::timestamp without time zone` against its own reflection,
 * and on SQLite a model default `false` against a stored `0`, `FALSE` or `'0'`.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { compareWithConnection } from '../../src/autogenerate/autogenerate.js'
import { reflect } from '../../src/dialect/reflector.js'
import { MetaData, sql, t, table } from '../../src/schema/index.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'

const settings = { versionTable: 'athanor_version' }

describe.each(['postgres', 'pglite'] as const)('cast NULL defaults on %s', (kind) => {
  let db: TestDatabase | undefined
  afterEach(async () => db?.drop())

  it('finds nothing when the reflected tables are compared with their own database', async () => {
    db = await createTestDatabase(kind)
    const conn = await db.connect()
    // timestamp(6) keeps the cast NULL default; the vocabulary's timestamp has no precision, so the scratch copy drops it.
    await conn.execute(
      'CREATE TABLE events (id integer PRIMARY KEY, at timestamp(6) without time zone DEFAULT NULL::timestamp without time zone, label varchar(10) DEFAULT NULL::character varying)',
    )
    const reflected = await reflect(conn)
    expect(reflected.tables[0]!.column('at')!.serverDefault).not.toBeNull()
    expect((await compareWithConnection(conn, reflected.tables, settings)).diffs).toEqual([])
  })

  it('still finds a real default against a cast NULL', async () => {
    db = await createTestDatabase(kind)
    const conn = await db.connect()
    await conn.execute('CREATE TABLE events (id integer PRIMARY KEY, label varchar(10) DEFAULT NULL::character varying)')
    const m = new MetaData()
    table('events', { id: t.integer().primaryKey(), label: t.string(10).serverDefault('none') }, { metadata: m })
    expect((await compareWithConnection(conn, m.tables, settings)).diffs.map((d) => d.kind)).toEqual(['modify_default'])
  })
})

describe('boolean defaults on sqlite', () => {
  let db: TestDatabase | undefined
  afterEach(async () => db?.drop())

  it.each(['0', 'FALSE', 'false', "'0'", '(0)'])('a model default false matches a stored %s, and true does not', async (stored) => {
    db = await createTestDatabase('sqlite')
    const conn = await db.connect()
    await conn.execute(`CREATE TABLE flags (id integer PRIMARY KEY, active boolean DEFAULT ${stored})`)
    const models = (value: boolean | ReturnType<typeof sql>) => {
      const m = new MetaData()
      table('flags', { id: t.integer().primaryKey(), active: t.boolean().serverDefault(value) }, { metadata: m })
      return m.tables
    }
    expect((await compareWithConnection(conn, models(false), settings)).diffs).toEqual([])
    expect((await compareWithConnection(conn, models(sql`FALSE`), settings)).diffs).toEqual([])
    expect((await compareWithConnection(conn, models(true), settings)).diffs.map((d) => d.kind)).toEqual(['modify_default'])
  })
})
