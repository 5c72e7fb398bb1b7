import { chmodSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { athanor, ok } from './cli-in-process.js'
import { athanor as athanorProcess, CLI, ok as okProcess } from './cli-process.js'
import { tempDir, writeRevisionFile } from './cli-project.js'
import { TEST_PASSWORD } from '../support/test-secrets.js'

let project: { dir: string; cleanup(): void }
beforeEach(() => {
  project = tempDir()
})
afterEach(() => project.cleanup())

describe('exit codes and error lines', () => {
  // These three run the binary: its exit code is what main.ts makes of runCli's result.
  it('an unknown command exits 2', () => {
    const run = athanorProcess(project.dir, ['upgrad'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("error: unknown command 'upgrad'")
  })

  it('an unknown option exits 2', async () => {
    const run = await athanor(project.dir, ['heads', '--bogus'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("error: unknown option '--bogus'")
  })

  it('--help exits 0 and lists the commands', () => {
    const out = okProcess(project.dir, ['--help'])
    for (const name of ['init', 'revision', 'upgrade', 'downgrade', 'current', 'history', 'heads', 'branches', 'show', 'stamp', 'merge', 'check', 'edit', 'graph']) {
      expect(out).toMatch(new RegExp(`^  ${name}\\b`, 'm'))
    }
  })

  it('a missing migrations folder is a config error (exit 2) with a hint', async () => {
    const run = await athanor(project.dir, ['heads'])
    expect(run.code).toBe(2)
    expect(run.stderr).toBe(`error: migrations folder not found: ${join(project.dir, 'migrations')}\nhint: run \`athanor init\` to create a project, or pass -c with your config file\n`)
  })

  it('a config that fails to load is exit 2 naming the file, without a stack', async () => {
    writeFileSync(join(project.dir, 'athanor.config.ts'), `throw new Error('DATABASE_URL is not set')\n`)
    const run = await athanor(project.dir, ['heads'])
    expect(run.code).toBe(2)
    expect(run.stderr.split('\n')[0]).toBe('error: cannot load athanor.config.ts: DATABASE_URL is not set')
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })

  it('--verbose adds the stack trace', async () => {
    writeFileSync(join(project.dir, 'athanor.config.ts'), `throw new Error('DATABASE_URL is not set')\n`)
    const run = await athanor(project.dir, ['heads', '--verbose'])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/\n\s+at /)
  })

  it('-c pointing at a missing file is exit 2', async () => {
    const run = await athanor(project.dir, ['-c', 'nope.ts', 'heads'])
    expect(run.code).toBe(2)
    expect(run.stderr).toBe('error: config file not found: nope.ts\nhint: check the -c/--config path\n')
  })

  it('a malformed -x is exit 2', async () => {
    await ok(project.dir, ['init'])
    const run = await athanor(project.dir, ['-x', 'novalue', 'heads'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('error: -x expects key=value, got "novalue"')
  })

  it('-x values reach the config through xArg', async () => {
    writeFileSync(join(project.dir, 'athanor.config.ts'), `import { xArg } from 'athanor'\nexport default { migrations: xArg('dir', './migrations') }\n`)
    writeRevisionFile(join(project.dir, 'other'), { id: 'aaaa00000001' })
    // writeRevisionFile puts files under <project>/migrations/versions, so point -x at that.
    expect(await ok(project.dir, ['-x', 'dir=./other/migrations', 'heads'])).toBe('aaaa00000001 (head)\n')
  })

  it('check outside a project says what is missing and exits 2', async () => {
    const run = await athanor(project.dir, ['check'])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^error: migrations folder not found: /)
  })

  it('masks the password of a URL in every error line', async () => {
    writeFileSync(join(project.dir, 'athanor.config.ts'), `throw new Error('cannot reach postgres://app:${TEST_PASSWORD}@db.example/x')\n`)
    const run = await athanor(project.dir, ['heads', '--verbose'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('postgres://app:***@db.example/x')
    expect(run.stderr).not.toContain(TEST_PASSWORD)
  })

  it('an unexpected (non-athanor) error exits 1 with one line and a hint about --verbose', () => {
    okProcess(project.dir, ['init'])
    // postWrite runs a command that fails: that is an operation failure, exit 1.
    writeFileSync(join(project.dir, 'athanor.config.ts'), `export default { postWrite: ['false'] }\n`)
    const run = athanorProcess(project.dir, ['revision', '-m', 'x'])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^error: postWrite command "false" failed: /)
  })
})

describe('athanor edit', () => {
  it('opens the revision file in $EDITOR', async () => {
    writeRevisionFile(project.dir, { id: 'aaaa00000001' })
    const editor = join(project.dir, 'fake-editor.sh')
    writeFileSync(editor, `#!/bin/sh\necho "// edited" >> "$1"\n`)
    chmodSync(editor, 0o755)
    await ok(project.dir, ['edit', 'aaaa'], { EDITOR: editor })
    const path = join(project.dir, 'migrations', 'versions', 'aaaa00000001_rev_aaaa00000001.ts')
    expect(readFileSync(path, 'utf8').endsWith('// edited\n')).toBe(true)
  })

  it('prefers $VISUAL over $EDITOR', async () => {
    writeRevisionFile(project.dir, { id: 'aaaa00000001' })
    const visual = join(project.dir, 'visual.sh')
    writeFileSync(visual, `#!/bin/sh\necho "// visual" >> "$1"\n`)
    chmodSync(visual, 0o755)
    await ok(project.dir, ['edit', 'head'], { VISUAL: visual, EDITOR: 'false' })
    const path = join(project.dir, 'migrations', 'versions', 'aaaa00000001_rev_aaaa00000001.ts')
    expect(readFileSync(path, 'utf8').endsWith('// visual\n')).toBe(true)
  })

  it('without $EDITOR or $VISUAL is exit 2', async () => {
    writeRevisionFile(project.dir, { id: 'aaaa00000001' })
    const run = await athanor(project.dir, ['edit', 'head'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('error: edit needs an editor, and neither $VISUAL nor $EDITOR is set')
  })

  it('an editor that fails is exit 1', async () => {
    writeRevisionFile(project.dir, { id: 'aaaa00000001' })
    const run = await athanor(project.dir, ['edit', 'head'], { EDITOR: 'false' })
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('error: editor "false" failed: exit code 1')
  })
})

describe('a closed output pipe', () => {
  it('ends quietly with exit 0 when the reader stops early (athanor history | head)', () => {
    let previous: string | null = null
    for (let i = 0; i < 3000; i++) {
      const id = `e${String(i).padStart(11, '0')}`
      writeRevisionFile(project.dir, { id, down: previous, message: `revision number ${i} with some words` })
      previous = id
    }
    const run = spawnSync('bash', ['-c', 'set -o pipefail; "$0" "$1" history | head -n 1', process.execPath, CLI], {
      cwd: project.dir,
      env: { ...process.env, NO_COLOR: '1' },
      encoding: 'utf8',
    })
    const { stderr, status: code } = run
    expect(run.stdout).toMatch(/^e00000002998 -> e00000002999 \(head\)/)
    expect(stderr).not.toContain('EPIPE')
    expect(code).toBe(0)
  })
})
