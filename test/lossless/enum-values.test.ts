/**
 * Issue 11: a value autogenerate adds to a PostgreSQL enum stays when the
 * revision is downgraded (PostgreSQL cannot remove it), so upgrading again
 * must not fail with "enum label … already exists".
 */
import { afterEach, describe, expect, it } from 'vitest'
import { MetaData, t, table } from '../../src/schema/index.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'
import { revisionLoop, type RevisionLoop } from './revision-loop.js'

function models(values: string[]) {
  const metadata = new MetaData()
  table('moods', { id: t.integer().primaryKey(), mood: t.enum('mood', values) }, { metadata })
  return metadata.tables
}

describe.each(['postgres', 'pglite'] as const)('added enum values on %s', (kind) => {
  let db: TestDatabase | undefined
  let loop: RevisionLoop | undefined
  afterEach(async () => {
    loop?.remove()
    await db?.drop()
  })

  it('upgrades again after a downgrade that kept the added value', async () => {
    db = await createTestDatabase(kind)
    loop = await revisionLoop(db)
    await loop.autogenerate(models(['ok', 'good']))
    await loop.upgrade()
    const added = await loop.autogenerate(models(['ok', 'meh', 'good']))
    expect(added.source).toContain("await op.addEnumValue('mood', 'meh', { after: 'ok', ifNotExists: true })")
    await loop.upgrade()
    await loop.downgrade('-1')
    await loop.upgrade()
    expect(await loop.diffs(models(['ok', 'meh', 'good']))).toEqual([])
  })
})
