/**
 * Issue 11 on SQLite: descending key parts, partial indexes and expression
 * indexes are read back, compared and round-tripped through revision files.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { reflect } from '../../src/dialect/reflector.js'
import { index, MetaData, sql, t, table } from '../../src/schema/index.js'
import { sqlText } from '../../src/schema/sql.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'
import { revisionLoop, type RevisionLoop } from './revision-loop.js'

function models(v: { order: 'DESC' | null; predicate: string; expression: string; title?: 'nullable' }) {
  const metadata = new MetaData()
  table(
    'posts',
    {
      id: t.integer().primaryKey(),
      title: v.title === 'nullable' ? t.string(200) : t.string(200).notNull(),
      publishedAt: t.datetime().name('published_at'),
      deleted: t.boolean().notNull().serverDefault(false),
    },
    {
      metadata,
      indexes: (c) => [
        index('ix_posts_recent').on(c.publishedAt, c.id).sortOrders(v.order, null),
        index('ix_posts_live').on(c.title).where(sql.raw(v.predicate)),
        index('ix_posts_title_lower').on(sql.raw(v.expression)).sortOrders('DESC'),
      ],
    },
  )
  return metadata.tables
}

const V1 = { order: 'DESC', predicate: 'deleted = 0', expression: 'lower(title)' } as const

describe('SQLite indexes', () => {
  let db: TestDatabase | undefined
  let loop: RevisionLoop | undefined
  afterEach(async () => {
    loop?.remove()
    await db?.drop()
  })

  it('round-trips descending, partial and expression indexes through a revision file on sqlite', async () => {
    db = await createTestDatabase('sqlite')
    loop = await revisionLoop(db)
    const first = await loop.autogenerate(models(V1))
    expect(first.source).toContain("sortOrders: ['DESC']")
    expect(first.source).toContain('where: sql`deleted = 0`')
    await loop.upgrade()
    const reflected = await reflect(loop.conn)
    const byName = (name: string) => reflected.tables[0]!.indexes.find((i) => i.name === name)!
    expect(byName('ix_posts_recent')).toMatchObject({ expressions: ['published_at', 'id'], sortOrders: ['DESC', null] })
    expect(sqlText(byName('ix_posts_live').where!)).toBe('deleted = 0')
    const expression = byName('ix_posts_title_lower')
    expect(expression.sortOrders).toEqual(['DESC'])
    expect(expression.expressions.map((e) => (typeof e === 'string' ? e : sqlText(e)))).toEqual(['lower(title)'])
    expect(reflected.notCarried).toEqual([])
    expect(await loop.diffs(models(V1))).toEqual([])
    expect(await loop.diffs(reflected.tables)).toEqual([])
    await loop.downgrade()
    expect(await loop.tableNames()).toEqual([])
  })

  it('finds and applies a changed order, predicate and expression on sqlite', async () => {
    db = await createTestDatabase('sqlite')
    loop = await revisionLoop(db)
    await loop.autogenerate(models(V1))
    await loop.upgrade()
    const v2 = models({ order: null, predicate: 'deleted = 1', expression: 'upper(title)' })
    const found = await loop.diffs(v2)
    expect(found.map((d) => `${d.kind}:${d.name}`).sort()).toEqual([
      'add_index:ix_posts_live',
      'add_index:ix_posts_recent',
      'add_index:ix_posts_title_lower',
      'remove_index:ix_posts_live',
      'remove_index:ix_posts_recent',
      'remove_index:ix_posts_title_lower',
    ])
    await loop.autogenerate(v2)
    await loop.upgrade()
    expect(await loop.diffs(v2)).toEqual([])
    await loop.downgrade('-1')
    expect(await loop.diffs(models(V1))).toEqual([])
  })

  it('keeps descending, partial and expression indexes through a move-and-copy rebuild on sqlite', async () => {
    db = await createTestDatabase('sqlite')
    loop = await revisionLoop(db)
    await loop.autogenerate(models(V1))
    await loop.upgrade()
    const rebuilt = models({ ...V1, title: 'nullable' })
    const change = await loop.autogenerate(rebuilt)
    expect(change.source).toMatch(/alterColumn\('posts', 'title'/)
    await loop.upgrade()
    expect(await loop.diffs(rebuilt)).toEqual([])
  })
})
