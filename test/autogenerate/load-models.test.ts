import { describe, expect, it } from 'vitest'
import { assertAtHead } from '../../src/api/at-head.js'
import { collectModels, loadModels } from '../../src/api/load-models.js'
import { ConfigError } from '../../src/errors.js'
import { RevisionGraph } from '../../src/script/graph.js'
import type { Revision } from '../../src/script/revision.js'
import { MetaData, t, table } from '../../src/schema/index.js'
import { fixturePath } from './support.js'

describe('loadModels', () => {
  it('collects every table of a TypeScript models module through its MetaData, referred tables first', async () => {
    const { tables, metadata } = await loadModels(fixturePath('models-v1.ts'))
    expect(metadata).toHaveLength(1)
    expect(tables).toHaveLength(13)
    const names = tables.map((t) => t.name)
    expect(names.indexOf('orgs')).toBeLessThan(names.indexOf('users'))
    expect(names.indexOf('users')).toBeLessThan(names.indexOf('api_keys'))
  })

  it('takes loose exported tables and tables inside an exported object, each once', () => {
    const m = new MetaData()
    const a = table('a', { id: t.integer().primaryKey() }, { metadata: m })
    const b = table('b', { id: t.integer().primaryKey() })
    const c = table('c', { id: t.integer().primaryKey() })
    expect(collectModels([m, a, b, { c, b }, 'not a table']).tables.map((x) => x.name)).toEqual(['a', 'b', 'c'])
  })

  it('refuses two different tables with one name', () => {
    const one = table('dup', { id: t.integer().primaryKey() })
    const two = table('dup', { id: t.integer().primaryKey(), x: t.text() })
    expect(() => collectModels([one, two])).toThrow(ConfigError)
  })

  it('refuses a module that exports no table, which would have autogenerate drop every table', async () => {
    await expect(loadModels(fixturePath('models-empty.ts'))).rejects.toThrow(/exports no table and no MetaData/)
  })

  it('names the module when it cannot be loaded', async () => {
    await expect(loadModels(fixturePath('missing-models.ts'))).rejects.toThrow(/cannot load the models module .*missing-models\.ts/)
  })
})

describe('assertAtHead', () => {
  const revision = (id: string, downRevisions: string[] = [], dependsOn: string[] = []): Revision => ({
    id, downRevisions, dependsOn, branchLabels: [], message: id, createDate: undefined, path: `${id}.ts`,
  })
  const forked = new RevisionGraph([revision('a0'), revision('a1', ['a0']), revision('b1', ['a0'])])
  const linear = new RevisionGraph([revision('a0'), revision('a1', ['a0'])])

  it('accepts a database at every head, in any order', () => {
    expect(() => assertAtHead(forked, ['b1', 'a1'])).not.toThrow()
    expect(() => assertAtHead(new RevisionGraph([]), [])).not.toThrow()
  })

  it('accepts one row standing for a head that another head depends on', () => {
    const dependent = new RevisionGraph([revision('a0'), revision('b1', ['a0']), revision('x1', ['a0']), revision('y1', ['x1'], ['b1'])])
    expect(() => assertAtHead(dependent, ['y1'])).not.toThrow()
  })

  it('refuses a database behind the head, saying where it is and what to run', () => {
    expect(() => assertAtHead(linear, [])).toThrow(/not up to date: it is at base, the head is a1/)
    expect(() => assertAtHead(forked, ['a1'])).toThrow(/not up to date/)
    try {
      assertAtHead(linear, ['a0'])
      expect.unreachable()
    } catch (error) {
      expect(error).toMatchObject({ code: 'E_NOT_AT_HEAD', exitCode: 1, hint: expect.stringContaining('athanor upgrade head') })
    }
  })
})
