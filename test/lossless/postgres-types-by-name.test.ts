/**
 * PostgreSQL types beyond the portable kinds round-trip, and a type written
 * by name never becomes a perpetual `modify_type`: the database reads the
 * model's spelling back (principle 8), so `t.custom('INT4[]')` is the
 * `integer[]` it reflects. Arrays, bit/varbit, interval fields and
 * precision, numeric with and without scale, char(n), domains, and (on the
 * server, which has the extension) citext. On the server and PGlite.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { compareWithConnection } from '../../src/autogenerate/autogenerate.js'
import { renderType } from '../../src/autogenerate/render-values.js'
import { findTable, reflect, reflectedColumn } from '../../src/dialect/reflector.js'
import { MetaData, t, table } from '../../src/schema/index.js'
import { applyOps } from '../autogenerate/support.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'

const settings = { versionTable: 'athanor_version' }

const COLUMNS: Record<string, string> = {
  ints: 'integer[]',
  grid: 'text[]',
  codes: 'character varying(10)[]',
  flags: 'bit(3)',
  mask: 'bit varying(8)',
  anybits: 'bit varying',
  took: 'interval day to second(3)',
  span: 'interval',
  months: 'interval year to month',
  money: 'numeric(10,2)',
  amount: 'numeric',
  whole: 'numeric(5,0)',
  code: 'character(4)',
  letter: 'character(1)',
  positive: 'posint',
  clock: 'time(3) with time zone',
  doc: 'tsvector',
}

describe.each(['postgres', 'pglite'] as const)('PostgreSQL types by name on %s', (kind) => {
  const dbs: TestDatabase[] = []
  afterEach(async () => void (await Promise.all(dbs.splice(0).map((d) => d.drop()))))

  async function database(withCitext: boolean) {
    const db = await createTestDatabase(kind)
    dbs.push(db)
    const conn = await db.connect()
    await conn.execute('CREATE DOMAIN posint AS integer CHECK (VALUE > 0)')
    if (withCitext) await conn.execute('CREATE EXTENSION IF NOT EXISTS citext')
    return conn
  }
  const citext = kind === 'postgres'

  it('reflects each type, re-creates it from the reflected models, and finds nothing on either side', async () => {
    const source = await database(citext)
    const columns = { ...COLUMNS, ...(citext ? { email: 'citext' } : {}) }
    await source.execute(`CREATE TABLE things (${Object.entries(columns).map(([name, type]) => `${name} ${type === 'text[]' ? 'text[][]' : type}`).join(', ')})`)
    const reflected = await reflect(source)
    const models = reflected.tables
    const things = findTable(reflected, 'things')!
    expect(things.column('ints')!.type).toEqual({ kind: 'array', of: { kind: 'integer' } })
    expect(things.column('money')!.type).toEqual({ kind: 'numeric', precision: 10, scale: 2 })
    expect(things.column('amount')!.type).toEqual({ kind: 'numeric', precision: null, scale: null })
    expect(renderType(things.column('took')!.type)).toBe("t.custom('interval day to second(3)')")

    const copy = await database(citext)
    await applyOps(copy, (await compareWithConnection(copy, models, settings)).changes.map((c) => c.op))
    const back = findTable(await reflect(copy), 'things')!
    for (const [name, type] of Object.entries(columns)) expect(reflectedColumn(back.column(name))?.nativeType, name).toBe(type)
    expect((await compareWithConnection(copy, models, settings)).diffs).toEqual([])
  })

  it('compares a custom type through the database, so another spelling of the same type is no difference', async () => {
    const conn = await database(citext)
    const m = new MetaData()
    table('spelled', {
      ints: t.custom('INT4[]'),
      code: t.custom('CHAR(4)'),
      mask: t.custom('VARBIT(8)'),
      took: t.custom('INTERVAL DAY TO SECOND(3)'),
      big: t.custom('int8'),
      at: t.custom('timestamptz'),
      money: t.custom('decimal(10,2)'),
      positive: t.custom('POSINT'),
      ...(citext ? { email: t.custom('CITEXT') } : {}),
    }, { metadata: m })
    await applyOps(conn, (await compareWithConnection(conn, m.tables, settings)).changes.map((c) => c.op))
    expect((await compareWithConnection(conn, m.tables, settings)).diffs).toEqual([])

    const changed = new MetaData()
    table('spelled', { ints: t.custom('INT8[]'), code: t.custom('CHAR(5)'), mask: t.custom('VARBIT(8)'), took: t.custom('INTERVAL DAY TO SECOND(3)'), big: t.custom('int8'), at: t.custom('timestamptz'), money: t.custom('decimal(10,2)'), positive: t.custom('POSINT'), ...(citext ? { email: t.custom('CITEXT') } : {}) }, { metadata: changed })
    const diffs = (await compareWithConnection(conn, changed.tables, settings)).diffs
    expect(diffs.map((d) => [d.kind, d.column])).toEqual([
      ['modify_type', 'ints'],
      ['modify_type', 'code'],
    ])
  })
})
