import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Command } from 'commander'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCommand } from '../../src/cli/create-command.js'
import { ok as athanorOk } from './cli-in-process.js'
import { tempDir, writeRevisionFile } from './cli-project.js'

/** The test application: `node myapp.mjs db …`, through the built package. */
const MYAPP = fileURLToPath(new URL('./fixtures/myapp.mjs', import.meta.url))

function myapp(cwd: string, args: readonly string[]): { code: number; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [MYAPP, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, encoding: 'utf8' })
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr }
}

let project: { dir: string; cleanup(): void }
beforeEach(() => {
  project = tempDir()
})
afterEach(() => project.cleanup())

describe('myapp db …: the athanor commands mounted in an application CLI', () => {
  beforeEach(async () => {
    await athanorOk(project.dir, ['init'])
  })

  it('db migrate -m autogenerates, db upgrade applies, db current reports', () => {
    const migrate = myapp(project.dir, ['db', 'migrate', '-m', 'create users', '--rev-id', 'aaaa00000001'])
    expect(migrate).toMatchObject({ code: 0, stderr: '' })
    expect(migrate.stdout).toContain('Generating migrations/versions/aaaa00000001_create_users.ts ... done')
    expect(readdirSync(join(project.dir, 'migrations', 'versions'))).toContain('aaaa00000001_create_users.ts')

    const upgrade = myapp(project.dir, ['db', 'upgrade'])
    expect(upgrade.code).toBe(0)
    expect(upgrade.stdout).toMatch(/^ {2}up {4}aaaa00000001 {2}create users {2}\(\d+ ms\)\n1 step in \d+ ms; database at aaaa00000001\n$/)

    expect(myapp(project.dir, ['db', 'current'])).toEqual({ code: 0, stdout: 'aaaa00000001 (head)\n', stderr: '' })
    const json = myapp(project.dir, ['db', 'current', '--json'])
    expect(JSON.parse(json.stdout)).toEqual([expect.objectContaining({ revision: 'aaaa00000001', message: 'create users' })])
  })

  it("leaves the application's own commands alone", () => {
    expect(myapp(project.dir, ['hello'])).toEqual({ code: 0, stdout: 'hello from myapp\n', stderr: '' })
  })

  it('a failing command prints error and hint lines and exits as the binary does (2 for a bad target)', () => {
    writeRevisionFile(project.dir, { id: 'aaaa00000001' })
    const run = myapp(project.dir, ['db', 'upgrade', 'zzzz'])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^error: .*zzzz.*\n/)
  })

  it('a usage error exits 2 and the help names the group after the app', () => {
    const bad = myapp(project.dir, ['db', 'upgrade', '--bogus'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain("error: unknown option '--bogus'")
    const help = myapp(project.dir, ['db', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('Usage: myapp db [options] [command]')
    expect(help.stdout).toMatch(/\n {2}migrate \[options\] \[message\]/)
  })

  it('under --json a failing command and a usage error are each one error document on stdout, with the same exit codes', () => {
    writeRevisionFile(project.dir, { id: 'aaaa00000001' })
    const failing = myapp(project.dir, ['db', 'upgrade', 'zzzz', '--json'])
    expect(failing).toMatchObject({ code: 2, stderr: '' })
    expect(JSON.parse(failing.stdout)).toMatchObject({ error: { code: 'E_USAGE', message: expect.stringContaining('zzzz') } })
    const bad = myapp(project.dir, ['db', 'upgrade', '--bogus', '--json'])
    expect(bad).toMatchObject({ code: 2, stderr: '' })
    expect(JSON.parse(bad.stdout)).toEqual({ error: { code: 'E_USAGE', message: "unknown option '--bogus'", hint: 'run with --help for usage' } })
  })
})

describe('createCommand (in process)', () => {
  it("uses the application's config object when no -c is given", async () => {
    mkdirSync(join(project.dir, 'db', 'migrations', 'versions'), { recursive: true })
    let stdout = ''
    const streams = { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: () => true }, env: {} }
    const db = createCommand({ name: 'db', cwd: project.dir, streams, config: { url: 'sqlite::memory:', migrations: './db/migrations' } })
    await db.parseAsync(['revision', '-m', 'first', '--rev-id', 'bbbb00000001', '-q'], { from: 'user' })
    expect(stdout).toBe('bbbb00000001\n')
    expect(readdirSync(join(project.dir, 'db', 'migrations', 'versions'))).toEqual(['bbbb00000001_first.ts'])
  })

  it('sets process.exitCode instead of rejecting the application parse', async () => {
    let stderr = ''
    const streams = { stdout: { write: () => true }, stderr: { write: (text: string) => (stderr += text) }, env: {} }
    const program = new Command('myapp').addCommand(createCommand({ cwd: project.dir, streams }))
    const before = process.exitCode
    try {
      await program.parseAsync(['db', 'heads'], { from: 'user' })
      expect(process.exitCode).toBe(2)
      expect(stderr).toMatch(/^error: migrations folder not found: .*\nhint: run `athanor init`/)
    } finally {
      process.exitCode = before
    }
  })
})
