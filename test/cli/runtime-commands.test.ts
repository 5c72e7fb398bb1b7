import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { athanor, ok, tempDir, writeRevisionFile } from './cli-process.js'

let project: { dir: string; cleanup(): void }
beforeEach(() => {
  project = tempDir()
  ok(project.dir, ['init'])
  writeRevisionFile(project.dir, {
    id: 'aaaa00000001',
    message: 'create account',
    upgrade: "await op.execute('CREATE TABLE account (id INTEGER PRIMARY KEY)')",
    downgrade: "await op.execute('DROP TABLE account')",
  })
  writeRevisionFile(project.dir, {
    id: 'bbbb00000002',
    down: 'aaaa00000001',
    message: 'add name',
    upgrade: "await op.execute('ALTER TABLE account ADD COLUMN name TEXT')",
    downgrade: "await op.execute('ALTER TABLE account DROP COLUMN name')",
  })
})
afterEach(() => project.cleanup())

describe('upgrade, current, downgrade on SQLite (whole process)', () => {
  it('upgrade prints one line per step and a summary', () => {
    const out = ok(project.dir, ['upgrade'])
    const lines = out.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^ {2}up {4}aaaa00000001 {2}create account {2}\(\d+ ms\)$/)
    expect(lines[1]).toMatch(/^ {2}up {4}bbbb00000002 {2}add name {2}\(\d+ ms\)$/)
    expect(lines[2]).toMatch(/^2 steps in \d+ ms; database at bbbb00000002$/)
    expect(existsSync(join(project.dir, 'app.db'))).toBe(true)
  })

  it('current prints the revision the database is at', () => {
    ok(project.dir, ['upgrade', 'aaaa'])
    expect(ok(project.dir, ['current'])).toBe('aaaa00000001\n')
    ok(project.dir, ['upgrade'])
    expect(ok(project.dir, ['current'])).toBe('bbbb00000002 (head)\n')
    expect(JSON.parse(ok(project.dir, ['current', '--json']))).toEqual([
      expect.objectContaining({ revision: 'bbbb00000002', message: 'add name', branchLabels: [] }),
    ])
  })

  it('history --indicate-current marks the current revision', () => {
    ok(project.dir, ['upgrade', '+1'])
    const lines = ok(project.dir, ['history', '--indicate-current']).trimEnd().split('\n')
    expect(lines).toEqual(['aaaa00000001 -> bbbb00000002 (head), add name', '<base> -> aaaa00000001 (current), create account'])
  })

  it('graph --indicate-current marks it too', () => {
    ok(project.dir, ['upgrade', '+1'])
    expect(ok(project.dir, ['graph', '--indicate-current'])).toContain('aaaa00000001 (current) create account')
  })

  it('downgrade with no target goes one step down', () => {
    ok(project.dir, ['upgrade'])
    const out = ok(project.dir, ['downgrade'])
    expect(out).toMatch(/^ {2}down {2}bbbb00000002 {2}add name/)
    expect(ok(project.dir, ['current'])).toBe('aaaa00000001\n')
  })

  it('--json prints the run result with steps and current', () => {
    const result = JSON.parse(ok(project.dir, ['upgrade', '--json']))
    expect(result.current).toEqual(['bbbb00000002'])
    expect(result.steps.map((s: { revision: string; direction: string }) => [s.revision, s.direction])).toEqual([
      ['aaaa00000001', 'up'],
      ['bbbb00000002', 'up'],
    ])
    expect(typeof result.steps[0].ms).toBe('number')
    const down = JSON.parse(ok(project.dir, ['downgrade', 'base', '--json']))
    expect(down).toMatchObject({ current: [] })
    expect(down.steps.map((s: { direction: string }) => s.direction)).toEqual(['down', 'down'])
  })

  it('-q silences the progress lines', () => {
    expect(ok(project.dir, ['-q', 'upgrade'])).toBe('')
  })

  it('upgrade --sql prints SQL and does not touch the database', () => {
    const out = ok(project.dir, ['upgrade', 'base:head', '--sql'])
    expect(out).toContain('CREATE TABLE account')
    expect(out).toContain('ALTER TABLE account ADD COLUMN name TEXT')
    expect(existsSync(join(project.dir, 'app.db'))).toBe(false)
  })

  it('stamp sets the version table without running scripts', () => {
    ok(project.dir, ['stamp', 'head'])
    expect(ok(project.dir, ['current'])).toBe('bbbb00000002 (head)\n')
    ok(project.dir, ['stamp', '--purge', 'aaaa'])
    expect(ok(project.dir, ['current'])).toBe('aaaa00000001\n')
  })

  it('--url overrides the config', () => {
    ok(project.dir, ['--url', 'sqlite:./other.db', 'upgrade'])
    expect(existsSync(join(project.dir, 'other.db'))).toBe(true)
    expect(ok(project.dir, ['current'])).toBe('')
  })

  it('a failing revision is exit 1 with an error line', () => {
    writeRevisionFile(project.dir, { id: 'cccc00000003', down: 'bbbb00000002', message: 'broken', upgrade: "await op.execute('CREATE TABLE account (id INTEGER)')" })
    const run = athanor(project.dir, ['upgrade'])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^error: /)
    expect(ok(project.dir, ['current'])).toBe('bbbb00000002\n')
  })

  it('an unknown target is exit 2', () => {
    const run = athanor(project.dir, ['upgrade', 'ffffffffffff'])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^error: /)
  })

  it('a database error never shows the password of the URL', () => {
    const run = athanor(project.dir, ['--url', 'postgres://postgres:s3cret-pw@127.0.0.1:1/nowhere', 'current'])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^error: /)
    expect(run.stderr).not.toContain('s3cret-pw')
  })
})
