import { describe, expect, it } from 'vitest'
import * as whole from '../../src/index.js'
import { PACKAGE_PARTS } from '../../src/config/parts/package-parts.js'
import { athanorImportNames } from '../../src/config/module-specifiers.js'

describe('the package parts a user module is handed', () => {
  it('are each a subset of the whole package, with the same values', async () => {
    for (const part of PACKAGE_PARTS) {
      const exports = await part.load()
      for (const [name, value] of Object.entries(exports)) expect([part.name, name, value]).toEqual([part.name, name, (whole as Record<string, unknown>)[name]])
    }
  })

  it('grow from the config names to the whole package', async () => {
    const [config, scripts, last] = await Promise.all(PACKAGE_PARTS.map((part) => part.load()))
    expect(Object.keys(config!).sort()).toEqual(['defineConfig', 'getXArgs', 'xArg'])
    expect(Object.keys(scripts!)).toEqual(expect.arrayContaining(['defineConfig', 't', 'table', 'sql', 'Operations', 'MetaData']))
    expect(Object.keys(scripts!)).not.toContain('Athanor')
    expect(Object.keys(last!).sort()).toEqual(Object.keys(whole).sort())
  })
})

describe('athanorImportNames', () => {
  it('lists the names a module imports or re-exports from athanor, under their exported names', () => {
    expect(athanorImportNames(`import { defineConfig, xArg as arg } from 'athanor'\nimport { z } from 'zod'\nexport { t } from "athanor"\n`)).toEqual(['defineConfig', 'xArg', 't'])
  })

  it('leaves out what TypeScript erases: type imports and type entries', () => {
    expect(athanorImportNames(`import type { Operations } from 'athanor'\nexport type { AthanorConfig } from 'athanor'\n`)).toBeUndefined()
    expect(athanorImportNames(`import { type Operations, t } from 'athanor'\n`)).toEqual(['t'])
  })

  it('is undefined for a module that imports nothing of athanor, and empty for one that imports it for its effect', () => {
    expect(athanorImportNames(`import { z } from 'zod'\nexport const a = 1\n`)).toBeUndefined()
    expect(athanorImportNames(`import 'athanor'\n`)).toEqual([])
  })

  it('is null for a module that takes the package as a whole', () => {
    expect(athanorImportNames(`import * as athanor from 'athanor'\n`)).toBeNull()
    expect(athanorImportNames(`import athanor, { t } from 'athanor'\n`)).toBeNull()
    expect(athanorImportNames(`export * from 'athanor'\n`)).toBeNull()
    expect(athanorImportNames(`import { default as athanor } from 'athanor'\n`)).toBeNull()
  })
})
