/**
 * A revision that never finishes: one awaiting a promise nothing can settle
 * is reported as soon as the event loop empties (a real process, every
 * database), and one that waits too long fails at `stepTimeoutMs`. Either
 * way the revision is named, the run exits 1 and the version table names
 * the last revision that completed.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openConnection } from '../../src/dialect/connect.js'
import { MigrationFailedError } from '../../src/runtime/migration-failed-error.js'
import { runUpgrade } from '../../src/runtime/commands.js'
import { listTables, versionRows } from '../support/catalog.js'
import { ALL_DATABASES } from '../support/databases.js'
import { revisionId, runtimeOptions, writeMigrationProject, type RevisionSpec } from '../support/migration-project.js'
import { CLI } from '../cli/cli-process.js'
import { pgliteTemplate } from '../support/postgres-pool.js'
import { scanOutput } from '../support/test-secrets.js'
import { eachTestProject } from '../support/each-test-project.js'

const first: RevisionSpec = { id: revisionId(1), parent: null, message: 'first', up: ['CREATE TABLE s1 (id INTEGER)'] }
const stalled = (code: string, extra = ''): RevisionSpec => ({ id: revisionId(2), parent: revisionId(1), message: `stalls${extra}`, up: { code } })

describe.each(ALL_DATABASES)('a revision that never settles, as a process, on %s', (kind) => {
  const t = eachTestProject(kind)

  it('is reported when the event loop empties: exit 1, the revision named, the version table at the last one done', async () => {
    t.project = await writeMigrationProject([first, stalled('  await new Promise(() => {})')])
    // The pooled PGlite directory is held open by this process; another process needs one of its own.
    if (kind === 'pglite') cpSync(await pgliteTemplate(), join(t.project.dir, 'pgdata'), { recursive: true })
    const url = kind === 'pglite' ? `pglite:${join(t.project.dir, 'pgdata')}` : t.db.url
    writeFileSync(join(t.project.dir, 'athanor.config.ts'), `export default { url: ${JSON.stringify(url)} }\n`)
    const run = spawnSync(process.execPath, [CLI, 'upgrade', 'head'], { cwd: t.project.dir, encoding: 'utf8', timeout: 20_000, env: { ...process.env, NO_COLOR: '1' } })
    scanOutput(run.stdout + run.stderr, 'upgrade of a stalled revision')
    expect(run.signal).toBeNull()
    expect(run.status).toBe(1)
    expect(run.stderr.split('\n')[0]).toBe(
      `error: upgrade ${revisionId(2)} (stalls) failed: upgrade(op) awaits a promise that can never settle (nothing was left for it to wait on)`,
    )
    const conn = kind === 'pglite' ? await openConnection(url) : await t.db.connect()
    try {
      expect(await versionRows(conn)).toEqual([revisionId(1)])
    } finally {
      await conn.close()
    }
  })
})

describe.each(ALL_DATABASES)('stepTimeoutMs on %s', (kind) => {
  const t = eachTestProject(kind)

  async function failure(run: Promise<unknown>): Promise<MigrationFailedError> {
    const error = await run.then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(MigrationFailedError)
    return error as MigrationFailedError
  }

  it("fails a revision that runs past the config's limit, naming it, with the version table at the last one done", async () => {
    t.project = await writeMigrationProject([first, stalled('  await new Promise((resolve) => setTimeout(resolve, 60_000))')])
    const error = await failure(runUpgrade(t.project.script, 'head', runtimeOptions(t.db.url, { stepTimeoutMs: 300 })))
    expect(error.message).toBe(`upgrade ${revisionId(2)} (stalls) failed: upgrade(op) did not settle within stepTimeoutMs (300 ms)`)
    expect(error.failed.revision).toBe(revisionId(2))
    expect(error.current).toEqual([revisionId(1)])
    const conn = await t.db.connect()
    try {
      expect(await versionRows(conn)).toEqual([revisionId(1)])
    } finally {
      await conn.close()
    }
  })

  it("takes a revision's own export over the config's, and its late ops never reach the database", async () => {
    t.project = await writeMigrationProject([
      first,
      stalled(
        [
          '  await new Promise((resolve) => setTimeout(resolve, 600))',
          "  await op.execute('CREATE TABLE late_table (id INTEGER)')",
          '}',
          'export const stepTimeoutMs = 150',
          'function unused() {',
        ].join('\n'),
      ),
    ])
    const error = await failure(runUpgrade(t.project.script, 'head', runtimeOptions(t.db.url, { stepTimeoutMs: 60_000 })))
    expect(error.message).toMatch(/did not settle within stepTimeoutMs \(150 ms\)$/)
    // Past the point where the abandoned function calls its op.
    await new Promise((resolve) => setTimeout(resolve, 900))
    const conn = await t.db.connect()
    try {
      expect(await listTables(conn, kind)).not.toContain('late_table')
      expect(await versionRows(conn)).toEqual([revisionId(1)])
    } finally {
      await conn.close()
    }
  })
})
