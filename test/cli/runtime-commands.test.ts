import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { athanor, ok } from './cli-in-process.js'
import { tempDir, writeAccountRevisions, writeRevisionFile } from './cli-project.js'
import { TEST_PASSWORD } from '../support/test-secrets.js'

let project: { dir: string; cleanup(): void }
beforeEach(async () => {
  project = tempDir()
  await ok(project.dir, ['init'])
  writeAccountRevisions(project.dir, 'TEXT')
})
afterEach(() => project.cleanup())

describe('upgrade, current, downgrade on SQLite through the CLI', () => {
  it('upgrade prints one line per step and a summary', async () => {
    const out = await ok(project.dir, ['upgrade'])
    const lines = out.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^ {2}up {4}aaaa00000001 {2}create account {2}\(\d+ ms\)$/)
    expect(lines[1]).toMatch(/^ {2}up {4}bbbb00000002 {2}add name {2}\(\d+ ms\)$/)
    expect(lines[2]).toMatch(/^2 steps in \d+ ms; database at bbbb00000002$/)
    expect(existsSync(join(project.dir, 'app.db'))).toBe(true)
  })

  it('current prints the revision the database is at', async () => {
    await ok(project.dir, ['upgrade', 'aaaa'])
    expect(await ok(project.dir, ['current'])).toBe('aaaa00000001\n')
    await ok(project.dir, ['upgrade'])
    expect(await ok(project.dir, ['current'])).toBe('bbbb00000002 (head)\n')
    expect(JSON.parse(await ok(project.dir, ['current', '--json']))).toEqual([
      expect.objectContaining({ revision: 'bbbb00000002', message: 'add name', branchLabels: [] }),
    ])
  })

  it('history --indicate-current marks the current revision', async () => {
    await ok(project.dir, ['upgrade', '+1'])
    const lines = (await ok(project.dir, ['history', '--indicate-current'])).trimEnd().split('\n')
    expect(lines).toEqual(['aaaa00000001 -> bbbb00000002 (head), add name', '<base> -> aaaa00000001 (current), create account'])
  })

  it('graph --indicate-current marks it too', async () => {
    await ok(project.dir, ['upgrade', '+1'])
    expect(await ok(project.dir, ['graph', '--indicate-current'])).toContain('aaaa00000001 (current) create account')
  })

  it('downgrade with no target goes one step down', async () => {
    await ok(project.dir, ['upgrade'])
    const out = await ok(project.dir, ['downgrade'])
    expect(out).toMatch(/^ {2}down {2}bbbb00000002 {2}add name/)
    expect(await ok(project.dir, ['current'])).toBe('aaaa00000001\n')
  })

  it('--json prints the run result with steps and current', async () => {
    const result = JSON.parse(await ok(project.dir, ['upgrade', '--json']))
    expect(result.current).toEqual(['bbbb00000002'])
    expect(result.steps.map((s: { revision: string; direction: string }) => [s.revision, s.direction])).toEqual([
      ['aaaa00000001', 'up'],
      ['bbbb00000002', 'up'],
    ])
    expect(typeof result.steps[0].ms).toBe('number')
    const down = JSON.parse(await ok(project.dir, ['downgrade', 'base', '--json']))
    expect(down).toMatchObject({ current: [] })
    expect(down.steps.map((s: { direction: string }) => s.direction)).toEqual(['down', 'down'])
  })

  it('-q silences the progress lines', async () => {
    expect(await ok(project.dir, ['-q', 'upgrade'])).toBe('')
  })

  it('upgrade --sql prints SQL and does not touch the database', async () => {
    const out = await ok(project.dir, ['upgrade', 'base:head', '--sql'])
    expect(out).toContain('CREATE TABLE account')
    expect(out).toContain('ALTER TABLE account ADD COLUMN name TEXT')
    expect(existsSync(join(project.dir, 'app.db'))).toBe(false)
  })

  it('stamp sets the version table without running scripts', async () => {
    await ok(project.dir, ['stamp', 'head'])
    expect(await ok(project.dir, ['current'])).toBe('bbbb00000002 (head)\n')
    await ok(project.dir, ['stamp', '--purge', 'aaaa'])
    expect(await ok(project.dir, ['current'])).toBe('aaaa00000001\n')
  })

  it('--url overrides the config', async () => {
    await ok(project.dir, ['--url', 'sqlite:./other.db', 'upgrade'])
    expect(existsSync(join(project.dir, 'other.db'))).toBe(true)
    // The config's own database was never made: reading it is an error, not a new empty file.
    expect((await athanor(project.dir, ['current'])).stderr).toMatch(/^error: no such database file: .*app\.db\n/)
    expect(existsSync(join(project.dir, 'app.db'))).toBe(false)
  })

  it('a failing revision is exit 1 with an error line', async () => {
    writeRevisionFile(project.dir, { id: 'cccc00000003', down: 'bbbb00000002', message: 'broken', upgrade: "await op.execute('CREATE TABLE account (id INTEGER)')" })
    const run = await athanor(project.dir, ['upgrade'])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^error: /)
    expect(await ok(project.dir, ['current'])).toBe('bbbb00000002\n')
  })

  it('an unknown target is exit 2', async () => {
    const run = await athanor(project.dir, ['upgrade', 'ffffffffffff'])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^error: /)
  })

  it('a database error never shows the password of the URL', async () => {
    const run = await athanor(project.dir, ['--url', `postgres://postgres:${TEST_PASSWORD}@127.0.0.1:1/nowhere`, 'current'])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^error: /)
    expect(run.stderr).not.toContain(TEST_PASSWORD)
  })

  it('-x values and --tag reach the scripts through op.context', async () => {
    writeRevisionFile(project.dir, {
      id: 'cccc00000003',
      down: 'bbbb00000002',
      message: 'record context',
      upgrade: `await op.execute('CREATE TABLE seen (tenant TEXT, tag TEXT)')
  await op.execute('INSERT INTO seen (tenant, tag) VALUES (?, ?)', [op.context.xArgs.tenant ?? null, op.context.tag ?? null])`,
      downgrade: "await op.execute('DROP TABLE seen')",
    })
    await ok(project.dir, ['-x', 'tenant=acme', 'upgrade', '--tag', 'release-7'])
    const db = new Database(join(project.dir, 'app.db'), { readonly: true })
    expect(db.prepare('SELECT tenant, tag FROM seen').all()).toEqual([{ tenant: 'acme', tag: 'release-7' }])
    db.close()
    const sql = await ok(project.dir, ['-x', 'tenant=acme', 'upgrade', 'bbbb00000002:head', '--sql', '--tag', 'release-7'])
    expect(sql).toContain("'acme'")
    expect(sql).toContain("'release-7'")
  })

  it('downgrade --sql FROM:TO prints the downgrade script', async () => {
    const sql = await ok(project.dir, ['downgrade', 'bbbb00000002:base', '--sql'])
    expect(sql).toContain('ALTER TABLE account DROP COLUMN name')
    expect(sql).toContain('DROP TABLE account')
    expect(sql.indexOf('DROP COLUMN name')).toBeLessThan(sql.indexOf('DROP TABLE account'))
  })

  it('stamp --sql prints the version-table statements only', async () => {
    const sql = await ok(project.dir, ['stamp', 'head', '--sql'])
    expect(sql).toContain('athanor_version')
    expect(sql).not.toContain('CREATE TABLE account')
  })

  it('history -r current: lists what is above the database', async () => {
    await ok(project.dir, ['upgrade', '+1'])
    const ids = JSON.parse(await ok(project.dir, ['history', '-r', 'current:', '--json'])).map((e: { revision: string }) => e.revision)
    expect(ids).toContain('bbbb00000002')
  })
})
