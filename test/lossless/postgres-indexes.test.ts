/**
 * PostgreSQL index facts beyond columns: access method, operator classes,
 * sort orders with NULLS placement, INCLUDE and NULLS NOT DISTINCT. Each is
 * created from a model, reflected back, compared as equal, and a change in
 * any of them is found. On the server and PGlite.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { compareWithConnection } from '../../src/autogenerate/autogenerate.js'
import { findTable, reflect, type ReflectedIndex } from '../../src/dialect/reflector.js'
import { index, MetaData, sql, t, table } from '../../src/schema/index.js'
import type { IndexBuilder } from '../../src/schema/constraints.js'
import { applyOps } from '../autogenerate/support.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'

const settings = { versionTable: 'athanor_version' }

function models(indexes: (c: Record<'id' | 'body' | 'addr' | 'createdAt' | 'email', never>) => IndexBuilder[]) {
  const m = new MetaData()
  table(
    'docs',
    { id: t.integer().primaryKey(), body: t.text(), addr: t.inet(), createdAt: t.datetime().name('created_at'), email: t.string(100) },
    { metadata: m, indexes: (c) => indexes(c as never) },
  )
  return m.tables
}

const full = () =>
  models((c) => [
    index('ix_docs_body').on(c.body).opclasses('text_pattern_ops'),
    index('ix_docs_addr').on(c.addr).using('gist').opclasses('inet_ops'),
    index('ix_docs_created').on(c.createdAt, c.id).sortOrders('DESC NULLS LAST', 'NULLS FIRST'),
    index('ix_docs_email').on(c.email).include(c.id, c.createdAt),
    index('uq_docs_email').on(c.email).unique().nullsNotDistinct(),
    index('ix_docs_lower').on(sql`lower(email)`).sortOrders('desc'),
  ])

describe.each(['postgres', 'pglite'] as const)('PostgreSQL index options on %s', (kind) => {
  let db: TestDatabase | undefined
  afterEach(async () => db?.drop())

  async function created() {
    db = await createTestDatabase(kind)
    const conn = await db.connect()
    await applyOps(conn, (await compareWithConnection(conn, full(), settings)).changes.map((c) => c.op))
    return conn
  }

  it('creates and reflects method, operator classes, sort orders, INCLUDE and NULLS NOT DISTINCT, and then finds nothing', async () => {
    const conn = await created()
    const reflected = await reflect(conn)
    const ix = (name: string) => findTable(reflected, 'docs')!.indexes.find((i) => i.name === name) as ReflectedIndex
    expect(ix('ix_docs_body')).toMatchObject({ method: 'btree', opclasses: ['text_pattern_ops'] })
    expect(ix('ix_docs_addr')).toMatchObject({ method: 'gist', opclasses: ['inet_ops'] })
    expect(ix('ix_docs_created')).toMatchObject({ method: 'btree', sortOrders: ['DESC NULLS LAST', 'NULLS FIRST'] })
    expect(ix('ix_docs_email')).toMatchObject({ include: ['id', 'created_at'] })
    expect(ix('uq_docs_email')).toMatchObject({ unique: true, nullsNotDistinct: true })
    expect(ix('ix_docs_lower').sortOrders).toEqual(['DESC'])
    expect((await compareWithConnection(conn, full(), settings)).diffs).toEqual([])
    // The reflected tables used as models find nothing either.
    expect((await compareWithConnection(conn, reflected.tables, settings)).diffs).toEqual([])
  })

  it.each([
    ['a method', (c: Record<string, never>) => index('ix_docs_body').on(c.body!).using('hash')],
    ['an operator class', (c: Record<string, never>) => index('ix_docs_body').on(c.body!)],
    ['a sort order', (c: Record<string, never>) => index('ix_docs_created').on(c.createdAt!, c.id!).sortOrders('DESC', 'NULLS FIRST')],
    ['an INCLUDE list', (c: Record<string, never>) => index('ix_docs_email').on(c.email!).include(c.id!)],
    ['NULLS NOT DISTINCT', (c: Record<string, never>) => index('uq_docs_email').on(c.email!).unique()],
  ])('finds %s changed, as the index dropped and created again', async (_what, changed) => {
    const conn = await created()
    const name = changed({ body: 'body', createdAt: 'created_at', id: 'id', email: 'email' } as never).name!
    const next = models((c) => [
      ...[
        index('ix_docs_body').on(c.body).opclasses('text_pattern_ops'),
        index('ix_docs_addr').on(c.addr).using('gist').opclasses('inet_ops'),
        index('ix_docs_created').on(c.createdAt, c.id).sortOrders('DESC NULLS LAST', 'NULLS FIRST'),
        index('ix_docs_email').on(c.email).include(c.id, c.createdAt),
        index('uq_docs_email').on(c.email).unique().nullsNotDistinct(),
        index('ix_docs_lower').on(sql`lower(email)`).sortOrders('desc'),
      ].filter((i) => i.name !== name),
      changed(c as never),
    ])
    const comparison = await compareWithConnection(conn, next, settings)
    expect(comparison.diffs.map((d) => `${d.kind}:${d.name}`).sort()).toEqual([`add_index:${name}`, `remove_index:${name}`])
    await applyOps(conn, comparison.changes.map((c) => c.op))
    expect((await compareWithConnection(conn, next, settings)).diffs).toEqual([])
  })
})
