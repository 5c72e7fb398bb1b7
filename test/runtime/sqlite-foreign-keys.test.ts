import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DatabaseConnection } from '../../src/dialect/dialect.js'
import { sqliteRuntime } from '../../src/dialect/sqlite/sqlite-runtime.js'
import { DatabaseError } from '../../src/errors.js'
import { runUpgrade } from '../../src/runtime/commands.js'
import { OnlineExecutor } from '../../src/runtime/online-executor.js'
import { versionRows } from '../support/catalog.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'
import { revisionId, runtimeOptions, writeMigrationProject, type MigrationProject, type RevisionSpec } from '../support/migration-project.js'

const r = revisionId

/** Revision 1: a parent with five rows, each with one child that cascades on delete. */
const schema: RevisionSpec = {
  id: r(1),
  parent: null,
  message: 'parent and child',
  up: [
    'CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT)',
    'CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent (id) ON DELETE CASCADE)',
    "INSERT INTO parent (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'), (5, 'e')",
    'INSERT INTO child (id, parent_id) VALUES (1, 1), (2, 2), (3, 3), (4, 4), (5, 5)',
  ],
  down: ['DROP TABLE child', 'DROP TABLE parent'],
}

/** Revision 2 with the given body, after {@link schema}. */
function second(code: string): RevisionSpec {
  return { id: r(2), parent: r(1), message: 'second', up: { code }, down: [] }
}

/** Rebuilds parent by move-and-copy (NOT NULL needs a copy on SQLite). */
const REBUILD_PARENT = `  await op.batchAlterTable('parent', (b) => { b.alterColumn('name', { nullable: false }) })\n`

describe('SQLite foreign keys during a migration run', () => {
  let db: TestDatabase
  let project: MigrationProject | undefined
  beforeEach(async () => {
    db = await createTestDatabase('sqlite')
  })
  afterEach(async () => {
    await db.drop()
    project?.remove()
    project = undefined
  })

  async function upgradeWith(code: string, transactionPerMigration = true): Promise<unknown> {
    project = await writeMigrationProject([schema, second(code)])
    return runUpgrade(project.script, 'head', runtimeOptions(db.url, { transactionPerMigration })).catch((e: unknown) => e)
  }

  async function snapshot(): Promise<{ parentSql: string; parents: number; children: unknown[]; rows: string[] }> {
    const conn = await db.connect()
    try {
      const [parent] = await conn.query("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'parent'")
      const [parents] = await conn.query('SELECT count(*) AS n FROM parent')
      return {
        parentSql: String(parent?.sql),
        parents: Number(parents?.n),
        children: await conn.query('SELECT id, parent_id FROM child ORDER BY id'),
        rows: await versionRows(conn),
      }
    } finally {
      await conn.close()
    }
  }

  it('rebuilds a parent with cascading children inside the revision, keeping every child row', async () => {
    const result = await upgradeWith(REBUILD_PARENT)
    expect(result).not.toBeInstanceOf(Error)
    const after = await snapshot()
    expect(after.parentSql).toMatch(/"name" TEXT NOT NULL/i)
    expect(after.children).toHaveLength(5)
    expect(after.rows).toEqual([r(2)])
  })

  it('rolls back a revision whole when it fails after batch-altering a parent that cascades to a child', async () => {
    project = await writeMigrationProject([schema, second(`${REBUILD_PARENT}  await op.execute('INSERT INTO no_such_table (id) VALUES (1)')`)])
    await runUpgrade(project.script, '+1', runtimeOptions(db.url))
    const before = await snapshot()
    const error = await runUpgrade(project.script, 'head', runtimeOptions(db.url)).catch((e: unknown) => e)
    expect((error as DatabaseError).message).toContain(`upgrade ${r(2)} (second) failed at statement "INSERT INTO no_such_table`)
    const after = await snapshot()
    expect(after).toEqual(before)
    expect(after.parentSql).not.toMatch(/NOT NULL/i)
    expect(after.children).toEqual([1, 2, 3, 4, 5].map((n) => ({ id: n, parent_id: n })))
    expect(after.rows).toEqual([r(1)])
  })

  it('fails a revision that leaves a dangling foreign key at its commit, naming the table and the reference', async () => {
    const error = await upgradeWith('  await op.execute("INSERT INTO child (id, parent_id) VALUES (99, 12345)")')
    expect(error).toBeInstanceOf(DatabaseError)
    const failure = error as DatabaseError
    expect(failure.exitCode).toBe(1)
    expect(failure.message).toBe(
      `upgrade ${r(2)} (second) failed: foreign key check failed before commit: 1 row(s) of "child" (parent_id) refer to no row of "parent" (id)`,
    )
    expect(failure.hint).toBe(`the revision was rolled back; the version table names ${r(1)}`)
    const after = await snapshot()
    expect(after.children).toHaveLength(5)
    expect(after.rows).toEqual([r(1)])
  })

  it('rolls back the whole run on a dangling foreign key when the run is one transaction', async () => {
    const error = await upgradeWith('  await op.execute("INSERT INTO child (id, parent_id) VALUES (99, 12345)")', false)
    expect(error).toBeInstanceOf(DatabaseError)
    expect((error as DatabaseError).message).toMatch(/foreign key check failed before commit: 1 row\(s\) of "child" \(parent_id\)/)
    const conn = await db.connect()
    expect(await conn.query("SELECT name FROM sqlite_master WHERE name IN ('parent', 'child')")).toEqual([])
    expect(await versionRows(conn)).toEqual([])
  })

  it('does not cascade a delete during the run: deleting a parent that still has children fails the revision', async () => {
    const error = await upgradeWith('  await op.execute("DELETE FROM parent WHERE id = 3")')
    expect((error as DatabaseError).message).toContain('1 row(s) of "child" (parent_id) refer to no row of "parent" (id)')
    const after = await snapshot()
    expect(after.parents).toBe(5)
    expect(after.children).toHaveLength(5)
  })

  it('runs the revisions with enforcement off', async () => {
    await upgradeWith(`  await op.execute('CREATE TABLE seen AS SELECT foreign_keys FROM pragma_foreign_keys')`)
    const conn = await db.connect()
    expect(await conn.query('SELECT foreign_keys FROM seen')).toEqual([{ foreign_keys: 0 }])
  })
})

