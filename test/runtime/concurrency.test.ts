import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { versionRows } from '../support/catalog.js'
import { createTestDatabase, SERVER_DATABASES, type TestDatabase, type TestDatabaseKind } from '../support/databases.js'
import { linearRevisions, revisionId, writeMigrationProject, type MigrationProject } from '../support/migration-project.js'

/** The built CLI: the race is run as users run it, `athanor upgrade head` in 8 processes. */
const cli = join(fileURLToPath(new URL('../..', import.meta.url)), 'dist', 'cli', 'main.js')
/** CI races 8 processes once per database; the soak (`npm run soak`) 16 processes, 5 rounds each. */
const PROCESSES = Number(process.env.ATHANOR_RACE_PROCESSES ?? 8)
const ROUNDS = Number(process.env.ATHANOR_RACE_ROUNDS ?? 1)
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

function runChild(projectDir: string, url: string): Promise<ChildOutcome> {
  return new Promise((resolve) => {
    const args = [cli, '--json', '--url', url, 'upgrade', 'head']
    execFile(process.execPath, args, { cwd: projectDir, timeout: 240_000 }, (error, stdout, stderr) => {
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

  it.each(Array.from({ length: ROUNDS }, (_, i) => i + 1))('round %i applies every revision exactly once and every process exits 0', { timeout: 300_000 }, async () => {
    if (wal === true) {
      const conn = await db.connect()
      await conn.query('PRAGMA journal_mode = WAL')
      await conn.close()
    }
    writeFileSync(join(project.dir, 'athanor.config.mjs'), "export default { migrations: './migrations', lockTimeoutMs: 120000 }\n")
    const outcomes = await Promise.all(Array.from({ length: PROCESSES }, () => runChild(project.dir, db.url)))
    expect(outcomes.map((o) => o.code)).toEqual(outcomes.map(() => 0))
    // The only thing a waiting process says is that it waits for the lock.
    const said = outcomes.flatMap((o) => o.stderr.split('\n').filter((line) => line !== ''))
    expect(said.filter((line) => !line.startsWith('warning: waiting for the migration lock'))).toEqual([])

    const results = outcomes.map((o) => JSON.parse(o.stdout) as { steps: { revision: string }[]; current: string[] })
    expect(results.flatMap((r) => r.steps.map((step) => step.revision)).sort()).toEqual(linearRevisions(REVISIONS).map((r) => r.id))
    expect(results.every((r) => r.current.length === 1 && r.current[0] === revisionId(REVISIONS))).toBe(true)

    const conn = await db.connect()
    const logged = await conn.query<{ revision: string }>('SELECT revision FROM run_log')
    expect(logged.map((row) => row.revision).sort()).toEqual(linearRevisions(REVISIONS).map((r) => r.id))
    expect(await versionRows(conn)).toEqual([revisionId(REVISIONS)])
    await conn.close()
  })
})
