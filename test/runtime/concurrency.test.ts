import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { versionRows } from '../support/catalog.js'
import { createTestDatabase, SERVER_DATABASES, type TestDatabase, type TestDatabaseKind } from '../support/databases.js'
import { linearRevisions, revisionId, writeMigrationProject, type MigrationProject } from '../support/migration-project.js'

const child = join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures', 'upgrade-child.mjs')
const PROCESSES = 8
const REVISIONS = 50

/** 50 revisions; the first creates a log table, every one (the first included) logs itself once. */
function loggingRevisions() {
  return linearRevisions(REVISIONS, (n) => ({
    up: {
      code: [
        n === 1 ? "  await op.execute('CREATE TABLE run_log (revision VARCHAR(20) NOT NULL)')" : '',
        `  await op.execute('INSERT INTO run_log (revision) VALUES (?)', [${JSON.stringify(revisionId(n))}])`,
      ].join('\n'),
    },
    down: [],
  }))
}

interface ChildOutcome {
  code: number | null
  stdout: string
  stderr: string
}

function runChild(migrationsDir: string, url: string): Promise<ChildOutcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, [child, migrationsDir, url], { timeout: 240_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr })
    })
  })
}

const cases: ReadonlyArray<{ kind: TestDatabaseKind; label: string; wal?: boolean }> = [
  ...SERVER_DATABASES.map((kind) => ({ kind, label: kind })),
  { kind: 'sqlite', label: 'sqlite (rollback journal)' },
  { kind: 'sqlite', label: 'sqlite (WAL)', wal: true },
]

describe.each(cases)(`${PROCESSES} processes upgrading one $label database at once`, ({ kind, wal }) => {
  let db: TestDatabase
  let project: MigrationProject
  beforeEach(async () => {
    db = await createTestDatabase(kind)
    project = await writeMigrationProject(loggingRevisions())
  })
  afterEach(async () => {
    await db.drop()
    project.remove()
  })

  it('applies every revision exactly once and every process exits 0', { timeout: 300_000 }, async () => {
    if (wal === true) {
      const conn = await db.connect()
      await conn.query('PRAGMA journal_mode = WAL')
      await conn.close()
    }
    const migrationsDir = join(project.dir, 'migrations')
    const outcomes = await Promise.all(Array.from({ length: PROCESSES }, () => runChild(migrationsDir, db.url)))
    expect(outcomes.map((o) => [o.code, o.stderr])).toEqual(outcomes.map(() => [0, '']))

    const results = outcomes.map((o) => JSON.parse(o.stdout) as { steps: string[]; current: string[] })
    expect(results.flatMap((r) => r.steps).sort()).toEqual(linearRevisions(REVISIONS).map((r) => r.id))
    expect(results.every((r) => r.current.length === 1 && r.current[0] === revisionId(REVISIONS))).toBe(true)

    const conn = await db.connect()
    const logged = await conn.query<{ revision: string }>('SELECT revision FROM run_log')
    expect(logged.map((row) => row.revision).sort()).toEqual(linearRevisions(REVISIONS).map((r) => r.id))
    expect(await versionRows(conn)).toEqual([revisionId(REVISIONS)])
    await conn.close()
  })
})
