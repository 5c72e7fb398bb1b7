/**
 * PostgreSQL table storage round-trips through real revisions: UNLOGGED,
 * storage parameters, and declarative partitioning (a partitioned table with
 * RANGE, LIST and HASH keys and its partitions); a changed persistence or
 * parameter is altered in place, and inheritance is reported as not carried.
 * On the server and on PGlite.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { compareWithConnection } from '../../src/autogenerate/autogenerate.js'
import { findTable, reflect } from '../../src/dialect/reflector.js'
import { index, MetaData, primaryKey, t, table } from '../../src/schema/index.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'
import { revisionLoop, type RevisionLoop } from './revision-loop.js'

const settings = { versionTable: 'athanor_version' }

describe.each(['postgres', 'pglite'] as const)('PostgreSQL table storage on %s', (kind) => {
  let db: TestDatabase | undefined
  let loop: RevisionLoop | undefined
  afterEach(async () => {
    loop?.remove()
    await db?.drop()
  })

  async function start(): Promise<RevisionLoop> {
    db = await createTestDatabase(kind)
    loop = await revisionLoop(db)
    return loop
  }

  function sessions(storage: { unlogged?: boolean; parameters?: Record<string, string> }) {
    const m = new MetaData()
    table('sessions', { id: t.integer().primaryKey(), data: t.text() }, { metadata: m, storage })
    return m.tables
  }

  it('creates an UNLOGGED table with storage parameters, reflects them, and finds nothing after', async () => {
    const l = await start()
    const models = sessions({ unlogged: true, parameters: { fillfactor: '50', autovacuum_enabled: 'false' } })
    const { source } = await l.autogenerate(models)
    expect(source).toContain("storage: { unlogged: true, parameters: { fillfactor: '50', autovacuum_enabled: 'false' } }")
    await l.upgrade()
    const reflected = findTable(await reflect(l.conn), 'sessions')!
    expect(reflected.storage).toEqual({ unlogged: true, parameters: { fillfactor: '50', autovacuum_enabled: 'false' } })
    expect(await l.diffs(models)).toEqual([])
    expect(await l.diffs([reflected])).toEqual([])
    await l.downgrade()
    expect(await l.tableNames()).toEqual([])
  })

  it('alters a changed persistence and parameters in place, and the downgrade restores them', async () => {
    const l = await start()
    await l.autogenerate(sessions({ parameters: { fillfactor: '50' } }))
    await l.upgrade()
    const changed = sessions({ unlogged: true, parameters: { autovacuum_enabled: 'false' } })
    const { source, comparison } = await l.autogenerate(changed)
    expect(comparison.diffs).toEqual([{ kind: 'modify_table_storage', table: 'sessions', detail: 'LOGGED, autovacuum_enabled default, fillfactor=50 -> UNLOGGED, autovacuum_enabled=false, fillfactor default' }])
    expect(source).toContain('op.alterTableStorage(')
    await l.upgrade()
    expect(findTable(await reflect(l.conn), 'sessions')!.storage).toEqual({ unlogged: true, parameters: { autovacuum_enabled: 'false' } })
    expect(await l.diffs(changed)).toEqual([])
    await l.downgrade('-1')
    expect(findTable(await reflect(l.conn), 'sessions')!.storage).toEqual({ parameters: { fillfactor: '50' } })
  })

  it('creates partitioned tables with their partitions, reflects each, and downgrades to nothing', async () => {
    const l = await start()
    const m = new MetaData()
    const events = table(
      'events',
      { id: t.bigint().notNull(), at: t.datetime().notNull(), kind: t.string(20) },
      { metadata: m, storage: { partitionBy: 'RANGE (at)' }, constraints: (c) => [primaryKey().on(c.id, c.at)], indexes: (c) => [index('ix_events_kind').on(c.kind)] },
    )
    table('events_2024', {}, { metadata: m, storage: { partitionOf: { table: events.name, schema: null, bound: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')" } } })
    table('events_other', {}, { metadata: m, storage: { partitionOf: { table: 'events', schema: null, bound: 'DEFAULT' } } })
    table('regions', { code: t.string(2).notNull(), name: t.text() }, { metadata: m, storage: { partitionBy: 'LIST (code)' } })
    table('regions_eu', {}, { metadata: m, storage: { partitionOf: { table: 'regions', schema: null, bound: "FOR VALUES IN ('de', 'fr')" } } })
    table('buckets', { id: t.integer().notNull() }, { metadata: m, storage: { partitionBy: 'HASH (id)' } })
    table('buckets_0', {}, { metadata: m, storage: { partitionOf: { table: 'buckets', schema: null, bound: 'FOR VALUES WITH (modulus 2, remainder 0)' } } })
    table('buckets_1', {}, { metadata: m, storage: { partitionOf: { table: 'buckets', schema: null, bound: 'FOR VALUES WITH (modulus 2, remainder 1)' } } })

    // Partitions first in the models: creation still puts each after its parent.
    const models = [...m.tables].reverse()
    await l.autogenerate(models)
    await l.upgrade()
    const reflected = await reflect(l.conn)
    expect(findTable(reflected, 'events')!.storage).toEqual({ partitionBy: 'RANGE (at)' })
    const partition = findTable(reflected, 'events_2024')!
    expect(partition.storage).toEqual({ partitionOf: { table: 'events', schema: null, bound: "FOR VALUES FROM ('2024-01-01 00:00:00') TO ('2025-01-01 00:00:00')" } })
    // The partition's copies of the parent's key and index belong to the parent.
    expect(partition.primaryKey).toBeNull()
    expect(partition.indexes).toEqual([])
    expect(findTable(reflected, 'buckets_1')!.storage.partitionOf?.bound).toBe('FOR VALUES WITH (modulus 2, remainder 1)')
    expect(await l.diffs(models)).toEqual([])
    expect(await l.diffs(reflected.tables)).toEqual([])
    await l.downgrade()
    expect(await l.tableNames()).toEqual([])
  })

  it('reports a different partitioning and table inheritance as not carried', async () => {
    const l = await start()
    await l.conn.execute('CREATE TABLE things (id integer, at date) PARTITION BY RANGE (at)')
    await l.conn.execute('CREATE TABLE parents (id integer)')
    await l.conn.execute('CREATE TABLE children (extra text) INHERITS (parents)')
    const m = new MetaData()
    table('things', { id: t.integer(), at: t.date() }, { metadata: m, storage: { partitionBy: 'LIST (id)' } })
    const comparison = await compareWithConnection(l.conn, [...m.tables, ...(await reflect(l.conn)).tables.filter((x) => x.name !== 'things')], settings)
    expect(comparison.diffs).toEqual([])
    expect(comparison.notCarried).toEqual([
      { table: 'children', schema: null, fact: 'INHERITS (public.parents)' },
      { table: 'things', schema: null, fact: 'partitioning is PARTITION BY RANGE (at) in the database and PARTITION BY LIST (id) in the models: changing it rebuilds the table, which autogenerate does not write' },
    ])
  })
})