describe("the SQLite migration lock and the connection's foreign_keys setting", () => {
  let db: TestDatabase
  let conn: DatabaseConnection
  beforeEach(async () => {
    db = await createTestDatabase('sqlite')
    conn = await db.connect()
    await conn.execute('CREATE TABLE parent (id INTEGER PRIMARY KEY)')
    await conn.execute('CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id))')
  })
  afterEach(async () => {
    await db.drop()
  })

  const setting = async () => Number(Object.values((await conn.query('PRAGMA foreign_keys'))[0]!)[0])
  const lockOn = () => sqliteRuntime.acquireLock(conn, { name: 'athanor_version', timeoutMs: 1_000 })

  it('turns enforcement on again after a run that found it on', async () => {
    expect(await setting()).toBe(1)
    const lock = await lockOn()
    const executor = new OnlineExecutor(conn, lock)
    await executor.begin()
    await executor.run({ sql: 'INSERT INTO parent (id) VALUES (1)' })
    await executor.commit()
    await lock.release()
    expect(await setting()).toBe(1)
  })

  it('turns enforcement on again after a run that failed its foreign key check', async () => {
    const lock = await lockOn()
    const executor = new OnlineExecutor(conn, lock)
    await executor.begin()
    await executor.run({ sql: 'INSERT INTO child (id, parent_id) VALUES (1, 42)' })
    await expect(executor.commit()).rejects.toThrow(/foreign key check failed before commit/)
    await executor.rollback()
    await lock.release()
    expect(await setting()).toBe(1)
    expect(await conn.query('SELECT * FROM child')).toEqual([])
  })

  it('leaves enforcement off, and checks nothing, after a run that found it off', async () => {
    await conn.execute('PRAGMA foreign_keys = OFF')
    const lock = await lockOn()
    const executor = new OnlineExecutor(conn, lock)
    await executor.begin()
    await executor.run({ sql: 'INSERT INTO child (id, parent_id) VALUES (1, 42)' })
    await executor.commit()
    await lock.release()
    expect(await setting()).toBe(0)
    expect(await conn.query('SELECT id FROM child')).toEqual([{ id: 1 }])
  })
})
