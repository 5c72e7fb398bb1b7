import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { importUserModule } from '../../src/config/module-loader.js'
import { rewriteSpecifiers } from '../../src/config/module-specifiers.js'
import { runWithXArgs, xArg } from '../../src/config/x-args.js'
import { t } from '../../src/schema/t.js'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'athanor-loader-'))
  // A project with node_modules: the cache belongs inside it.
  mkdirSync(join(dir, 'node_modules'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

function write(name: string, text: string): string {
  const path = join(dir, name)
  mkdirSync(join(path, '..'), { recursive: true })
  writeFileSync(path, text)
  return path
}

const cacheDir = () => join(dir, 'node_modules', '.cache', 'athanor')
const cachedModules = () => (existsSync(cacheDir()) ? readdirSync(cacheDir()).filter((f) => f.endsWith('.mjs') && !f.startsWith('athanor-')) : [])

describe('importUserModule loads TypeScript without Babel', () => {
  it('strips the types of a .ts module into the project cache and imports it, with `athanor` as the running package', async () => {
    const path = write('versions/a1_first.ts', `import { type Operations, xArg } from 'athanor'\nexport const revision: string = 'a1'\nexport const sameXArg = xArg\nexport async function upgrade(op: Operations): Promise<void> {}\n`)
    const loaded = await importUserModule<{ revision: string; sameXArg: unknown }>(path)
    expect(loaded.revision).toBe('a1')
    expect(loaded.sameXArg).toBe(xArg)
    expect(cachedModules()).toHaveLength(1)
  })

  it('reuses the cache entry of an unchanged file and makes a new one for an edited file', async () => {
    const path = write('versions/a1_first.ts', `export const n: number = 1\n`)
    await importUserModule(path)
    const [entry] = cachedModules()
    const written = statSync(join(cacheDir(), entry!)).mtimeMs
    expect((await importUserModule<{ n: number }>(path)).n).toBe(1)
    expect(cachedModules()).toEqual([entry])
    expect(statSync(join(cacheDir(), entry!)).mtimeMs).toBe(written)
    write('versions/a1_first.ts', `export const n: number = 2\n`)
    expect((await importUserModule<{ n: number }>(path)).n).toBe(2)
    expect(cachedModules()).toHaveLength(2)
  })

  it('evaluates the module again on each load, so an -x value read at its top is read anew', async () => {
    const path = write('athanor.config.ts', `import { xArg } from 'athanor'\nexport default { url: xArg('url', 'sqlite::memory:') }\n`)
    const first = await runWithXArgs({ url: 'sqlite:./a.db' }, () => importUserModule<{ url: string }>(path, { default: true }))
    const second = await runWithXArgs({ url: 'sqlite:./b.db' }, () => importUserModule<{ url: string }>(path, { default: true }))
    expect([first.url, second.url]).toEqual(['sqlite:./a.db', 'sqlite:./b.db'])
  })

  it('imports a plain .mjs module that does not import athanor as it is, writing nothing to the cache', async () => {
    write('helper.mjs', `export const two = 2\n`)
    const path = write('athanor.config.mjs', `import { two } from './helper.mjs'\nexport default { two }\n`)
    expect(await importUserModule<{ two: number }>(path, { default: true })).toEqual({ two: 2 })
    expect(cachedModules()).toEqual([])
  })

  it('loads a .ts module that imports another TypeScript file through the general loader', async () => {
    write('src/columns.ts', `export const width: number = 100\n`)
    const path = write('src/models.ts', `import { width } from './columns'\nexport const table = { width }\n`)
    expect((await importUserModule<{ table: { width: number } }>(path)).table).toEqual({ width: 100 })
  })

  it('hands each module the smallest part of the package holding what it imports', async () => {
    const config = write('athanor.config.ts', `import { defineConfig, xArg } from 'athanor'\nexport default defineConfig({ url: xArg('url', 'sqlite::memory:') })\n`)
    const script = write('versions/a1_first.ts', `import { type Operations, t } from 'athanor'\nexport const type = t.text()\nexport async function upgrade(op: Operations): Promise<void> {}\n`)
    const bridges = () => readdirSync(cacheDir()).filter((f) => f.startsWith('athanor-')).map((f) => f.split('-')[1]).sort()
    expect(await importUserModule<{ url: string }>(config, { default: true })).toEqual({ url: 'sqlite::memory:' })
    expect(bridges()).toEqual(['config'])
    expect((await importUserModule<{ type: unknown }>(script)).type).toEqual(t.text())
    expect(bridges()).toEqual(['config', 'scripts'])
  })

  it('gives two modules loaded at once in two runs each its own run\'s xArg at its top', async () => {
    const source = `import { xArg } from 'athanor'\nexport const who: string = xArg('who', 'nobody')\n`
    const [a, b] = [write('versions/a1.ts', source), write('versions/b1.ts', `${source}// b\n`)]
    const [first, second] = await Promise.all([
      runWithXArgs({ who: 'alice' }, () => importUserModule<{ who: string }>(a)),
      runWithXArgs({ who: 'bob' }, () => importUserModule<{ who: string }>(b)),
    ])
    expect([first.who, second.who]).toEqual(['alice', 'bob'])
  })

  it('still reports a syntax error of a .ts file as an error', async () => {
    const path = write('versions/bad.ts', `export const = ;\n`)
    await expect(importUserModule(path)).rejects.toThrow()
  })
})

describe('rewriteSpecifiers', () => {
  const rules = { athanor: './athanor-bridge.mjs', relativeTo: '/app/versions/a.mjs', barePackagesResolve: true }

  it('points athanor at the bridge, relative files at absolute URLs, and keeps builtins and packages', () => {
    const code = `import { t } from 'athanor'\nimport { x } from "./x.mjs"\nimport 'node:fs'\nexport { y } from 'zod'\n`
    expect(rewriteSpecifiers(code, rules)).toBe(
      `import { t } from './athanor-bridge.mjs'\nimport { x } from "file:///app/versions/x.mjs"\nimport 'node:fs'\nexport { y } from 'zod'\n`,
    )
  })

  it('declines what a moved copy cannot do the same: dynamic import, import.meta, require, athanor subpaths', () => {
    for (const code of [`const m = await import('./m.js')\n`, `export const here = import.meta.url\n`, `const fs = require('fs')\n`, `import { x } from 'athanor/fastify'\n`]) {
      expect(rewriteSpecifiers(code, rules)).toBeUndefined()
    }
  })

  it('declines a relative import when there is no original place to resolve it from, and packages that would not resolve', () => {
    expect(rewriteSpecifiers(`import { x } from './x'\n`, { ...rules, relativeTo: null })).toBeUndefined()
    expect(rewriteSpecifiers(`import { z } from 'zod'\n`, { ...rules, barePackagesResolve: false })).toBeUndefined()
  })
})
