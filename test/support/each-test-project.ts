/**
 * The set-up most runtime tests share: a fresh database of one kind for each
 * test, dropped after it, and the migration project the test wrote removed.
 *
 * @example
 * describe.each(ALL_DATABASES)('%s', (kind) => {
 *   const t = eachTestProject(kind)
 *   it('upgrades', async () => {
 *     t.project = await writeMigrationProject([{ id: revisionId(1), parent: null, up: ['CREATE TABLE a (id INTEGER)'] }])
 *     await runUpgrade(t.project.script, 'head', runtimeOptions(t.db.url))
 *   })
 * })
 */
import { afterEach, beforeEach } from 'vitest'
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from './databases.js'
import type { MigrationProject } from './migration-project.js'

/** What a test of `eachTestProject` reads (`db`) and sets (`project`, removed after it). */
export interface TestProject {
  db: TestDatabase
  project: MigrationProject | undefined
}

/**
 * Registers the hooks that give each test its own database of `kind` and remove its project.
 *
 * @example
 * const t = eachTestProject('sqlite') // then t.db.url, t.project = await writeMigrationProject(…)
 */
export function eachTestProject(kind: TestDatabaseKind): TestProject {
  const state = { project: undefined } as TestProject
  beforeEach(async () => {
    state.project = undefined
    state.db = await createTestDatabase(kind)
  })
  afterEach(async () => {
    await state.db.drop()
    state.project?.remove()
  })
  return state
}
