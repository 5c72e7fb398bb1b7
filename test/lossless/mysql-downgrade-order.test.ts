/**
 * Issue 11 on MariaDB: a generated downgrade drops foreign keys before the
 * indexes they rely on (MySQL refuses to drop an index a foreign key needs),
 * so `downgrade base` works on schemas whose FK columns carry explicit indexes.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { foreignKey, index, MetaData, t, table } from '../../src/schema/index.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'
import { revisionLoop, type RevisionLoop } from './revision-loop.js'

/**
 * Step 1: two tables. Step 2: `users.org_id` arrives with its key and an
 * explicit index. Step 3: the existing `users.org_code` gains a key and an
 * index it leads, which is the index InnoDB then uses for the key.
 */
function models(step: 1 | 2 | 3) {
  const metadata = new MetaData()
  const orgs = table('orgs', { id: t.integer().primaryKey(), code: t.string(20).notNull().unique() }, { metadata })
  table(
    'users',
    {
      id: t.integer().primaryKey(),
      orgCode: t.string(20).name('org_code'),
      ...(step >= 2 ? { orgId: t.integer().name('org_id').references(() => orgs.columns.id) } : {}),
    },
    {
      metadata,
      indexes: (c) => [...(step >= 2 ? [index('ix_users_org_id').on(c.orgId!)] : []), ...(step >= 3 ? [index('ix_users_org_code').on(c.orgCode, c.id)] : [])],
      constraints: (c) => (step >= 3 ? [foreignKey('fk_users_org_code').on(c.orgCode).references('orgs', ['code'])] : []),
    },
  )
  return metadata.tables
}

describe('downgrades drop foreign keys before the indexes they need', () => {
  let db: TestDatabase | undefined
  let loop: RevisionLoop | undefined
  afterEach(async () => {
    loop?.remove()
    await db?.drop()
  })

  it('downgrade base works after FK columns with explicit indexes were added step by step on mysql', async () => {
    db = await createTestDatabase('mysql')
    loop = await revisionLoop(db)
    for (const step of [1, 2, 3] as const) {
      await loop.autogenerate(models(step))
      await loop.upgrade()
      expect(await loop.diffs(models(step))).toEqual([])
    }
    await loop.downgrade('-1')
    expect(await loop.diffs(models(2))).toEqual([])
    await loop.downgrade('-1')
    expect(await loop.diffs(models(1))).toEqual([])
    await loop.upgrade()
    await loop.downgrade()
    expect(await loop.tableNames()).toEqual([])
  })

  it('downgrade base works on tables created with FK columns and explicit indexes in one revision on mysql', async () => {
    db = await createTestDatabase('mysql')
    loop = await revisionLoop(db)
    await loop.autogenerate(models(3))
    await loop.upgrade()
    expect(await loop.diffs(models(3))).toEqual([])
    await loop.downgrade()
    expect(await loop.tableNames()).toEqual([])
  })

  it('a revision that removes a foreign key and the index it uses drops the key first, and its downgrade restores both, on mysql', async () => {
    db = await createTestDatabase('mysql')
    loop = await revisionLoop(db)
    await loop.autogenerate(models(3))
    await loop.upgrade()
    const removal = await loop.autogenerate(models(2))
    expect(removal.source.indexOf("dropConstraint('fk_users_org_code'")).toBeLessThan(removal.source.indexOf("dropIndex('ix_users_org_code'"))
    await loop.upgrade()
    expect(await loop.diffs(models(2))).toEqual([])
    await loop.downgrade('-1')
    expect(await loop.diffs(models(3))).toEqual([])
    await loop.downgrade()
    expect(await loop.tableNames()).toEqual([])
  })
})
