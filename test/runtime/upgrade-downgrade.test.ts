import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { UsageError } from '../../src/errors.js'
import { readCurrent, runDowngrade, runUpgrade, type StepResult } from '../../src/runtime/commands.js'
import { listTables, versionRows } from '../support/catalog.js'
import { ALL_DATABASES, createTestDatabase, type TestDatabase } from '../support/databases.js'
import { linearRevisions, revisionId, runtimeOptions, writeMigrationProject, type MigrationProject } from '../support/migration-project.js'

const r = revisionId

describe.each(ALL_DATABASES)('upgrade and downgrade on %s', (kind) => {
  let db: TestDatabase
  let project: MigrationProject
  beforeEach(async () => {
    db = await createTestDatabase(kind)
    project = await writeMigrationProject(linearRevisions(3))
  })
  afterEach(async () => {
    await db.drop()
    project.remove()
  })

  async function tables(): Promise<string[]> {
    const conn = await db.connect()
    try {
      return await listTables(conn, kind)
    } finally {
      await conn.close()
    }
  }

  it('upgrades an empty database to head, creating the version table and one row', async () => {
    const result = await runUpgrade(project.script, 'head', runtimeOptions(db.url))
    expect(result.steps.map((s) => [s.revision, s.direction])).toEqual([
      [r(1), 'up'],
      [r(2), 'up'],
      [r(3), 'up'],
    ])
    expect(result.current).toEqual([r(3)])
    expect(await tables()).toEqual(['athanor_version', 'athanor_version_checksums', 't1', 't2', 't3'])
    const conn = await db.connect()
    expect(await versionRows(conn)).toEqual([r(3)])
  })

  it('downgrades from head to base, leaving an empty version table', async () => {
    await runUpgrade(project.script, 'head', runtimeOptions(db.url))
    const result = await runDowngrade(project.script, 'base', runtimeOptions(db.url))
    expect(result.steps.map((s) => [s.revision, s.direction])).toEqual([
      [r(3), 'down'],
      [r(2), 'down'],
      [r(1), 'down'],
    ])
    expect(result.current).toEqual([])
    expect(await tables()).toEqual(['athanor_version', 'athanor_version_checksums'])
    expect(await readCurrent(project.script, runtimeOptions(db.url))).toEqual([])
  })

  it('moves by relative steps: +2 up, then -1 down', async () => {
    const up = await runUpgrade(project.script, '+2', runtimeOptions(db.url))
    expect(up.current).toEqual([r(2)])
    expect(await tables()).toEqual(['athanor_version', 'athanor_version_checksums', 't1', 't2'])
    const down = await runDowngrade(project.script, '-1', runtimeOptions(db.url))
    expect(down.steps.map((s) => s.revision)).toEqual([r(2)])
    expect(down.current).toEqual([r(1)])
    expect(await tables()).toEqual(['athanor_version', 'athanor_version_checksums', 't1'])
  })

  it('upgrades to a named revision and then on to head', async () => {
    expect((await runUpgrade(project.script, r(2), runtimeOptions(db.url))).current).toEqual([r(2)])
    const rest = await runUpgrade(project.script, 'head', runtimeOptions(db.url))
    expect(rest.steps.map((s) => s.revision)).toEqual([r(3)])
  })

  it('does nothing when already at the target', async () => {
    await runUpgrade(project.script, 'head', runtimeOptions(db.url))
    const again = await runUpgrade(project.script, 'head', runtimeOptions(db.url))
    expect(again.steps).toEqual([])
    expect(again.current).toEqual([r(3)])
  })

  it('refuses an upgrade target below the current revision', async () => {
    await runUpgrade(project.script, 'head', runtimeOptions(db.url))
    const error = await runUpgrade(project.script, r(1), runtimeOptions(db.url)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UsageError)
    expect((error as UsageError).message).toContain('not a valid upgrade target')
  })

  it('refuses a downgrade target above the current revision', async () => {
    await runUpgrade(project.script, r(1), runtimeOptions(db.url))
    const error = await runDowngrade(project.script, r(3), runtimeOptions(db.url)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UsageError)
    expect((error as UsageError).message).toContain(r(3))
  })

  it('reports each step through onStep as it finishes, with its timing', async () => {
    const seen: StepResult[] = []
    await runUpgrade(project.script, 'head', runtimeOptions(db.url, { onStep: (step) => seen.push(step) }))
    expect(seen.map((s) => s.revision)).toEqual([r(1), r(2), r(3)])
    expect(seen.every((s) => s.ms >= 0 && s.message.startsWith('step '))).toBe(true)
  })

  it('runs the whole upgrade in one transaction when transactionPerMigration is off', async () => {
    const result = await runUpgrade(project.script, 'head', runtimeOptions(db.url, { transactionPerMigration: false }))
    expect(result.current).toEqual([r(3)])
    expect(await tables()).toEqual(['athanor_version', 'athanor_version_checksums', 't1', 't2', 't3'])
  })

  it('reads current as [] from a database without a version table, and creates nothing', async () => {
    expect(await readCurrent(project.script, runtimeOptions(db.url))).toEqual([])
    expect(await tables()).toEqual([])
  })

  it('sends per revision its own statements, one version-table write, its checksum and the transaction control', async () => {
    const one = await runUpgrade(project.script, '+1', runtimeOptions(db.url))
    const two = await runUpgrade(project.script, '+2', runtimeOptions(db.url))
    // BEGIN, the revision's CREATE TABLE, the version UPDATE, the checksum's DELETE and INSERT, COMMIT; SQLite also re-reads
    // the version table inside each BEGIN IMMEDIATE, because its lock is the transaction,
    // and runs PRAGMA foreign_key_check before each COMMIT (enforcement is off during the run).
    // MySQL also journals the running revision (its DDL commits by itself): the entry's INSERT,
    // one journal UPDATE before each statement, and a START TRANSACTION (the DDL ended the first)
    // so the entry's DELETE commits with the version write.
    const perRevision = kind === 'sqlite' ? 8 : kind === 'mysql' ? 10 : 6
    expect(two.statements! - one.statements!).toBe(perRevision)
  })

  it('uses a custom version table name', async () => {
    await runUpgrade(project.script, '+1', runtimeOptions(db.url, { versionTable: 'schema_revisions' }))
    expect(await tables()).toEqual(['schema_revisions', 'schema_revisions_checksums', 't1'])
    expect(await readCurrent(project.script, runtimeOptions(db.url, { versionTable: 'schema_revisions' }))).toEqual([r(1)])
  })
})
