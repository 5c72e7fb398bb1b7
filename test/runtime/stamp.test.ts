import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { UsageError } from '../../src/errors.js'
import { runStamp, runUpgrade } from '../../src/runtime/commands.js'
import { listTables, versionRows } from '../support/catalog.js'
import { ALL_DATABASES, createTestDatabase, type TestDatabase } from '../support/databases.js'
import { linearRevisions, revisionId, runtimeOptions, writeMigrationProject, type MigrationProject, type RevisionSpec } from '../support/migration-project.js'

const r = revisionId

/** a line of three, and a second branch "side" off the first revision */
const specs: RevisionSpec[] = [
  ...linearRevisions(3),
  { id: 'eeeeeeeeeee1', parent: r(1), branchLabels: ['side'], message: 'side 1', up: ['CREATE TABLE s1 (id INTEGER)'], down: ['DROP TABLE s1'] },
  { id: 'eeeeeeeeeee2', parent: 'eeeeeeeeeee1', message: 'side 2', up: ['CREATE TABLE s2 (id INTEGER)'], down: ['DROP TABLE s2'] },
]

describe.each(ALL_DATABASES)('stamp on %s', (kind) => {
  let db: TestDatabase
  let project: MigrationProject
  beforeEach(async () => {
    db = await createTestDatabase(kind)
    project = await writeMigrationProject(specs)
  })
  afterEach(async () => {
    await db.drop()
    project.remove()
  })

  async function rows(): Promise<string[]> {
    const conn = await db.connect()
    try {
      return await versionRows(conn)
    } finally {
      await conn.close()
    }
  }

  it('writes the version table without running any revision', async () => {
    const result = await runStamp(project.script, [r(3)], runtimeOptions(db.url))
    expect(result.steps).toEqual([])
    expect(result.current).toEqual([r(3)])
    expect(await rows()).toEqual([r(3)])
    const conn = await db.connect()
    expect(await listTables(conn, kind)).toEqual(['athanor_version'])
    await conn.close()
  })

  it('replaces the row on the same line of history, up or down', async () => {
    await runStamp(project.script, [r(3)], runtimeOptions(db.url))
    await runStamp(project.script, [r(2)], runtimeOptions(db.url))
    expect(await rows()).toEqual([r(2)])
  })

  it('adds a row for another branch and keeps the first', async () => {
    await runStamp(project.script, [r(3)], runtimeOptions(db.url))
    const result = await runStamp(project.script, ['side@head'], runtimeOptions(db.url))
    expect(result.current).toEqual([r(3), 'eeeeeeeeeee2'])
    expect(await rows()).toEqual([r(3), 'eeeeeeeeeee2'])
  })

  it('stamps several targets at once', async () => {
    await runStamp(project.script, [r(2), 'eeeeeeeeeee1'], runtimeOptions(db.url))
    expect(await rows()).toEqual([r(2), 'eeeeeeeeeee1'])
  })

  it('empties the table when stamping base', async () => {
    await runStamp(project.script, [r(3), 'eeeeeeeeeee2'], runtimeOptions(db.url))
    await runStamp(project.script, ['base'], runtimeOptions(db.url))
    expect(await rows()).toEqual([])
  })

  it('refuses a row no revision file defines unless --purge, which replaces everything', async () => {
    const conn = await db.connect()
    await runStamp(project.script, [r(1)], runtimeOptions(db.url))
    await conn.execute('UPDATE athanor_version SET version_num = ?', ['deadbeef0000'])
    const refused = await runStamp(project.script, [r(2)], runtimeOptions(db.url)).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(UsageError)
    expect((refused as UsageError).hint).toContain('--purge')
    const purged = await runStamp(project.script, [r(2)], { ...runtimeOptions(db.url), purge: true })
    expect(purged.current).toEqual([r(2)])
    expect(await versionRows(conn)).toEqual([r(2)])
  })

  it('lets upgrade continue from a stamped revision', async () => {
    await runStamp(project.script, [r(2)], runtimeOptions(db.url))
    const result = await runUpgrade(project.script, r(3), runtimeOptions(db.url))
    expect(result.steps.map((s) => s.revision)).toEqual([r(3)])
  })
})
