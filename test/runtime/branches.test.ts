import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runDowngrade, runUpgrade } from '../../src/runtime/commands.js'
import { migrationState } from '../support/catalog.js'
import { ALL_DATABASES, createTestDatabase, type TestDatabase } from '../support/databases.js'
import { runtimeOptions, writeMigrationProject, type MigrationProject, type RevisionSpec } from '../support/migration-project.js'

/** a1 ─┬─ x1 ─ x2      branches labelled "xs" and "ys"
 *      └─ y1 ─ y2 */
const branchy: RevisionSpec[] = [
  table('a1a1a1a1a1a1', null, 'a'),
  { ...table('b1b1b1b1b1b1', 'a1a1a1a1a1a1', 'x1'), branchLabels: ['xs'] },
  table('b2b2b2b2b2b2', 'b1b1b1b1b1b1', 'x2'),
  { ...table('c1c1c1c1c1c1', 'a1a1a1a1a1a1', 'y1'), branchLabels: ['ys'] },
  table('c2c2c2c2c2c2', 'c1c1c1c1c1c1', 'y2'),
]

/** The same two branches joined again by a merge revision d9. */
const merged: RevisionSpec[] = [...branchy, { id: 'd9d9d9d9d9d9', parent: ['b2b2b2b2b2b2', 'c2c2c2c2c2c2'], message: 'merge', up: [], down: [] }]

function table(id: string, parent: string | null, name: string): RevisionSpec {
  return { id, parent, message: `create ${name}`, up: [`CREATE TABLE ${name} (id INTEGER)`], down: [`DROP TABLE ${name}`] }
}

describe.each(ALL_DATABASES)('branches on %s', (kind) => {
  let db: TestDatabase
  let project: MigrationProject
  beforeEach(async () => {
    db = await createTestDatabase(kind)
    project = await writeMigrationProject(branchy)
  })
  afterEach(async () => {
    await db.drop()
    project.remove()
  })

  const state = () => migrationState(db)

  it('upgrades one branch only with label@head', async () => {
    const result = await runUpgrade(project.script, 'xs@head', runtimeOptions(db.url))
    expect(result.current).toEqual(['b2b2b2b2b2b2'])
    expect(await state()).toEqual({ rows: ['b2b2b2b2b2b2'], tables: ['a', 'x1', 'x2'] })
  })

  it('keeps one row per branch head while the branches differ', async () => {
    await runUpgrade(project.script, 'xs@head', runtimeOptions(db.url))
    const result = await runUpgrade(project.script, 'ys@+1', runtimeOptions(db.url))
    expect(result.steps.map((s) => s.revision)).toEqual(['c1c1c1c1c1c1'])
    expect(await state()).toEqual({ rows: ['b2b2b2b2b2b2', 'c1c1c1c1c1c1'], tables: ['a', 'x1', 'x2', 'y1'] })
  })

  it('steps one branch down with label@-1, leaving the other branch alone', async () => {
    await runUpgrade(project.script, 'xs@head', runtimeOptions(db.url))
    await runUpgrade(project.script, 'ys@head', runtimeOptions(db.url))
    const result = await runDowngrade(project.script, 'xs@-1', runtimeOptions(db.url))
    expect(result.steps.map((s) => s.revision)).toEqual(['b2b2b2b2b2b2'])
    expect(await state()).toEqual({ rows: ['b1b1b1b1b1b1', 'c2c2c2c2c2c2'], tables: ['a', 'x1', 'y1', 'y2'] })
  })

  it('upgrades through the merge to a single head row', async () => {
    project.remove()
    project = await writeMigrationProject(merged)
    const result = await runUpgrade(project.script, 'heads', runtimeOptions(db.url))
    expect(result.steps).toHaveLength(6)
    expect(result.steps.at(-1)?.revision).toBe('d9d9d9d9d9d9')
    expect(await state()).toEqual({ rows: ['d9d9d9d9d9d9'], tables: ['a', 'x1', 'x2', 'y1', 'y2'] })
  })

  it('un-merges into two rows when stepping down below the merge', async () => {
    project.remove()
    project = await writeMigrationProject(merged)
    await runUpgrade(project.script, 'head', runtimeOptions(db.url))
    const result = await runDowngrade(project.script, 'b2b2b2b2b2b2', runtimeOptions(db.url))
    expect(result.steps.map((s) => s.revision)).toEqual(['d9d9d9d9d9d9'])
    expect(result.current).toEqual(['b2b2b2b2b2b2', 'c2c2c2c2c2c2'])
    expect((await state()).rows).toEqual(['b2b2b2b2b2b2', 'c2c2c2c2c2c2'])
  })

  it('downgrades both branches to base', async () => {
    await runUpgrade(project.script, 'heads', runtimeOptions(db.url))
    await runDowngrade(project.script, 'base', runtimeOptions(db.url))
    expect(await state()).toEqual({ rows: [], tables: [] })
  })
})
