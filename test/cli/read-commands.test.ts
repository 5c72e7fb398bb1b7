import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { athanor, ok } from './cli-in-process.js'
import { tempDir, writeBranchedProject, writeRevisionFile } from './cli-project.js'

// aaaa00000001 ← aaaa00000002 ← {bbbb00000003, cccc00000004} ← dddd00000005 (merge)
let project: { dir: string; cleanup(): void }
beforeAll(() => {
  project = tempDir()
  writeBranchedProject(project.dir)
})
afterAll(() => project.cleanup())

describe('athanor heads', () => {
  it('prints each head as `<id> (head)`', async () => {
    expect(await ok(project.dir, ['heads'])).toBe('dddd00000005 (head)\n')
  })

  it('--json gives revision, message and branchLabels', async () => {
    const heads = JSON.parse(await ok(project.dir, ['heads', '--json']))
    expect(heads).toHaveLength(1)
    expect(heads[0]).toMatchObject({ revision: 'dddd00000005', message: 'merge b and c', branchLabels: [] })
  })

  it('--verbose prints the full block', async () => {
    const out = await ok(project.dir, ['heads', '--verbose'])
    expect(out).toContain('Rev: dddd00000005 (head) (mergepoint)\n')
    expect(out).toContain('Merges: bbbb00000003, cccc00000004\n')
    expect(out).toContain(`Path: ${join(project.dir, 'migrations', 'versions')}`)
    expect(out).toContain('    merge b and c\n    \n    Revision ID: dddd00000005\n')
  })
})

describe('athanor history', () => {
  it('lists newest first as `<down> -> <id>, message` with head, branchpoint and mergepoint marks', async () => {
    const lines = (await ok(project.dir, ['history'])).trimEnd().split('\n')
    expect(lines[0]).toBe('bbbb00000003, cccc00000004 -> dddd00000005 (head) (mergepoint), merge b and c')
    expect(lines.slice(1, 3).sort()).toEqual(['aaaa00000002 -> bbbb00000003, branch b', 'aaaa00000002 -> cccc00000004, branch c'])
    expect(lines[3]).toBe('aaaa00000001 -> aaaa00000002 (branchpoint), add email')
    expect(lines[4]).toBe('<base> -> aaaa00000001, create users')
    expect(lines).toHaveLength(5)
  })

  it('--json gives the DESIGN keys, newest first', async () => {
    const entries = JSON.parse(await ok(project.dir, ['history', '--json']))
    expect(entries.map((e: { revision: string }) => e.revision)[0]).toBe('dddd00000005')
    expect(entries.at(-1)).toMatchObject({ revision: 'aaaa00000001', downRevisions: [], message: 'create users', isHead: false, isCurrent: false })
  })

  it('-r A:B limits the range', async () => {
    const ids = JSON.parse(await ok(project.dir, ['history', '-r', 'aaaa00000002:', '--json'])).map((e: { revision: string }) => e.revision)
    expect(ids).not.toContain('aaaa00000001')
    expect(ids).toContain('dddd00000005')
  })

  it('--verbose prints a block per revision', async () => {
    const out = await ok(project.dir, ['history', '--verbose'])
    expect(out.match(/^Rev: /gm)).toHaveLength(5)
    expect(out).toContain('Rev: aaaa00000002 (branchpoint)\nParent: aaaa00000001\nBranches into: ')
  })
})

describe('athanor show', () => {
  it('prints Alembic’s block for a revision named by prefix', async () => {
    const out = await ok(project.dir, ['show', 'aaaa00000002'])
    expect(out).toContain('Rev: aaaa00000002 (branchpoint)\n')
    expect(out).toContain('Parent: aaaa00000001\n')
    expect(out).toMatch(/Branches into: (bbbb00000003, cccc00000004|cccc00000004, bbbb00000003)\n/)
    expect(out).toContain('    add email\n    \n    Revision ID: aaaa00000002\n    Revises: aaaa00000001\n    Create Date: 2026-11-22T19:40:00.000Z\n')
  })

  it('shows head', async () => {
    expect(await ok(project.dir, ['show', 'head'])).toMatch(/^Rev: dddd00000005 \(head\) \(mergepoint\)\n/)
  })

  it('--json gives an array of revisions', async () => {
    const shown = JSON.parse(await ok(project.dir, ['show', 'cccc', '--json']))
    expect(shown).toEqual([expect.objectContaining({ revision: 'cccc00000004', downRevisions: ['aaaa00000002'], message: 'branch c' })])
  })

  it('an unknown revision is exit 2 with an error line', async () => {
    const run = await athanor(project.dir, ['show', 'ffffffffffff'])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^error: /)
    expect(run.stdout).toBe('')
  })
})

describe('athanor branches', () => {
  it('lists each branch point and the revisions it branches into', async () => {
    const out = await ok(project.dir, ['branches'])
    const lines = out.trimEnd().split('\n')
    expect(lines[0]).toBe('aaaa00000002 (branchpoint)')
    expect(lines.slice(1).sort()).toEqual(['             -> bbbb00000003', '             -> cccc00000004'])
  })

  it('--json gives the branch points with their children', async () => {
    const points = JSON.parse(await ok(project.dir, ['branches', '--json']))
    expect(points).toHaveLength(1)
    expect([...points[0].children].sort()).toEqual(['bbbb00000003', 'cccc00000004'])
  })
})

describe('athanor heads --resolve-dependencies', () => {
  it('does not count a head another branch depends on', async () => {
    const p = tempDir()
    try {
      writeRevisionFile(p.dir, { id: 'aaaa00000001', branchLabels: ['a'] })
      writeRevisionFile(p.dir, { id: 'bbbb00000002', branchLabels: ['b'], dependsOn: ['aaaa00000001'] })
      expect((await ok(p.dir, ['heads'])).trimEnd().split('\n').sort()).toEqual(['aaaa00000001 (a) (head)', 'bbbb00000002 (b) (head)'])
      expect(await ok(p.dir, ['heads', '--resolve-dependencies'])).toBe('bbbb00000002 (b) (head)\n')
    } finally {
      p.cleanup()
    }
  })
})
