import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { athanor } from '../cli/cli-process.js'
import { migrationState, versionRows } from '../support/catalog.js'
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from '../support/databases.js'
import { linearRevisions, revisionId, writeMigrationProject, type MigrationProject, type RevisionSpec } from '../support/migration-project.js'

const r = revisionId

/** Kills the process running the revision, as a crash would, when the test asks for it at this point. */
const crash = (point: string) => `  if (process.env.ATHANOR_TEST_CRASH === '${point}') process.kill(process.pid, 'SIGKILL')`

/** Three revisions; the second creates c1 and c2, with crash points between and after. */
function crashingRevisions(): RevisionSpec[] {
  const [first, second, third] = linearRevisions(3)
  return [
    first!,
    {
      ...second!,
      up: {
        code: [
          "  await op.execute('CREATE TABLE c1 (id INTEGER PRIMARY KEY)')",
          crash('between'),
          "  await op.execute('CREATE TABLE c2 (id INTEGER PRIMARY KEY)')",
          crash('after'),
        ].join('\n'),
      },
      down: ['DROP TABLE c2', 'DROP TABLE c1'],
    },
    third!,
  ]
}

const KINDS: readonly TestDatabaseKind[] = ['sqlite', 'postgres', 'mysql']

describe.each(KINDS)('a run killed in the middle of a revision on %s', (kind) => {
  let db: TestDatabase
  let project: MigrationProject
  beforeEach(async () => {
    db = await createTestDatabase(kind)
    project = await writeMigrationProject(crashingRevisions())
    writeFileSync(join(project.dir, 'athanor.config.mjs'), "export default { migrations: './migrations' }\n")
  })
  afterEach(async () => {
    await db.drop()
    project.remove()
  })

  it.each(['between', 'after'])('recovers on the next upgrade when killed %s the DDL statements', async (point) => {
    const killed = athanor(project.dir, ['--url', db.url, 'upgrade', 'head'], { ATHANOR_TEST_CRASH: point })
    expect(killed.code).toBe(-1)
    const rerun = athanor(project.dir, ['--url', db.url, '--json', 'upgrade', 'head'])
    expect(rerun.stderr).toBe('')
    expect(rerun.code).toBe(0)
    expect((JSON.parse(rerun.stdout) as { steps: { revision: string }[] }).steps.map((s) => s.revision)).toEqual([r(2), r(3)])
    expect(await migrationState(db)).toEqual({ rows: [r(3)], tables: ['c1', 'c2', 't1', 't3'] })
  })
})

describe('settling an interrupted revision on mysql', () => {
  let db: TestDatabase
  let project: MigrationProject
  beforeEach(async () => {
    db = await createTestDatabase('mysql')
  })
  afterEach(async () => {
    await db.drop()
    project.remove()
  })

  /** Revision 2 changes a column's type (nothing in the catalog's names shows whether it ran), then the run dies. */
  async function interruptedModify(): Promise<void> {
    const [first, second] = linearRevisions(2)
    project = await writeMigrationProject([
      first!,
      { ...second!, up: { code: ["  await op.execute('ALTER TABLE t1 MODIFY id BIGINT')", crash('after')].join('\n') }, down: ['ALTER TABLE t1 MODIFY id INTEGER'] },
    ])
    writeFileSync(join(project.dir, 'athanor.config.mjs'), "export default { migrations: './migrations' }\n")
    expect(athanor(project.dir, ['--url', db.url, 'upgrade', 'head'], { ATHANOR_TEST_CRASH: 'after' }).code).toBe(-1)
  }

  it('stops with a message naming the revision and the statement, and offers resume and stamp', async () => {
    await interruptedModify()
    const run = athanor(project.dir, ['--url', db.url, 'upgrade', 'head'])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(`error: upgrade ${r(2)} was interrupted at statement 1 "ALTER TABLE t1 MODIFY id BIGINT", and the catalog cannot tell whether it ran`)
    expect(run.stderr).toContain('hint: check the database, then run: athanor resume --applied (it ran) or athanor resume --not-applied (it did not)')
    expect(run.stderr).toContain('athanor stamp REV')
    const json = athanor(project.dir, ['--url', db.url, '--json', 'upgrade', 'head'])
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'E_REVISION_INTERRUPTED' }, revision: r(2), direction: 'up', statement: 'ALTER TABLE t1 MODIFY id BIGINT' })
  })

  it('finishes the revision with resume --applied, and then has nothing to resume', async () => {
    await interruptedModify()
    const resumed = athanor(project.dir, ['--url', db.url, 'resume', '--applied'])
    expect(resumed.stderr).toBe('')
    expect(resumed.code).toBe(0)
    expect(resumed.stdout).toMatch(new RegExp(`up +${r(2)}`))
    const conn = await db.connect()
    expect(await versionRows(conn)).toEqual([r(2)])
    expect((await conn.query('SELECT * FROM athanor_version_journal')).length).toBe(0)
    await conn.close()
    expect(athanor(project.dir, ['--url', db.url, 'resume']).stdout).toContain(`nothing to resume; database at ${r(2)}`)
  })

  it('runs the statement again with resume --not-applied', async () => {
    await interruptedModify()
    expect(athanor(project.dir, ['--url', db.url, 'resume', '--not-applied']).code).toBe(0)
    const conn = await db.connect()
    const [column] = await conn.query<{ type: string }>("SELECT data_type AS type FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 't1'")
    expect(String(column!.type).toLowerCase()).toBe('bigint')
    await conn.close()
  })

  it('lets stamp settle it instead, clearing the journal', async () => {
    await interruptedModify()
    expect(athanor(project.dir, ['--url', db.url, 'stamp', r(2)]).code).toBe(0)
    const run = athanor(project.dir, ['--url', db.url, '--json', 'upgrade', 'head'])
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({ steps: [], current: [r(2)] })
  })

  it('keeps the journal out of autogenerate and the version table as Alembic has it', async () => {
    project = await writeMigrationProject(linearRevisions(1))
    writeFileSync(join(project.dir, 'athanor.config.mjs'), "export default { migrations: './migrations' }\n")
    expect(athanor(project.dir, ['--url', db.url, 'upgrade', 'head']).code).toBe(0)
    const conn = await db.connect()
    const columns = await conn.query<{ name: string }>(
      "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'athanor_version'",
    )
    expect(columns.map((c) => c.name)).toEqual(['version_num'])
    const reflected = await conn.dialect.reflector.reflect(conn, { schemas: [null], includeName: () => true, versionTable: 'athanor_version' })
    expect(reflected.tables.map((t) => t.name)).toEqual(['t1'])
    await conn.close()
  })
})
