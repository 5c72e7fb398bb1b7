/**
 * `upgrade --dry-run` runs the pending revisions for real against the live
 * database (so `op.query` reads its rows) inside a transaction that is rolled
 * back: the result says what would run and what the version table would
 * say, and afterwards the version table, the catalog and the rows are as
 * they were. On MariaDB, whose DDL commits itself, they run in a throwaway
 * database holding a copy of the schema and the version table (no other rows).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runDowngrade, runUpgrade } from '../../src/runtime/commands.js'
import { describeTables, versionRows } from '../support/catalog.js'
import { ALL_DATABASES, createTestDatabase, type TestDatabase } from '../support/databases.js'
import { revisionId, runtimeOptions, writeMigrationProject, type MigrationProject } from '../support/migration-project.js'


const revisions = [
  { id: revisionId(1), parent: null, message: 'create t1', up: ['CREATE TABLE t1 (id INTEGER)', 'INSERT INTO t1 (id) VALUES (1), (2), (3)'], down: ['DROP TABLE t1'] },
  {
    id: revisionId(2),
    parent: revisionId(1),
    message: 'count t1',
    up: {
      code: [
        "  const rows = await op.query('SELECT count(*) AS n FROM t1')",
        "  await op.execute('CREATE TABLE t2 (n INTEGER)')",
        "  await op.execute('INSERT INTO t2 (n) VALUES (?)', [Number(rows[0].n)])",
        "  await op.execute('DELETE FROM t1 WHERE id = 1')",
      ].join('\n'),
    },
    down: ['DROP TABLE t2'],
  },
]

/** What a dry run must leave as it found: the version table, every table's columns, and t1's rows. */
async function snapshot(db: TestDatabase): Promise<unknown> {
  const conn = await db.connect()
  try {
    const tables = await describeTables(conn, db.kind)
    return {
      tables,
      rows: 'athanor_version' in tables ? await versionRows(conn) : null,
      t1: 't1' in tables ? await conn.query('SELECT id FROM t1 ORDER BY id') : null,
    }
  } finally {
    await conn.close()
  }
}

describe.each(ALL_DATABASES)('upgrade --dry-run on %s', (kind) => {
  let db: TestDatabase
  let project: MigrationProject
  beforeEach(async () => {
    db = await createTestDatabase(kind)
    project = await writeMigrationProject(revisions)
  })
  afterEach(async () => {
    await db.drop()
    project.remove()
  })

  it('runs the pending revisions for real, op.query included, says what would change, and leaves everything as it was', async () => {
    await runUpgrade(project.script, revisionId(1), runtimeOptions(db.url))
    const before = await snapshot(db)
    const result = await runUpgrade(project.script, 'head', { ...runtimeOptions(db.url), dryRun: true })
    expect(result.dryRun).toBe(true)
    expect(result.steps.map((s) => [s.revision, s.direction])).toEqual([[revisionId(2), 'up']])
    expect(result.current).toEqual([revisionId(2)])
    // The count op.query read made it into the statement that ran: the live rows, or the scratch copy's none.
    expect(result.sql).toContain(`INSERT INTO t2 (n) VALUES (${kind === 'mysql' ? 0 : 3});`)
    if (kind === 'mysql') expect(result.scratch).toMatch(/^a throwaway database athanor_scratch_\w+ on the configured server/)
    expect(result.sql).toContain(`-- Running upgrade ${revisionId(1)} -> ${revisionId(2)}, count t1`)
    expect(await snapshot(db)).toEqual(before)
    // And the real run still finds everything to do.
    expect((await runUpgrade(project.script, 'head', runtimeOptions(db.url))).steps.map((s) => s.revision)).toEqual([revisionId(2)])
  })

  it('on a database never migrated, creates no version table', async () => {
    const before = await snapshot(db)
    const result = await runUpgrade(project.script, 'head', { ...runtimeOptions(db.url), dryRun: true })
    expect(result.steps.map((s) => s.revision)).toEqual([revisionId(1), revisionId(2)])
    expect(await snapshot(db)).toEqual(before)
  })

  it('downgrade --dry-run rolls back too', async () => {
    await runUpgrade(project.script, 'head', runtimeOptions(db.url))
    const before = await snapshot(db)
    const result = await runDowngrade(project.script, 'base', { ...runtimeOptions(db.url), dryRun: true })
    expect(result.steps.map((s) => [s.revision, s.direction])).toEqual([
      [revisionId(2), 'down'],
      [revisionId(1), 'down'],
    ])
    expect(result.current).toEqual([])
    expect(await snapshot(db)).toEqual(before)
  })

  it('a failing revision fails the dry run as it would the run, and still changes nothing', async () => {
    await runUpgrade(project.script, revisionId(1), runtimeOptions(db.url))
    project.rewrite({ ...revisions[1]!, up: ['CREATE TABLE t2 (n INTEGER)', 'INSERT INTO nowhere (n) VALUES (1)'] })
    const before = await snapshot(db)
    await expect(runUpgrade(project.script, 'head', { ...runtimeOptions(db.url), dryRun: true })).rejects.toThrow(/failed at statement "INSERT INTO nowhere/)
    expect(await snapshot(db)).toEqual(before)
  })
})
