/**
 * Issue 11: a check constraint's text is compared as the database writes it
 * (the model's check canonicalized through a scratch table), so a changed
 * expression is found, an unchanged one is not, and unnamed checks take part.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { MetaData, check, sql, t, table } from '../../src/schema/index.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'
import { revisionLoop, type RevisionLoop } from './revision-loop.js'

function models(named: string, unnamed: string | null) {
  const metadata = new MetaData()
  table('payments', { id: t.integer().primaryKey(), amount: t.integer().notNull(), fee: t.integer() }, {
    metadata,
    constraints: () => [check('ck_payments_amount', sql.raw(named)), ...(unnamed === null ? [] : [check(null, sql.raw(unnamed))])],
  })
  return metadata.tables
}

describe.each(['postgres', 'mysql', 'sqlite', 'pglite'] as const)('check constraints on %s', (kind) => {
  let db: TestDatabase | undefined
  let loop: RevisionLoop | undefined
  afterEach(async () => {
    loop?.remove()
    await db?.drop()
  })

  it('finds nothing for its own checks, and finds a changed named check and a changed unnamed one', async () => {
    db = await createTestDatabase(kind)
    loop = await revisionLoop(db)
    await loop.autogenerate(models('amount >= 0', 'fee < 100'))
    await loop.upgrade()
    expect(await loop.diffs(models('amount >= 0', 'fee < 100'))).toEqual([])

    const named = await loop.diffs(models('amount > -1', 'fee < 100'))
    expect(named.map((d) => `${d.kind}:${d.name ?? ''}`).sort()).toEqual(['add_constraint:ck_payments_amount', 'remove_constraint:ck_payments_amount'])

    const unnamed = await loop.diffs(models('amount >= 0', 'fee < 50'))
    expect(unnamed.map((d) => d.kind).sort()).toEqual(kind === 'sqlite' ? ['add_constraint'] : ['add_constraint', 'remove_constraint'])

    const gone = await loop.diffs(models('amount >= 0', null))
    expect(gone.map((d) => d.kind)).toEqual(kind === 'sqlite' ? [] : ['remove_constraint'])
  })

  it('applies a changed check through a revision and then finds nothing', async () => {
    db = await createTestDatabase(kind)
    loop = await revisionLoop(db)
    await loop.autogenerate(models('amount >= 0', null))
    await loop.upgrade()
    await loop.autogenerate(models('amount > -1', null))
    await loop.upgrade()
    expect(await loop.diffs(models('amount > -1', null))).toEqual([])
    await loop.downgrade('-1')
    expect(await loop.diffs(models('amount >= 0', null))).toEqual([])
  })
})
