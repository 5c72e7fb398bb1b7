import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DatabaseError, ErrorCode, RevisionError } from '../../src/errors.js'
import { readCurrent, runDowngrade, runUpgrade } from '../../src/runtime/commands.js'
import { MigrationFailedError } from '../../src/runtime/migration-failed-error.js'
import { migrationState } from '../support/catalog.js'
import { ALL_DATABASES, createTestDatabase, type TestDatabase } from '../support/databases.js'
import { linearRevisions, revisionId, runtimeOptions, writeMigrationProject, type MigrationProject, type RevisionSpec } from '../support/migration-project.js'

const r = revisionId

/** Revision 2 creates two tables, then its third statement fails. */
function failingProject(): RevisionSpec[] {
  const [first, second, third] = linearRevisions(3)
  return [
    first!,
    { ...second!, up: ['CREATE TABLE f1 (id INTEGER)', 'CREATE TABLE f2 (id INTEGER)', 'INSERT INTO no_such_table (id) VALUES (1)'] },
    third!,
  ]
}

/** The same revision 2, fixed so that it also completes where its first statements already ran. */
const fixedSecond: RevisionSpec = {
  ...linearRevisions(2)[1]!,
  up: ['CREATE TABLE IF NOT EXISTS f1 (id INTEGER)', 'CREATE TABLE IF NOT EXISTS f2 (id INTEGER)', 'CREATE TABLE f3 (id INTEGER)'],
}

describe.each(ALL_DATABASES)('a failing revision on %s', (kind) => {
  let db: TestDatabase
  let project: MigrationProject
  beforeEach(async () => {
    db = await createTestDatabase(kind)
    project = await writeMigrationProject(failingProject())
  })
  afterEach(async () => {
    await db.drop()
    project.remove()
  })

  const state = () => migrationState(db)

  async function failedUpgrade(transactionPerMigration = true): Promise<DatabaseError> {
    const error = await runUpgrade(project.script, 'head', runtimeOptions(db.url, { transactionPerMigration })).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DatabaseError)
    return error as DatabaseError
  }

  it('fails with exit code 1, naming the revision, the statement and the cause', async () => {
    const error = await failedUpgrade()
    expect(error.exitCode).toBe(1)
    expect(error.message).toContain(`upgrade ${r(2)} (step 2) failed`)
    expect(error.message).toContain('at statement "INSERT INTO no_such_table (id) VALUES (1)"')
    expect(error.message).toMatch(/no_such_table/)
  })

  it('leaves the version table naming the last revision that completed', async () => {
    const error = await failedUpgrade()
    expect((await state()).rows).toEqual([r(1)])
    expect(error.hint).toContain(`the version table names ${r(1)}`)
  })

  if (kind === 'mysql') {
    it('keeps the DDL that ran before the failure and says so (MariaDB has no transactional DDL)', async () => {
      const error = await failedUpgrade()
      expect((await state()).tables).toEqual(['f1', 'f2', 't1'])
      expect(error.message).toContain('the 2 statement(s) of this revision before the failure may have run and were not rolled back')
    })
  } else {
    it('rolls the failed revision back whole', async () => {
      const error = await failedUpgrade()
      expect((await state()).tables).toEqual(['t1'])
      expect(error.hint).toContain('the revision was rolled back')
      expect(error.message).not.toContain('may have run')
    })

    it('rolls the whole run back when transactionPerMigration is off', async () => {
      const error = await failedUpgrade(false)
      expect(await state()).toEqual({ rows: [], tables: [] })
      expect(error.hint).toContain('the whole run was rolled back')
    })
  }

  it('throws what did run: the steps that finished, the rows now, and the revision and statement that failed', async () => {
    const error = await failedUpgrade()
    expect(error).toBeInstanceOf(MigrationFailedError)
    const { code, steps, current, failed } = error as MigrationFailedError
    expect(code).toBe(ErrorCode.MigrationFailed)
    expect(steps.map((s) => [s.revision, s.message, s.direction])).toEqual([[r(1), 'step 1', 'up']])
    expect(current).toEqual([r(1)])
    expect(failed).toEqual({ revision: r(2), statement: 'INSERT INTO no_such_table (id) VALUES (1)', error: expect.stringMatching(/no_such_table/) })
  })

  it('a failed downgrade lists the steps it took down, and the revision it stopped at', async () => {
    const [first, second, third] = linearRevisions(3)
    const down = await writeMigrationProject([first!, { ...second!, down: ['DROP TABLE no_such_table'] }, third!])
    try {
      await runUpgrade(down.script, 'head', runtimeOptions(db.url))
      const error = await runDowngrade(down.script, 'base', runtimeOptions(db.url)).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(MigrationFailedError)
      const { steps, current, failed } = error as MigrationFailedError
      expect(steps.map((s) => [s.revision, s.direction])).toEqual([[r(3), 'down']])
      expect(current).toEqual([r(2)])
      expect(failed).toMatchObject({ revision: r(2), statement: 'DROP TABLE no_such_table' })
    } finally {
      down.remove()
    }
  })

  it('completes on a rerun once the revision is fixed', async () => {
    await failedUpgrade()
    project.rewrite(fixedSecond)
    const result = await runUpgrade(project.script, 'head', runtimeOptions(db.url))
    expect(result.steps.map((s) => s.revision)).toEqual([r(2), r(3)])
    expect(await state()).toEqual({ rows: [r(3)], tables: ['f1', 'f2', 'f3', 't1', 't3'] })
  })
})

describe('revisions that cannot run (sqlite)', () => {
  let db: TestDatabase
  let project: MigrationProject
  beforeEach(async () => {
    db = await createTestDatabase('sqlite')
  })
  afterEach(async () => {
    await db.drop()
    project.remove()
  })

  it('refuses a revision file without a downgrade function with a RevisionError, leaving nothing behind', async () => {
    project = await writeMigrationProject(linearRevisions(1))
    const file = join(project.versionsDir, readdirSync(project.versionsDir)[0]!)
    writeFileSync(file, readFileSync(file, 'utf8').replace('function downgrade(', 'function downgradeMisnamed('))
    const error = await runUpgrade(project.script, 'head', runtimeOptions(db.url)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RevisionError)
    expect((error as RevisionError).message).toContain(`revision ${r(1)}`)
    expect((error as RevisionError).message).toContain('does not export a downgrade(op) function')
    expect(await readCurrent(project.script, runtimeOptions(db.url))).toEqual([])
  })

  it('refuses to plan from a version row no revision file defines, pointing at stamp --purge', async () => {
    project = await writeMigrationProject(linearRevisions(2))
    const conn = await db.connect()
    await conn.execute('CREATE TABLE athanor_version (version_num VARCHAR(255) NOT NULL PRIMARY KEY)')
    await conn.execute("INSERT INTO athanor_version (version_num) VALUES ('0123456789ab')")
    const error = await runUpgrade(project.script, 'head', runtimeOptions(db.url)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RevisionError)
    expect((error as RevisionError).message).toBe('the database is at revision 0123456789ab, which no revision file in this project defines')
    expect((error as RevisionError).hint).toContain('stamp --purge')
  })
})
