/**
 * SIGKILL at random moments of a 100-revision upgrade or downgrade: afterwards
 * (on MySQL once `resume` settled the interrupted revision) the version table
 * names a revision whose schema is exactly what the catalog shows, and a rerun
 * completes. CI kills a few times per database; `ATHANOR_CRASH_KILLS=20` (the
 * soak) kills twenty times.
 */
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { athanor, CLI } from '../cli/cli-process.js'
import { describeTables, versionRows } from '../support/catalog.js'
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from '../support/databases.js'
import { linearRevisions, revisionId, writeMigrationProject, type MigrationProject } from '../support/migration-project.js'

const REVISIONS = 100
const KILLS = Number(process.env.ATHANOR_CRASH_KILLS ?? 3)
const KINDS: readonly TestDatabaseKind[] = ['sqlite', 'postgres', 'mysql']

/** Each revision: a table, then a column added to it, then a row; down drops the table. */
function revisions() {
  return linearRevisions(REVISIONS, (n) => ({
    up: [`CREATE TABLE t_${n} (id INTEGER PRIMARY KEY)`, `ALTER TABLE t_${n} ADD COLUMN note VARCHAR(20)`, `INSERT INTO t_${n} (id, note) VALUES (${n}, 'r${n}')`],
    down: [`DROP TABLE t_${n}`],
  }))
}

/** The schema revision n leaves: tables t_1 … t_n, each with id and note. */
function schemaAt(n: number): Record<string, string[]> {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`t_${i + 1}`, ['id', 'note']]).sort(([a], [b]) => String(a).localeCompare(String(b))))
}

/** Runs `athanor upgrade head` / `downgrade base` and kills it with SIGKILL once `after` steps have printed, plus a random moment. */
function killDuring(dir: string, url: string, verb: 'upgrade' | 'downgrade', after: number): Promise<NodeJS.Signals | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, '--url', url, verb, verb === 'upgrade' ? 'head' : 'base'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } })
    let steps = 0
    let armed = false
    child.stdout.on('data', (chunk: Buffer) => {
      steps += (chunk.toString().match(/^ {2}(up|down) /gm) ?? []).length
      if (!armed && steps >= after) {
        armed = true
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 15))
      }
    })
    child.on('exit', (_code, signal) => resolve(signal))
  })
}

describe.each(KINDS)(`SIGKILL during a ${REVISIONS}-revision run on %s`, (kind) => {
  let db: TestDatabase
  let project: MigrationProject
  beforeAll(async () => {
    db = await createTestDatabase(kind)
    project = await writeMigrationProject(revisions())
    writeFileSync(join(project.dir, 'athanor.config.mjs'), "export default { migrations: './migrations' }\n")
  })
  afterAll(async () => {
    await db.drop()
    project.remove()
  })

  async function consistentRevision(): Promise<number> {
    const conn = await db.connect()
    try {
      const rows = await versionRows(conn)
      const at = rows.length === 0 ? 0 : parseInt(rows[0]!, 16)
      const tables = await describeTables(conn, kind)
      delete tables.athanor_version
      delete tables.athanor_version_checksums
      expect(tables, `the catalog after a kill, with the version table at ${at}`).toEqual(schemaAt(at))
      return at
    } finally {
      await conn.close()
    }
  }

  it.each(Array.from({ length: KILLS }, (_, i) => i + 1))('kill %i leaves a truthful state and a rerun completes', { timeout: 300_000 }, async (k) => {
    // Odd kills interrupt an upgrade from base, even ones a downgrade from head.
    const verb = k % 2 === 1 ? 'upgrade' : 'downgrade'
    const ready = athanor(project.dir, ['--url', db.url, verb === 'upgrade' ? 'downgrade' : 'upgrade', verb === 'upgrade' ? 'base' : 'head'])
    expect(ready.stderr).toBe('')
    expect(await killDuring(project.dir, db.url, verb, 1 + Math.floor(Math.random() * (REVISIONS - 2))), 'the run was killed before it finished').toBe('SIGKILL')
    // MySQL commits DDL as it runs: the journal's revision is finished first, by resume.
    if (kind === 'mysql') expect(athanor(project.dir, ['--url', db.url, 'resume']).stderr).toBe('')
    const at = await consistentRevision()
    expect(at).toBeGreaterThanOrEqual(0)
    const rerun = athanor(project.dir, ['--url', db.url, 'upgrade', 'head'])
    expect(rerun.stderr).toBe('')
    expect(rerun.code).toBe(0)
    expect(await consistentRevision()).toBe(REVISIONS)
  })
})
