import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { athanor, ok } from './cli-in-process.js'
import { tempDir, writeBranchedProject, writeRevisionFile } from './cli-project.js'

let project: { dir: string; cleanup(): void }
beforeEach(async () => {
  project = tempDir()
  await ok(project.dir, ['init'])
})
afterEach(() => project.cleanup())

const versions = (): string[] => readdirSync(join(project.dir, 'migrations', 'versions')).filter((f) => f.endsWith('.ts'))

describe('athanor revision', () => {
  it('writes the first revision as a base and prints where', async () => {
    const out = await ok(project.dir, ['revision', '-m', 'create users'])
    expect(out).toMatch(/^Generating migrations\/versions\/[0-9a-f]{12}_create_users\.ts \.\.\. done\n$/)
    const [file] = versions()
    expect(readFileSync(join(project.dir, 'migrations', 'versions', file!), 'utf8')).toContain('export const downRevision')
  })

  it('makes the single head the parent of the next revision', async () => {
    const first = JSON.parse(await ok(project.dir, ['revision', '-m', 'one', '--json']))
    const second = JSON.parse(await ok(project.dir, ['revision', '-m', 'two', '--json']))
    expect(first.downRevisions).toEqual([])
    expect(second.downRevisions).toEqual([first.revision])
    expect(second.message).toBe('two')
    expect(second.isHead).toBe(true)
  })

  it('uses --rev-id as the id', async () => {
    const made = JSON.parse(await ok(project.dir, ['revision', '-m', 'x', '--rev-id', 'abc123def456', '--json']))
    expect(made.revision).toBe('abc123def456')
  })

  it('with -q prints only the new id', async () => {
    expect(await ok(project.dir, ['-q', 'revision', '-m', 'x', '--rev-id', 'abc123def456'])).toBe('abc123def456\n')
  })

  it('refuses with several heads, exit 2, listing them and suggesting --head or merge', async () => {
    writeRevisionFile(project.dir, { id: 'aaaa00000001' })
    writeRevisionFile(project.dir, { id: 'bbbb00000002', down: 'aaaa00000001' })
    writeRevisionFile(project.dir, { id: 'cccc00000003', down: 'aaaa00000001' })
    const run = await athanor(project.dir, ['revision', '-m', 'next'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('error: there are several heads (')
    expect(run.stderr).toContain('bbbb00000002')
    expect(run.stderr).toContain('cccc00000003')
    expect(run.stderr).toContain('hint: pass --head')
    expect(versions()).toHaveLength(3)
  })

  it('follows the head --head names when there are several', async () => {
    writeRevisionFile(project.dir, { id: 'aaaa00000001' })
    writeRevisionFile(project.dir, { id: 'bbbb00000002', down: 'aaaa00000001' })
    writeRevisionFile(project.dir, { id: 'cccc00000003', down: 'aaaa00000001' })
    const made = JSON.parse(await ok(project.dir, ['revision', '-m', 'next', '--head', 'cccc', '--json']))
    expect(made.downRevisions).toEqual(['cccc00000003'])
  })

  it('refuses --head on a revision that is not a head unless --splice', async () => {
    writeRevisionFile(project.dir, { id: 'aaaa00000001' })
    writeRevisionFile(project.dir, { id: 'bbbb00000002', down: 'aaaa00000001' })
    const run = await athanor(project.dir, ['revision', '-m', 'side', '--head', 'aaaa00000001'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('error: revision aaaa00000001 is not a head')
    expect(run.stderr).toContain('hint: --splice')
    const made = JSON.parse(await ok(project.dir, ['revision', '-m', 'side', '--head', 'aaaa00000001', '--splice', '--json']))
    expect(made.downRevisions).toEqual(['aaaa00000001'])
  })

  it('--head base --branch-label starts a new labelled root', async () => {
    writeRevisionFile(project.dir, { id: 'aaaa00000001' })
    const made = JSON.parse(await ok(project.dir, ['revision', '-m', 'audit', '--head', 'base', '--branch-label', 'audit', '--json']))
    expect(made.downRevisions).toEqual([])
    expect(made.branchLabels).toEqual(['audit'])
    const next = JSON.parse(await ok(project.dir, ['revision', '-m', 'audit 2', '--head', 'audit@head', '--json']))
    expect(next.downRevisions).toEqual([made.revision])
  })

  it('warns when a second base gets no branch label', async () => {
    writeRevisionFile(project.dir, { id: 'aaaa00000001' })
    const run = await athanor(project.dir, ['revision', '-m', 'root 2', '--head', 'base'])
    expect(run.code).toBe(0)
    expect(run.stderr).toContain('warning: a second base without --branch-label')
  })

  it('refuses a branch label another revision already carries', async () => {
    writeRevisionFile(project.dir, { id: 'aaaa00000001', branchLabels: ['core'] })
    const run = await athanor(project.dir, ['revision', '-m', 'x', '--head', 'base', '--branch-label', 'core'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('error: branch label "core" is already used by revision aaaa00000001')
  })

  it('--depends-on resolves a prefix to the full id', async () => {
    writeRevisionFile(project.dir, { id: 'aaaa00000001' })
    writeRevisionFile(project.dir, { id: 'bbbb00000002', branchLabels: ['other'] })
    const made = JSON.parse(await ok(project.dir, ['revision', '-m', 'x', '--head', 'aaaa00000001', '--depends-on', 'bbbb', '--json']))
    expect(made.dependsOn).toEqual(['bbbb00000002'])
  })

  it('needs -m (exit 2)', async () => {
    const run = await athanor(project.dir, ['revision'])
    expect(run.code).toBe(2)
    expect(run.stderr).toBe('error: revision needs a message\nhint: pass -m "what this revision does"\n')
  })

  it('with --autogenerate fills the revision from the models (more in test/autogenerate)', async () => {
    const run = await athanor(project.dir, ['revision', '-m', 'x', '--autogenerate'])
    expect(run.code).toBe(0)
    expect(versions()).toHaveLength(1)
  })
})

describe('athanor merge', () => {
  it('with no revisions merges all heads', async () => {
    writeRevisionFile(project.dir, { id: 'aaaa00000001' })
    writeRevisionFile(project.dir, { id: 'bbbb00000002', down: 'aaaa00000001' })
    writeRevisionFile(project.dir, { id: 'cccc00000003', down: 'aaaa00000001' })
    const made = JSON.parse(await ok(project.dir, ['merge', '-m', 'join', '--json']))
    expect([...made.downRevisions].sort()).toEqual(['bbbb00000002', 'cccc00000003'])
    expect(made.isMergePoint).toBe(true)
    expect(JSON.parse(await ok(project.dir, ['heads', '--json'])).map((h: { revision: string }) => h.revision)).toEqual([made.revision])
  })

  it('merges the revisions named', async () => {
    writeBranchedProject(project.dir)
    writeRevisionFile(project.dir, { id: 'eeee00000006', down: 'dddd00000005' })
    writeRevisionFile(project.dir, { id: 'ffff00000007', down: 'dddd00000005' })
    const made = JSON.parse(await ok(project.dir, ['merge', 'eeee', 'ffff', '-m', 'join', '--json']))
    expect([...made.downRevisions].sort()).toEqual(['eeee00000006', 'ffff00000007'])
  })

  it('refuses with a single head (exit 2)', async () => {
    writeRevisionFile(project.dir, { id: 'aaaa00000001' })
    const run = await athanor(project.dir, ['merge', '-m', 'join'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('error: nothing to merge: there is one head')
  })
})
