import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Athanor } from '../../src/api.js'
import { initProject } from '../../src/config/init-project.js'
import { ConfigError, UsageError } from '../../src/errors.js'
import { tempDir, writeRevisionFile } from '../cli/cli-project.js'

let project: { dir: string; cleanup(): void }
beforeEach(async () => {
  project = tempDir('athanor-api-')
  await initProject(project.dir)
})
afterEach(() => project.cleanup())

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(() => undefined, (e: unknown) => e)
  expect(error).toBeInstanceOf(Error)
  return error as Error
}

describe('Athanor construction', () => {
  it('fromConfig loads the config and the script directory', async () => {
    writeRevisionFile(project.dir, { id: 'aaaa00000001' })
    const athanor = await Athanor.fromConfig({ cwd: project.dir })
    expect(athanor.config.configPath).toBe(join(project.dir, 'athanor.config.ts'))
    expect(athanor.script.getRevision('head').id).toBe('aaaa00000001')
  })

  it('new Athanor loads the script lazily: the getter throws until loadScript', async () => {
    const athanor = new Athanor({ cwd: project.dir, url: 'sqlite::memory:' })
    expect(() => athanor.script).toThrow(UsageError)
    await athanor.loadScript()
    expect(athanor.script.graph.size).toBe(0)
  })

  it('new Athanor resolves migrations against cwd and checks its options', () => {
    const athanor = new Athanor({ cwd: project.dir, migrations: './m' })
    expect(athanor.config.migrations).toBe(join(project.dir, 'm'))
    expect(() => new Athanor({ migratons: './m' } as never)).toThrow(ConfigError)
  })

  it('a missing migrations folder is a ConfigError', async () => {
    const athanor = new Athanor({ cwd: project.dir, migrations: './nowhere' })
    const error = await failure(athanor.heads())
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.message).toBe(`migrations folder not found: ${join(project.dir, 'nowhere')}`)
  })
})

describe('Athanor.revision and merge', () => {
  it('returns the new revision, following the single head', async () => {
    const athanor = new Athanor({ cwd: project.dir })
    const first = await athanor.revision('one')
    const second = await athanor.revision('two')
    expect(first.downRevisions).toEqual([])
    expect(second.downRevisions).toEqual([first.id])
    expect(existsSync(second.path)).toBe(true)
    expect((await athanor.heads()).map((h) => h.revision)).toEqual([second.id])
  })

  it('refuses with several heads and lists them', async () => {
    writeRevisionFile(project.dir, { id: 'aaaa00000001' })
    writeRevisionFile(project.dir, { id: 'bbbb00000002', down: 'aaaa00000001' })
    writeRevisionFile(project.dir, { id: 'cccc00000003', down: 'aaaa00000001' })
    const athanor = new Athanor({ cwd: project.dir })
    const error = await failure(athanor.revision('next'))
    expect(error).toBeInstanceOf(UsageError)
    expect(error.message).toContain('bbbb00000002')
    expect(error.message).toContain('cccc00000003')
  })

  it('merge with no revisions joins all heads; with one head it refuses', async () => {
    writeRevisionFile(project.dir, { id: 'aaaa00000001' })
    writeRevisionFile(project.dir, { id: 'bbbb00000002', down: 'aaaa00000001' })
    writeRevisionFile(project.dir, { id: 'cccc00000003', down: 'aaaa00000001' })
    const athanor = new Athanor({ cwd: project.dir })
    const merged = await athanor.merge([], 'join')
    expect([...merged.downRevisions].sort()).toEqual(['bbbb00000002', 'cccc00000003'])
    expect(await failure(athanor.merge([], 'again'))).toBeInstanceOf(UsageError)
  })

  it('runs the postWrite commands on the new file', async () => {
    writeFileSync(join(project.dir, 'athanor.config.ts'), `export default { postWrite: ['sh -c \\'echo "// formatted" >> "$0"\\''] }\n`)
    const athanor = await Athanor.fromConfig({ cwd: project.dir })
    const made = await athanor.revision('x')
    expect(readFileSync(made.path, 'utf8').trimEnd().endsWith('// formatted')).toBe(true)
  })
})

describe('Athanor read methods return data', () => {
  beforeEach(() => {
    writeRevisionFile(project.dir, { id: 'aaaa00000001', message: 'one' })
    writeRevisionFile(project.dir, { id: 'bbbb00000002', down: 'aaaa00000001', message: 'two' })
  })

  it('history is newest first with head marks', async () => {
    const entries = await new Athanor({ cwd: project.dir }).history()
    expect(entries.map((e) => [e.revision, e.isHead, e.isCurrent])).toEqual([
      ['bbbb00000002', true, false],
      ['aaaa00000001', false, false],
    ])
  })

  it('show resolves a prefix', async () => {
    const [shown] = await new Athanor({ cwd: project.dir }).show('aaaa')
    expect(shown).toMatchObject({ revision: 'aaaa00000001', message: 'one', children: ['bbbb00000002'], isBase: true })
  })

  it('nothing is printed', async () => {
    const write = vi.spyOn(process.stdout, 'write')
    const athanor = new Athanor({ cwd: project.dir })
    await athanor.heads()
    await athanor.history()
    await athanor.revision('three')
    expect(write).not.toHaveBeenCalled()
    write.mockRestore()
  })
})

