import { describe, expect, it } from 'vitest'
import { assertAtHead } from '../../src/autogenerate/autogenerate.js'
import { collectModels, loadModels } from '../../src/autogenerate/load-models.js'
import { ConfigError } from '../../src/errors.js'
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
  it('accepts a database at every head, in any order', () => {
    expect(() => assertAtHead(['b', 'a'], ['a', 'b'])).not.toThrow()
    expect(() => assertAtHead([], [])).not.toThrow()
  })

  it('refuses a database behind the head, saying where it is and what to run', () => {
    expect(() => assertAtHead([], ['a1'])).toThrow(/not up to date: it is at base, the head is a1/)
    try {
      assertAtHead(['a0'], ['a1'])
    } catch (error) {
      expect(error).toMatchObject({ code: 'E_NOT_AT_HEAD', exitCode: 1, hint: expect.stringContaining('athanor upgrade head') })
    }
  })
})
