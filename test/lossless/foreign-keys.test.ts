/**
 * Issue 11: foreign keys that form a cycle, and MariaDB's automatic
 * foreign-key indexes, through autogenerate → revision file → upgrade →
 * check → downgrade base.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { MetaData, index, t, table } from '../../src/schema/index.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'
import { revisionLoop, type RevisionLoop } from './revision-loop.js'

function cycle() {
  const metadata = new MetaData()
  const teams = table('teams', { id: t.integer().primaryKey(), captainId: t.integer().name('captain_id').references(() => players.columns.id) }, { metadata })
  const players = table('players', { id: t.integer().primaryKey(), teamId: t.integer().name('team_id').references(() => teams.columns.id) }, { metadata })
  const nodes = table('nodes', { id: t.integer().primaryKey(), parentId: t.integer().name('parent_id').references(() => nodes.columns.id) }, { metadata })
  return metadata.tables
}

describe.each(['postgres', 'mysql', 'sqlite'] as const)('foreign key cycles on %s', (kind) => {
  let db: TestDatabase | undefined
  let loop: RevisionLoop | undefined
  afterEach(async () => {
    loop?.remove()
    await db?.drop()
  })

  it('creates the tables, then the keys closing the cycle, and drops those keys first on downgrade', async () => {
    db = await createTestDatabase(kind)
    loop = await revisionLoop(db)
    const tables = cycle()
    await loop.autogenerate(tables)
    await loop.upgrade()
    expect(await loop.diffs(tables)).toEqual([])
    await loop.downgrade()
    expect(await loop.tableNames()).toEqual([])
  })

  it('drops a cycle of tables the models no longer have, and the downgrade brings both back', async () => {
    db = await createTestDatabase(kind)
    loop = await revisionLoop(db)
    const tables = cycle()
    await loop.autogenerate(tables)
    await loop.upgrade()
    const rest = tables.filter((x) => x.name === 'nodes')
    await loop.autogenerate(rest)
    await loop.upgrade()
    expect(await loop.tableNames()).toEqual(['nodes'])
    await loop.downgrade('-1')
    expect(await loop.diffs(tables)).toEqual([])
  })
})

describe('MariaDB automatic foreign key indexes', () => {
  let db: TestDatabase | undefined
  let loop: RevisionLoop | undefined
  afterEach(async () => {
    loop?.remove()
    await db?.drop()
  })

  function blog(withIndex: boolean) {
    const metadata = new MetaData()
    const users = table('users', { id: t.integer().primaryKey() }, { metadata })
    table(
      'posts',
      {
        id: t.integer().primaryKey(),
        authorId: t.integer().name('author_id').references(() => users.columns.id),
        editorId: t.integer().name('editor_id').references(() => users.columns.id, { name: 'fk_posts_editor' }),
      },
      { metadata, indexes: (c) => (withIndex ? [index('ix_posts_author').on(c.authorId)] : []) },
    )
    return metadata.tables
  }

  it.each([false, true])('finds nothing after its own migration and downgrades to base (model index on the key: %s)', async (withIndex) => {
    db = await createTestDatabase('mysql')
    loop = await revisionLoop(db)
    const tables = blog(withIndex)
    await loop.autogenerate(tables)
    await loop.upgrade()
    expect(await loop.diffs(tables)).toEqual([])
    await loop.downgrade()
    expect(await loop.tableNames()).toEqual([])
  })
})
