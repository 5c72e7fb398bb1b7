/**
 * Under `--json` every error is one document on stdout,
 * `{"error": {"code", "message", "hint"}, …data}`, with the exit code the
 * text form has and nothing on stderr: commander's own parse errors, usage
 * and config errors, and a failed run (which adds `steps`, `current`,
 * `failed`). Run in-process through `runCli`.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { athanor, type CliRun } from './cli-in-process.js'
import { tempDir, writeRevisionFile } from './cli-project.js'
import { TEST_PASSWORD } from '../support/test-secrets.js'

let project: { dir: string; cleanup(): void }
beforeEach(() => {
  project = tempDir('athanor-json-errors-')
})
afterEach(() => project.cleanup())

const cli = (...argv: string[]): Promise<CliRun> => athanor(project.dir, argv)

/** The run's stdout as the one JSON document it must be, with nothing on stderr. */
function documentOf(run: CliRun): Record<string, unknown> {
  expect(run.stderr).toBe('')
  return JSON.parse(run.stdout) as Record<string, unknown>
}

describe('--json errors from commander', () => {
  it('an unknown command is an E_USAGE document, exit 2', async () => {
    const run = await cli('--json', 'upgrad')
    expect(run.code).toBe(2)
    expect(documentOf(run)).toEqual({
      error: { code: 'E_USAGE', message: expect.stringContaining("unknown command 'upgrad'"), hint: 'run with --help for usage' },
    })
  })

  it('an unknown option after the command too', async () => {
    const run = await cli('heads', '--bogus', '--json')
    expect(run.code).toBe(2)
    expect(documentOf(run)).toEqual({ error: { code: 'E_USAGE', message: "unknown option '--bogus'", hint: 'run with --help for usage' } })
  })

  it('--help still prints the help, exit 0', async () => {
    const run = await cli('--json', '--help')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^Usage: athanor/)
  })
})

describe('--json errors from athanor', () => {
  it('a usage error (a malformed -x)', async () => {
    const run = await cli('-x', 'novalue', 'heads', '--json')
    expect(run.code).toBe(2)
    expect(documentOf(run)).toEqual({
      error: { code: 'E_USAGE', message: '-x expects key=value, got "novalue"', hint: 'write it as -x name=value, e.g. -x tenant=acme' },
    })
  })

  it('a config error (a missing -c file)', async () => {
    const run = await cli('--json', '-c', 'nope.ts', 'heads')
    expect(run.code).toBe(2)
    expect(documentOf(run)).toEqual({ error: { code: 'E_CONFIG', message: 'config file not found: nope.ts', hint: 'check the -c/--config path' } })
  })

  it('a config that fails to load, with its password masked', async () => {
    writeFileSync(join(project.dir, 'athanor.config.ts'), `throw new Error('cannot reach postgres://app:${TEST_PASSWORD}@db.example/x')\n`)
    const run = await cli('heads', '--json')
    expect(run.code).toBe(2)
    expect(run.stdout).not.toContain(TEST_PASSWORD)
    expect(documentOf(run)).toMatchObject({ error: { code: 'E_CONFIG', message: 'cannot load athanor.config.ts: cannot reach postgres://app:***@db.example/x' } })
  })

  it('an ambiguous head carries the heads as data', async () => {
    writeRevisionFile(project.dir, { id: 'aaaa00000001' })
    writeRevisionFile(project.dir, { id: 'bbbb00000002', down: 'aaaa00000001' })
    writeRevisionFile(project.dir, { id: 'cccc00000003', down: 'aaaa00000001' })
    const run = await cli('show', 'head', '--json')
    expect(run.code).toBe(2)
    expect(documentOf(run)).toEqual({
      error: { code: 'E_MULTIPLE_HEADS', message: expect.stringContaining('"head" is ambiguous: there are 2 heads'), hint: expect.any(String) },
      target: 'head',
      heads: ['bbbb00000002', 'cccc00000003'],
    })
  })

  it('an ambiguous prefix carries the candidates as data', async () => {
    writeRevisionFile(project.dir, { id: 'abcd00000001' })
    writeRevisionFile(project.dir, { id: 'abcd00000002', down: 'abcd00000001' })
    const run = await cli('show', 'abcd', '--json')
    expect(run.code).toBe(2)
    expect(documentOf(run)).toMatchObject({ error: { code: 'E_AMBIGUOUS_TARGET' }, target: 'abcd', candidates: ['abcd00000001', 'abcd00000002'] })
  })
})

describe('--json for a failed run', () => {
  beforeEach(() => {
    writeRevisionFile(project.dir, { id: 'aaaa00000001', message: 'create a', upgrade: "await op.execute('CREATE TABLE a (id INTEGER)')" })
    writeRevisionFile(project.dir, { id: 'bbbb00000002', down: 'aaaa00000001', message: 'break', upgrade: "await op.execute('INSERT INTO nope (id) VALUES (1)')" })
  })

  it('prints the error with what did run: steps, current and the failed step, exit 1', async () => {
    const run = await cli('upgrade', '--json')
    expect(run.code).toBe(1)
    const doc = documentOf(run)
    expect(doc).toEqual({
      error: { code: 'E_MIGRATION_FAILED', message: expect.stringContaining('upgrade bbbb00000002 (break) failed'), hint: expect.stringContaining('aaaa00000001') },
      steps: [{ revision: 'aaaa00000001', message: 'create a', direction: 'up', ms: expect.any(Number) }],
      current: ['aaaa00000001'],
      failed: { revision: 'bbbb00000002', statement: 'INSERT INTO nope (id) VALUES (1)', error: expect.stringContaining('nope') },
    })
  })

  it('prints the same failure as text lines on stderr without --json', async () => {
    const run = await cli('upgrade', '-q')
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/^error: upgrade bbbb00000002 \(break\) failed at statement "INSERT INTO nope \(id\) VALUES \(1\)": .*nope.*\nhint: .*aaaa00000001\n$/)
  })
})
