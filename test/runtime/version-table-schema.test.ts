import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readCurrent, runDowngrade, runUpgrade } from '../../src/runtime/commands.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'
import { linearRevisions, revisionId, runtimeOptions, writeMigrationProject, type MigrationProject } from '../support/migration-project.js'

describe.each(['postgres', 'pglite'] as const)('a version table in its own schema on %s', (kind) => {
  let db: TestDatabase
  let project: MigrationProject
  const options = () => runtimeOptions(db.url, { versionTableSchema: 'meta' })
  beforeEach(async () => {
    db = await createTestDatabase(kind)
    project = await writeMigrationProject(linearRevisions(2))
    const conn = await db.connect()
    await conn.execute('CREATE SCHEMA meta')
    await conn.close()
  })
  afterEach(async () => {
    await db.drop()
    project.remove()
  })

  it('is created and read in that schema, not in the default one', async () => {
    await runUpgrade(project.script, 'head', options())
    const conn = await db.connect()
    const where = await conn.query("SELECT table_schema FROM information_schema.tables WHERE table_name = 'athanor_version'")
    await conn.close()
    expect(where).toEqual([{ table_schema: 'meta' }])
    expect(await readCurrent(project.script, options())).toEqual([revisionId(2)])
    expect(await readCurrent(project.script, runtimeOptions(db.url))).toEqual([])
  })

  it('moves down as well as up', async () => {
    await runUpgrade(project.script, 'head', options())
    await runDowngrade(project.script, '-1', options())
    expect(await readCurrent(project.script, options())).toEqual([revisionId(1)])
  })
})
