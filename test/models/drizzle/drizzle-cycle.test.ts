/**
 * Drizzle tables as models, on real databases: autogenerate from empty,
 * upgrade, check is clean, a change in the Drizzle schema is found exactly,
 * downgrade restores.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Athanor } from '../../../src/api.js'
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from '../../support/databases.js'

const SCHEMAS: readonly (readonly [TestDatabaseKind, string])[] = [
  ['postgres', 'pg-shop'],
  ['pglite', 'pg-shop'],
  ['sqlite', 'sqlite-shop'],
  ['mysql', 'mysql-shop'],
]

describe.each(SCHEMAS)('a 12-table Drizzle schema on %s', (kind, fixture) => {
  let db: TestDatabase | undefined
  let dir: string | undefined
  afterEach(async () => {
    await db?.drop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  const models = (variant: string) => join(import.meta.dirname, 'fixtures', `${fixture}${variant}.ts`)
  const athanorFor = (variant: string) => new Athanor({ url: db!.url, models: models(variant), migrations: './migrations', cwd: dir! })

  it('autogenerates, upgrades clean, finds exactly one change, and downgrades back', async () => {
    db = await createTestDatabase(kind)
    dir = mkdtempSync(join(tmpdir(), 'athanor-drizzle-'))
    mkdirSync(join(dir, 'migrations', 'versions'), { recursive: true })

    const v1 = athanorFor('')
    const initial = await v1.autogenerate('initial')
    expect(initial.diffs.filter((d) => d.kind === 'add_table').map((d) => d.table).sort()).toHaveLength(12)
    expect(initial.notCarried).toEqual(['users.settings: $defaultFn runs in the application; the database gets no default for it'])
    await v1.upgrade('head')
    expect(await v1.compareMetadata({ requireHead: true })).toEqual({ upToDate: true, diffs: [], notCarried: [] })

    const v2 = athanorFor('-v2')
    const change = await v2.autogenerate('tag colours')
    expect(change.diffs).toEqual([
      { kind: 'add_column', table: 'tags', column: 'color' },
      { kind: 'add_index', table: 'tags', name: 'ix_tags_color' },
    ])
    await v2.upgrade('head')
    expect((await v2.compareMetadata()).upToDate).toBe(true)

    await v2.downgrade('-1')
    expect(await v1.compareMetadata()).toEqual({ upToDate: true, diffs: [], notCarried: [] })
    await Promise.all([v1.close(), v2.close()])
  })
})
