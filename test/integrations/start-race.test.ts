import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { versionRows } from '../support/catalog.js'
import { createTestDatabase, SERVER_DATABASES, type TestDatabase, type TestDatabaseKind } from '../support/databases.js'
import { linearRevisions, revisionId, writeMigrationProject, type MigrationProject } from '../support/migration-project.js'

/** Runs through the built package ('athanor/fastify' and so on resolve to dist/): build first. */
const RACE_APP = fileURLToPath(new URL('./fixtures/race-app.mjs', import.meta.url))
const PROCESSES = 8
const REVISIONS = 12
const FRAMEWORKS = ['fastify', 'express', 'http'] as const

/** Revisions that each log themselves into run_log (the first creates it), so a twice-applied one shows. */
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

interface Started {
  readonly url: string
  readonly stdout: () => string
  stop(): Promise<void>
}

function startApp(framework: string, url: string, migrations: string): Promise<Started> {
  const child = spawn(process.execPath, [RACE_APP], {
    env: { ...process.env, RACE_FRAMEWORK: framework, DATABASE_URL: url, RACE_MIGRATIONS: migrations },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text))
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text))
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
  return new Promise((resolve, reject) => {
    child.stdout.on('data', () => {
      const found = /listening on (\S+)/.exec(stdout)
      if (found !== null) resolve({ url: found[1] as string, stdout: () => stdout, stop })
    })
    child.once('exit', (code) => reject(new Error(`${framework} app exited ${code} before listening\n${stdout}\n${stderr}`)))
  })
}

describe.each(SERVER_DATABASES)(`${PROCESSES} app processes starting at once with onStart 'upgrade' (%s)`, (kind: TestDatabaseKind) => {
  let db: TestDatabase
  let project: MigrationProject
  let apps: Started[] = []
  beforeEach(async () => {
    db = await createTestDatabase(kind)
    project = await writeMigrationProject(loggingRevisions())
  })
  afterEach(async () => {
    await Promise.all(apps.map((app) => app.stop()))
    apps = []
    await db.drop()
    project.remove()
  })

  it('apply every revision exactly once, and every process serves an up-to-date status', { timeout: 300_000 }, async () => {
    const migrations = join(project.dir, 'migrations')
    const starting = Array.from({ length: PROCESSES }, (_, i) => startApp(FRAMEWORKS[i % FRAMEWORKS.length] as string, db.url, migrations))
    const settled = await Promise.allSettled(starting)
    apps = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))
    expect(settled.filter((s) => s.status === 'rejected')).toEqual([])

    // Each revision was applied by one process, however the lock fell.
    const applied = apps.flatMap((app) => [...app.stdout().matchAll(/^applied (\S+)$/gm)].map((m) => m[1]))
    expect(applied.sort()).toEqual(linearRevisions(REVISIONS).map((r) => r.id))

    const head = revisionId(REVISIONS)
    for (const app of apps) {
      const reply = await fetch(`${app.url}/db/status`)
      expect(reply.status).toBe(200)
      expect(await reply.json()).toMatchObject({ current: [head], upToDate: true, pending: [] })
    }
    const conn = await db.connect()
    const logged = await conn.query<{ revision: string }>('SELECT revision FROM run_log')
    expect(logged.map((row) => row.revision).sort()).toEqual(linearRevisions(REVISIONS).map((r) => r.id))
    expect(await versionRows(conn)).toEqual([head])
  })
})
