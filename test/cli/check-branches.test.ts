import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { athanor } from './cli-in-process.js'
import { tempDir, writeRevisionFile } from './cli-project.js'

/** The fixture files import only the Operations type; the ops need `t`. */
const T = "const { t } = await import('athanor')\n  "

let project: { dir: string; cleanup(): void }
beforeEach(() => {
  project = tempDir()
  writeRevisionFile(project.dir, { id: 'aaaa00000001', upgrade: T + "await op.createTable('users', { id: t.integer().primaryKey() })\n  await op.createTable('legacy', { id: t.integer() })" })
})
afterEach(() => project.cleanup())

/** Four branches from aaaa: two add users.email, one adds users.age and indexes legacy, one drops legacy (then runs raw SQL). */
function writeBranches(): void {
  writeRevisionFile(project.dir, { id: 'bbbb00000002', down: 'aaaa00000001', upgrade: T + "await op.addColumn('users', 'email', t.string(200))" })
  writeRevisionFile(project.dir, { id: 'cccc00000003', down: 'aaaa00000001', upgrade: T + "await op.addColumn('users', 'email', t.text())" })
  writeRevisionFile(project.dir, {
    id: 'dddd00000004',
    down: 'aaaa00000001',
    upgrade: T + "await op.addColumn('users', 'age', t.integer())\n  await op.createIndex('ix_legacy_id', 'legacy', ['id'])",
  })
  writeRevisionFile(project.dir, { id: 'eeee00000005', down: 'aaaa00000001', upgrade: T + "await op.dropTable('legacy')" })
  writeRevisionFile(project.dir, { id: 'ffff00000006', down: 'eeee00000005', upgrade: T + "await op.execute('UPDATE users SET id = id')" })
}

describe('check --linear', () => {
  it('passes with one head', async () => {
    writeRevisionFile(project.dir, { id: 'bbbb00000002', down: 'aaaa00000001' })
    const run = await athanor(project.dir, ['check', '--linear'])
    expect(run.code).toBe(0)
    expect(run.stdout).toBe('One head: the history is linear.\n')
  })

  it('fails with several heads, naming them', async () => {
    writeBranches()
    const run = await athanor(project.dir, ['check', '--linear'])
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('Several heads: ')
    expect(run.stderr).toContain('error: check failed: there are 4 heads (')
    const json = JSON.parse((await athanor(project.dir, ['--json', 'check', '--linear'])).stdout)
    expect(json.ok).toBe(false)
    expect([...json.linear.heads].sort()).toEqual(['bbbb00000002', 'cccc00000003', 'dddd00000004', 'ffff00000006'])
  })
})

describe('check --conflicts', () => {
  it('reports exactly the pairs of branches that touch the same table or column', async () => {
    writeBranches()
    const run = await athanor(project.dir, ['--json', 'check', '--conflicts'])
    expect(run.code).toBe(1)
    const { ok, conflicts } = JSON.parse(run.stdout)
    expect(ok).toBe(false)
    const pairs = conflicts.conflicts.map((c: { heads: string[]; overlaps: unknown[] }) => ({ heads: [...c.heads].sort(), overlaps: c.overlaps }))
    const sorted = pairs.sort((x: { heads: string[] }, y: { heads: string[] }) => x.heads[0]!.localeCompare(y.heads[0]!))
    expect(sorted).toEqual([
      { heads: ['bbbb00000002', 'cccc00000003'], overlaps: [{ table: 'users', part: 'email', left: [expect.any(String)], right: [expect.any(String)] }] },
      { heads: ['dddd00000004', 'ffff00000006'], overlaps: [{ table: 'legacy', part: null, left: [expect.any(String)], right: [expect.any(String)] }] },
    ])
    const legacy = sorted[1].overlaps[0]
    expect([...legacy.left, ...legacy.right].sort()).toEqual(['dddd00000004', 'eeee00000005'])
    expect(conflicts.unanalysed).toEqual([{ revision: 'ffff00000006', reason: 'execute cannot be read for the objects it touches' }])
  })

  it('prints one line per overlap and warns about what it could not read', async () => {
    writeBranches()
    const run = await athanor(project.dir, ['check', '--conflicts'])
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/users\.email: (bbbb00000002 \| cccc00000003|cccc00000003 \| bbbb00000002)/)
    expect(run.stdout).toMatch(/table legacy: /)
    expect(run.stderr).toContain('warning: revision ffff00000006 was not fully read for conflicts')
    expect(run.stderr).toContain('error: check failed: 2 pairs of branches touch the same objects')
  })

  it('passes when the branches touch different columns', async () => {
    writeRevisionFile(project.dir, { id: 'bbbb00000002', down: 'aaaa00000001', upgrade: T + "await op.addColumn('users', 'email', t.string(200))" })
    writeRevisionFile(project.dir, { id: 'dddd00000004', down: 'aaaa00000001', upgrade: T + "await op.addColumn('users', 'age', t.integer())" })
    const run = await athanor(project.dir, ['check', '--conflicts'])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toBe('No unmerged branches touch the same tables or columns.\n')
  })
})