describe('Athanor runs on SQLite', () => {
  beforeEach(() => {
    writeRevisionFile(project.dir, {
      id: 'aaaa00000001',
      message: 'create t',
      upgrade: "await op.execute('CREATE TABLE t (id INTEGER PRIMARY KEY)')",
      downgrade: "await op.execute('DROP TABLE t')",
    })
    writeRevisionFile(project.dir, {
      id: 'bbbb00000002',
      down: 'aaaa00000001',
      message: 'add c',
      upgrade: "await op.execute('ALTER TABLE t ADD COLUMN c TEXT')",
      downgrade: "await op.execute('ALTER TABLE t DROP COLUMN c')",
    })
  })

  it('upgrade, current, downgrade return steps and the version rows', async () => {
    const athanor = new Athanor({ cwd: project.dir, url: 'sqlite:./app.db' })
    const seen: string[] = []
    const up = await athanor.upgrade('head', { onStep: (s) => seen.push(`${s.direction} ${s.revision}`) })
    expect(up.steps.map((s) => s.revision)).toEqual(['aaaa00000001', 'bbbb00000002'])
    expect(seen).toEqual(['up aaaa00000001', 'up bbbb00000002'])
    expect(up.current).toEqual(['bbbb00000002'])
    expect(await athanor.current()).toEqual(['bbbb00000002'])
    expect(existsSync(join(project.dir, 'app.db'))).toBe(true)
    const down = await athanor.downgrade()
    expect(down.steps.map((s) => [s.revision, s.direction])).toEqual([['bbbb00000002', 'down']])
    expect(await athanor.current()).toEqual(['aaaa00000001'])
    const history = await athanor.history({ indicateCurrent: true })
    expect(history.filter((e) => e.isCurrent).map((e) => e.revision)).toEqual(['aaaa00000001'])
    await athanor.downgrade('base')
    expect(await athanor.current()).toEqual([])
    await athanor.close()
  })

  it('stamp writes the version table without running scripts', async () => {
    const athanor = new Athanor({ cwd: project.dir, url: 'sqlite:./app.db' })
    const result = await athanor.stamp(['head'])
    expect(result.current).toEqual(['bbbb00000002'])
    expect(await athanor.current()).toEqual(['bbbb00000002'])
  })

  it('upgrade with sql returns the SQL and leaves the database alone', async () => {
    const athanor = new Athanor({ cwd: project.dir, url: 'sqlite:./app.db' })
    const result = await athanor.upgrade('base:head', { sql: true })
    expect(result.sql).toContain('CREATE TABLE t')
    expect(result.sql).toContain('ALTER TABLE t ADD COLUMN c TEXT')
  })
})

describe('Athanor.withOperations on SQLite', () => {
  it('commits the ops when the function succeeds', async () => {
    const athanor = new Athanor({ cwd: project.dir, url: 'sqlite:./ops.db' })
    await athanor.withOperations(async (op) => {
      await op.execute('CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)')
      await op.execute('INSERT INTO note (body) VALUES (?)', ["it's"])
    })
    const rows = await athanor.withOperations((op) => op.query('SELECT body FROM note'))
    expect(rows).toEqual([{ body: "it's" }])
  })

  it('rolls everything back when the function throws', async () => {
    const athanor = new Athanor({ cwd: project.dir, url: 'sqlite:./ops.db' })
    await athanor.withOperations((op) => op.execute('CREATE TABLE note (id INTEGER PRIMARY KEY)'))
    const error = await failure(
      athanor.withOperations(async (op) => {
        await op.execute('INSERT INTO note (id) VALUES (1)')
        throw new Error('changed my mind')
      }),
    )
    expect(error.message).toBe('changed my mind')
    expect(await athanor.withOperations((op) => op.query('SELECT count(*) AS n FROM note'))).toEqual([{ n: 0 }])
  })

  it('does not touch the version table', async () => {
    const athanor = new Athanor({ cwd: project.dir, url: 'sqlite:./ops.db' })
    await athanor.withOperations((op) => op.execute('CREATE TABLE note (id INTEGER PRIMARY KEY)'))
    const tables = await athanor.withOperations((op) => op.query("SELECT name FROM sqlite_master WHERE type = 'table'"))
    expect(tables).toEqual([{ name: 'note' }])
  })
})
