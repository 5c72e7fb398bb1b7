/**
 * `-x` values belong to the run of one `Athanor` object: its scripts (module
 * code, `upgrade(op)`, `op.context.xArgs`), its models module and its
 * `withOperations` see its values, never another object's, even with runs
 * interleaved in one process.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Athanor } from '../../src/api.js'
import { getXArgs } from '../../src/config/x-args.js'
import { tempDir, writeRevisionFile } from '../cli/cli-project.js'

let project: { dir: string; cleanup(): void }
beforeEach(() => {
  project = tempDir('athanor-api-x-')
  const path = writeRevisionFile(project.dir, {
    id: 'aaaa00000001',
    message: 'record the -x values',
    upgrade: `const before = xArg('who', 'nobody')
  const started = Date.now()
  // Long enough for the other run to start and finish its own script meanwhile.
  await new Promise((resolve) => setTimeout(resolve, Number(xArg('wait', '0'))))
  await op.execute('CREATE TABLE seen (at_load TEXT, before_wait TEXT, after_wait TEXT, context TEXT, all_args TEXT, started INTEGER, ended INTEGER)')
  await op.execute('INSERT INTO seen VALUES (?, ?, ?, ?, ?, ?, ?)', [atLoad, before, xArg('who', 'nobody'), op.context.xArgs.who ?? null, JSON.stringify(getXArgs()), started, Date.now()])`,
  })
  // Module code runs when the runner loads the script: it too must see the run's values.
  const source = readFileSync(path, 'utf8').replace(
    "import type { Operations } from 'athanor'",
    "import { getXArgs, xArg, type Operations } from 'athanor'\n\nconst atLoad = xArg('who', 'nobody')",
  )
  writeFileSync(path, source)
  mkdirSync(join(project.dir, 'src'), { recursive: true })
  writeFileSync(
    join(project.dir, 'src', 'models.ts'),
    `import { t, table, xArg } from 'athanor'\nexport const named = table(xArg('table', 'unnamed'), { id: t.integer().primaryKey() })\n`,
  )
})
afterEach(() => project.cleanup())

function athanorFor(name: string, xArgs: Record<string, string>): Athanor {
  return new Athanor({ cwd: project.dir, url: `sqlite:./${name}.db`, models: './src/models.ts', xArgs })
}

async function seen(athanor: Athanor): Promise<Record<string, unknown>> {
  return athanor.withOperations(async (op) => (await op.query('SELECT * FROM seen'))[0] as Record<string, unknown>)
}

describe('two Athanor objects with different xArgs', () => {
  it('each run sees its own values, with the two runs interleaved', async () => {
    const alice = athanorFor('alice', { who: 'alice', wait: '400' })
    const bob = athanorFor('bob', { who: 'bob', wait: '0' })
    const [a, b] = await Promise.all([alice.upgrade('head'), bob.upgrade('head')])
    expect(a.steps).toHaveLength(1)
    expect(b.steps).toHaveLength(1)
    const { started, ended, ...byAlice } = await seen(alice)
    const { started: bobStarted, ended: bobEnded, ...byBob } = await seen(bob)
    // The two scripts ran at the same time: the runs really were interleaved.
    expect(Math.max(Number(started), Number(bobStarted))).toBeLessThanOrEqual(Math.min(Number(ended), Number(bobEnded)))
    expect(byAlice).toEqual({ at_load: 'alice', before_wait: 'alice', after_wait: 'alice', context: 'alice', all_args: '{"who":"alice","wait":"400"}' })
    expect(byBob).toEqual({ at_load: 'bob', before_wait: 'bob', after_wait: 'bob', context: 'bob', all_args: '{"who":"bob","wait":"0"}' })
  })

  it('leaves nothing behind in the process once a run is over', async () => {
    await athanorFor('alice', { who: 'alice' }).upgrade('head')
    expect(getXArgs()).toEqual({})
  })

  it('each object loads the models module with its own values', async () => {
    const [first, second] = await Promise.all([athanorFor('one', { table: 'first' }).compareMetadata(), athanorFor('two', { table: 'second' }).compareMetadata()])
    expect(first.diffs).toContainEqual({ kind: 'add_table', table: 'first' })
    expect(second.diffs).toContainEqual({ kind: 'add_table', table: 'second' })
  })

  it('withOperations runs its function with the object\'s values', async () => {
    const { xArg } = await import('../../src/config/x-args.js')
    const read = (athanor: Athanor) =>
      athanor.withOperations(async () => {
        const before = xArg('who')
        await new Promise((resolve) => setTimeout(resolve, 20))
        return [before, xArg('who')]
      })
    expect(await Promise.all([read(athanorFor('alice', { who: 'alice' })), read(athanorFor('bob', { who: 'bob' }))])).toEqual([
      ['alice', 'alice'],
      ['bob', 'bob'],
    ])
  })
})
