import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { athanor, ok } from './cli-in-process.js'
import { tempDir, writeBranchedProject } from './cli-project.js'

let project: { dir: string; cleanup(): void }
beforeAll(() => {
  project = tempDir()
  writeBranchedProject(project.dir)
})
afterAll(() => project.cleanup())

describe('athanor graph', () => {
  it('draws text lanes: the merge opens a lane, the branch point closes it', async () => {
    const lines = (await ok(project.dir, ['graph'])).trimEnd().split('\n')
    expect(lines[0]).toBe('*  dddd00000005 (head) (mergepoint) merge b and c')
    expect(lines[1]).toBe('|\\')
    // The two branches may come in either order; each has its own lane.
    const branches = [lines[2], lines[3]].map((l) => l!.replace(/(bbbb00000003|cccc00000004) branch [bc]$/, 'X')).sort()
    expect(branches).toEqual(['* |  X', '| *  X'])
    expect(lines[4]).toBe('|/')
    expect(lines[5]).toBe('*  aaaa00000002 (branchpoint) add email')
    expect(lines[6]).toBe('*  aaaa00000001 create users')
    expect(lines).toHaveLength(7)
  })

  it('--format mermaid gives a flowchart with every edge and the marks', async () => {
    const out = await ok(project.dir, ['graph', '--format', 'mermaid'])
    expect(out.startsWith('flowchart TD\n')).toBe(true)
    expect(out).toContain('r_aaaa00000001 --> r_aaaa00000002')
    expect(out).toContain('r_bbbb00000003 --> r_dddd00000005')
    expect(out).toContain('r_cccc00000004 --> r_dddd00000005')
    expect(out).toContain('r_dddd00000005["dddd00000005 (head) (mergepoint)<br/>merge b and c"]')
    expect(out).toContain('class r_aaaa00000002 branchpoint')
  })

  it('--format dot gives a digraph with every edge', async () => {
    const out = await ok(project.dir, ['graph', '--format', 'dot'])
    expect(out.startsWith('digraph revisions {\n')).toBe(true)
    expect(out).toContain('"aaaa00000002" -> "bbbb00000003"')
    expect(out).toContain('"cccc00000004" -> "dddd00000005"')
    expect(out.trimEnd().endsWith('}')).toBe(true)
  })

  it('--format html gives a standalone page holding the diagram and the text graph', async () => {
    const out = await ok(project.dir, ['graph', '--format', 'html'])
    expect(out.startsWith('<!doctype html>')).toBe(true)
    expect(out).toContain('<pre class="mermaid">')
    expect(out).toContain('r_bbbb00000003 --&gt; r_dddd00000005')
    expect(out).toContain('dddd00000005 (head) (mergepoint) merge b and c')
  })

  it('--indicate-current with an unreachable database warns and still draws (exit 0)', async () => {
    const run = await athanor(project.dir, ['--url', 'postgres://app:pw-9@127.0.0.1:1/none', 'graph', '--indicate-current'])
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/^warning: cannot read the current revisions \(cannot connect to postgres:\/\/app:\*\*\*@127\.0\.0\.1:1\/none/)
    expect(run.stderr).not.toContain('pw-9')
    expect(run.stdout).toContain('dddd00000005 (head) (mergepoint) merge b and c')
    expect(run.stdout).not.toContain('(current)')
  })

  it('rejects an unknown format with exit 2', async () => {
    const run = await athanor(project.dir, ['graph', '--format', 'png'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("error: option '--format <format>' argument 'png' is invalid")
  })
})
