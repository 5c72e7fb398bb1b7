/**
 * PostgreSQL exclusion constraints (`EXCLUDE USING gist (…)`) are carried:
 * reflected, rendered into revisions, created, and compared through the
 * database (another spelling of the same constraint is no difference, a
 * changed one is dropped and added again). On the server and PGlite.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { compareWithConnection } from '../../src/autogenerate/autogenerate.js'
import { findTable, reflect } from '../../src/dialect/reflector.js'
import { exclude, MetaData, sql, t, table } from '../../src/schema/index.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'
import { revisionLoop, type RevisionLoop } from './revision-loop.js'

const settings = { versionTable: 'athanor_version' }

describe.each(['postgres', 'pglite'] as const)('exclusion constraints on %s', (kind) => {
  const dbs: TestDatabase[] = []
  let loop: RevisionLoop | undefined
  afterEach(async () => {
    loop?.remove()
    await Promise.all(dbs.splice(0).map((d) => d.drop()))
  })

  async function database() {
    const db = await createTestDatabase(kind)
    dbs.push(db)
    return db
  }

  it('round-trips a reflected exclusion constraint through a revision, and downgrades to nothing', async () => {
    const source = await (await database()).connect()
    await source.execute('CREATE TABLE bookings (room integer, during tsrange, CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&) WHERE (room > 0))')
    const reflected = await reflect(source)
    const constraint = findTable(reflected, 'bookings')!.constraints.find((c) => c.kind === 'exclude')
    expect(constraint).toMatchObject({ kind: 'exclude', name: 'no_overlap' })

    loop = await revisionLoop(await database())
    const { source: revision } = await loop.autogenerate(reflected.tables)
    expect(revision).toContain("exclude('no_overlap', sql`USING gist (during WITH &&) WHERE (room > 0)`)")
    await loop.upgrade()
    await loop.conn.execute("INSERT INTO bookings VALUES (1, '[2024-01-01, 2024-01-03)')")
    await expect(loop.conn.execute("INSERT INTO bookings VALUES (1, '[2024-01-02, 2024-01-04)')")).rejects.toThrow()
    expect(await loop.diffs(reflected.tables)).toEqual([])
    await loop.downgrade()
    expect(await loop.tableNames()).toEqual([])
  })

  it('compares a model exclusion constraint as the database writes it', async () => {
    loop = await revisionLoop(await database())
    const models = (definition: string) => {
      const m = new MetaData()
      table('bookings', { room: t.integer(), during: t.custom('tsrange') }, { metadata: m, constraints: () => [exclude('no_overlap', sql.raw(definition))] })
      return m.tables
    }
    await loop.autogenerate(models('using GIST ( during with && )'))
    await loop.upgrade()
    expect(await loop.diffs(models('using GIST ( during with && )'))).toEqual([])
    const changed = await compareWithConnection(loop.conn, models('USING gist (during WITH &&) WHERE (room > 0)'), settings)
    expect(changed.diffs.map((d) => [d.kind, d.name])).toEqual([
      ['remove_constraint', 'no_overlap'],
      ['add_constraint', 'no_overlap'],
    ])
  })
})
