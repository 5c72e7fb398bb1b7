/**
 * The API never prompts, not even on a terminal: a program that calls
 * `athanor.autogenerate()` with a rename candidate under a real
 * pseudo-terminal (util-linux `script`) finishes on its own and leaves the
 * candidate for review. (A prompt there would wait for a key until the
 * timeout kills it.)
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Athanor } from '../../src/api.js'
import { CLI } from '../cli/cli-process.js'
import { tempDir } from '../cli/cli-project.js'

const DIST_ENTRY = join(dirname(dirname(CLI)), 'index.js')

let project: { dir: string; cleanup(): void }
beforeEach(async () => {
  project = tempDir('athanor-api-tty-')
  await Athanor.init(project.dir)
  const athanor = await Athanor.fromConfig({ cwd: project.dir })
  await athanor.autogenerate('initial')
  await athanor.upgrade('head')
  const models = join(project.dir, 'src', 'models.ts')
  writeFileSync(models, readFileSync(models, 'utf8').replace('email: t.string(255)', 'login: t.string(255)'))
})
afterEach(() => project.cleanup())

describe('the API on a terminal', () => {
  it('autogenerate with a rename candidate finishes without prompting and leaves the rename for review', () => {
    const program = join(project.dir, 'autogenerate.mjs')
    writeFileSync(
      program,
      `import { Athanor } from ${JSON.stringify(DIST_ENTRY)}
const athanor = await Athanor.fromConfig()
const { renames } = await athanor.autogenerate('rename login')
console.log(JSON.stringify({ tty: process.stdin.isTTY === true && process.stdout.isTTY === true, renames }))
`,
    )
    const run = spawnSync('script', ['-qec', `${JSON.stringify(process.execPath)} autogenerate.mjs`, '/dev/null'], {
      cwd: project.dir,
      env: { ...process.env, NO_COLOR: '1' },
      input: '',
      encoding: 'utf8',
      timeout: 30_000,
    })
    expect(run.error).toBeUndefined()
    expect(run.signal).toBeNull()
    expect(run.status).toBe(0)
    const line = run.stdout.split(/\r?\n/).find((l) => l.startsWith('{'))
    expect(line, run.stdout).toBeDefined()
    expect(JSON.parse(line!)).toEqual({
      tty: true,
      renames: [{ kind: 'column', table: 'users', schema: null, from: 'email', to: 'login', decision: 'review' }],
    })
  })
})
