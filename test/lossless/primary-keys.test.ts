/**
 * Issue 11: a table-level primary key survives autogenerate → revision file
 * → upgrade with its columns in key order, whatever its name, and `check`
 * sees a key that is missing or ordered differently.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { reflect } from '../../src/dialect/reflector.js'
import { MetaData, primaryKey, t, table } from '../../src/schema/index.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'
import { revisionLoop, type RevisionLoop } from './revision-loop.js'

function models(pkName?: string) {
  const metadata = new MetaData()
  // Columns declared (group_id, user_id), key over (user_id, group_id): column order is not key order.
  table('memberships', { groupId: t.integer().name('group_id').notNull(), userId: t.integer().name('user_id').notNull(), note: t.string(20) }, {
    metadata,
    constraints: (c) => [primaryKey(pkName).on(c.userId, c.groupId)],
  })
  return metadata.tables
}

describe.each(['postgres', 'mysql', 'sqlite'] as const)('table-level primary keys on %s', (kind) => {
  let db: TestDatabase | undefined
  let loop: RevisionLoop | undefined
  afterEach(async () => {
    loop?.remove()
    await db?.drop()
  })

  const names = kind === 'postgres' ? [undefined, 'memberships_pkey', 'pk_memberships_custom'] : [undefined, 'pk_memberships_custom']
  it.each(names)('keeps the key named %s, in key order, through a revision file', async (pkName) => {
    db = await createTestDatabase(kind)
    loop = await revisionLoop(db)
    const tables = models(pkName)
    await loop.autogenerate(tables)
    await loop.upgrade()
    const reflected = (await reflect(loop.conn)).tables.find((x) => x.name === 'memberships')!
    expect(reflected.primaryKey?.columns).toEqual(['user_id', 'group_id'])
    expect(await loop.diffs(tables)).toEqual([])
    await loop.downgrade()
    expect(await loop.tableNames()).toEqual([])
  })

  it('reports a missing primary key and one over the columns in another order', async () => {
    db = await createTestDatabase(kind)
    const conn = await db.connect()
    loop = await revisionLoop(db)
    await conn.execute('CREATE TABLE memberships (group_id INTEGER NOT NULL, user_id INTEGER NOT NULL, note VARCHAR(20))')
    const missing = await loop.diffs(models())
    expect(missing).toEqual([expect.objectContaining({ kind: 'add_constraint', table: 'memberships' })])
    await conn.execute('DROP TABLE memberships')
    await conn.execute('CREATE TABLE memberships (group_id INTEGER NOT NULL, user_id INTEGER NOT NULL, note VARCHAR(20), PRIMARY KEY (group_id, user_id))')
    const reordered = await loop.diffs(models())
    expect(reordered.map((d) => d.kind).sort()).toEqual(['add_constraint', 'remove_constraint'])
    // The revision that fixes it runs, and afterwards nothing is left to find.
    await loop.autogenerate(models())
    await loop.upgrade()
    expect(await loop.diffs(models())).toEqual([])
  })
})
