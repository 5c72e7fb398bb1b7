import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ConfigError } from '../../src/errors.js'
import { loadConfig } from '../../src/config/load-config.js'
import { getXArgs } from '../../src/config/x-args.js'
import { TEST_PASSWORD } from '../support/test-secrets.js'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'athanor-config-'))
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

async function loadError(options: Parameters<typeof loadConfig>[0]): Promise<ConfigError> {
  const error = await loadConfig(options).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ConfigError)
  return error as ConfigError
}

describe('loadConfig finds the config file', () => {
  it('loads athanor.config.ts with TypeScript syntax and `athanor` imports', async () => {
    write(
      'athanor.config.ts',
      `import { defineConfig } from 'athanor'\nconst migrations: string = './db'\nexport default defineConfig({ migrations, versionTable: 'v' })\n`,
    )
    const config = await loadConfig({ cwd: dir })
    expect(config.configPath).toBe(join(dir, 'athanor.config.ts'))
    expect(config.migrations).toBe(join(dir, 'db'))
    expect(config.versionTable).toBe('v')
  })

  it('loads athanor.config.js', async () => {
    write('athanor.config.js', `export default { migrations: './js-migrations' }\n`)
    expect((await loadConfig({ cwd: dir })).migrations).toBe(join(dir, 'js-migrations'))
  })

  it('loads athanor.config.mjs', async () => {
    write('athanor.config.mjs', `export default { migrations: './mjs-migrations' }\n`)
    expect((await loadConfig({ cwd: dir })).migrations).toBe(join(dir, 'mjs-migrations'))
  })

  it('prefers athanor.config.ts over .js when both exist', async () => {
    write('athanor.config.ts', `export default { versionTable: 'from_ts' }\n`)
    write('athanor.config.js', `export default { versionTable: 'from_js' }\n`)
    expect((await loadConfig({ cwd: dir })).versionTable).toBe('from_ts')
  })

  it('loads the file -c names and resolves its paths against that file’s folder', async () => {
    write('conf/other.config.ts', `export default { migrations: './m', models: './models.ts' }\n`)
    const config = await loadConfig({ cwd: dir, configPath: 'conf/other.config.ts' })
    expect(config.migrations).toBe(join(dir, 'conf', 'm'))
    expect(config.models).toBe(join(dir, 'conf', 'models.ts'))
    expect(config.rootDir).toBe(join(dir, 'conf'))
  })

  it('uses the defaults relative to the working directory when there is no config file', async () => {
    const config = await loadConfig({ cwd: dir })
    expect(config.configPath).toBeUndefined()
    expect(config.migrations).toBe(join(dir, 'migrations'))
    expect(config.versionTable).toBe('athanor_version')
    expect(config.transactionPerMigration).toBe(true)
    expect(config.lockTimeoutMs).toBe(60000)
    expect(config.compare).toEqual({ types: true, serverDefaults: true, comments: true })
    expect(config.url).toBe(`sqlite:${join(dir, 'app.db')}`)
    expect(config.urlSource).toBe('default')
  })

  it('accepts a default export that is a function returning the config', async () => {
    write('athanor.config.ts', `export default async () => ({ versionTable: 'from_fn' })\n`)
    expect((await loadConfig({ cwd: dir })).versionTable).toBe('from_fn')
  })
})

describe('loadConfig picks the URL by precedence', () => {
  it('--url wins over the config url', async () => {
    write('athanor.config.ts', `export default { url: 'postgres://u@h/db' }\n`)
    const config = await loadConfig({ cwd: dir, url: 'mysql://root@127.0.0.1/x' })
    expect(config.url).toBe('mysql://root@127.0.0.1/x')
    expect(config.urlSource).toBe('flag')
  })

  it('the config url wins over the default', async () => {
    write('athanor.config.ts', `export default { url: 'postgres://u@h/db' }\n`)
    const config = await loadConfig({ cwd: dir })
    expect(config.url).toBe('postgres://u@h/db')
    expect(config.urlSource).toBe('config')
  })

  it('a relative sqlite path in the config is taken from the config file’s folder', async () => {
    write('sub/athanor.config.ts', `export default { url: 'sqlite:./data/app.db' }\n`)
    const config = await loadConfig({ cwd: dir, configPath: 'sub/athanor.config.ts' })
    expect(config.url).toBe(`sqlite:${join(dir, 'sub', 'data', 'app.db')}`)
  })

  it('a relative sqlite path given with --url is taken from the working directory', async () => {
    write('sub/athanor.config.ts', `export default {}\n`)
    const config = await loadConfig({ cwd: dir, configPath: 'sub/athanor.config.ts', url: 'sqlite:here.db' })
    expect(config.url).toBe(`sqlite:${join(dir, 'here.db')}`)
  })

  it('leaves sqlite::memory: alone', async () => {
    expect((await loadConfig({ cwd: dir, url: 'sqlite::memory:' })).url).toBe('sqlite::memory:')
  })
})

describe('loadConfig passes -x arguments to the config', () => {
  it('xArg() inside the config reads the -x values of this run', async () => {
    write(
      'athanor.config.ts',
      `import { xArg } from 'athanor'\nexport default { versionTable: xArg('table', 'fallback') }\n`,
    )
    expect((await loadConfig({ cwd: dir, xArgs: { table: 'from_x' } })).versionTable).toBe('from_x')
    expect((await loadConfig({ cwd: dir })).versionTable).toBe('fallback')
  })

  it('keeps the -x values on the resolved config (scripts get them from there), not in the process', async () => {
    const config = await loadConfig({ cwd: dir, xArgs: { a: '1' } })
    expect(config.xArgs).toEqual({ a: '1' })
    // Scripts read them inside their run: test/api/x-args.test.ts.
    expect(getXArgs()).toEqual({})
  })

  it('gives two loads running at once their own values, inside an async config function too', async () => {
    write(
      'athanor.config.ts',
      `import { xArg } from 'athanor'
export default async () => {
  const before = xArg('table', 'none')
  await new Promise((resolve) => setTimeout(resolve, Number(xArg('wait', '0'))))
  return { versionTable: before + '_' + xArg('table', 'none') }
}
`,
    )
    const [slow, fast] = await Promise.all([
      loadConfig({ cwd: dir, xArgs: { table: 'slow', wait: '60' } }),
      loadConfig({ cwd: dir, xArgs: { table: 'fast', wait: '5' } }),
    ])
    expect(slow.versionTable).toBe('slow_slow')
    expect(fast.versionTable).toBe('fast_fast')
  })
})

describe('loadConfig rejects a broken config with the file and the reason', () => {
  it('a missing -c file', async () => {
    const error = await loadError({ cwd: dir, configPath: 'nope.config.ts' })
    expect(error.message).toBe('config file not found: nope.config.ts')
    expect(error.exitCode).toBe(2)
  })

  it('a syntax error', async () => {
    write('athanor.config.ts', `export default { url: 'sqlite:x.db' \n`)
    const error = await loadError({ cwd: dir })
    expect(error.message).toMatch(/^cannot load athanor\.config\.ts: /)
  })

  it('a config that throws while loading', async () => {
    write('athanor.config.ts', `throw new Error('DATABASE_URL is not set')\nexport default {}\n`)
    const error = await loadError({ cwd: dir })
    expect(error.message).toBe('cannot load athanor.config.ts: DATABASE_URL is not set')
  })

  it('masks a password in the reason', async () => {
    write('athanor.config.ts', `throw new Error('bad postgres://app:${TEST_PASSWORD}@db/x')\nexport default {}\n`)
    const error = await loadError({ cwd: dir })
    expect(error.message).not.toContain(TEST_PASSWORD)
    expect(error.message).toContain('postgres://app:***@db/x')
  })

  it('a default export that is not an object', async () => {
    write('athanor.config.ts', `export default 'sqlite:x.db'\n`)
    const error = await loadError({ cwd: dir })
    expect(error.message).toBe('athanor.config.ts: the default export must be a config object, got "sqlite:x.db"')
  })

  it('a known key with the wrong type', async () => {
    write('athanor.config.ts', `export default { transactionPerMigration: 'yes' }\n`)
    const error = await loadError({ cwd: dir })
    expect(error.message).toBe('athanor.config.ts: "transactionPerMigration" must be true or false, got "yes"')
  })

  it('an unknown key, with the likely intended key as hint', async () => {
    write('athanor.config.ts', `export default { migratons: './m' }\n`)
    const error = await loadError({ cwd: dir })
    expect(error.message).toBe('athanor.config.ts: unknown config key "migratons"')
    expect(error.hint).toBe('did you mean "migrations"?')
  })

  it('an unknown nested key names its path', async () => {
    write('athanor.config.ts', `export default { compare: { tpyes: false } }\n`)
    const error = await loadError({ cwd: dir })
    expect(error.message).toBe('athanor.config.ts: unknown config key "compare.tpyes"')
    expect(error.hint).toBe('did you mean "types"?')
  })

  it('a nested value of the wrong type', async () => {
    write('athanor.config.ts', `export default { include: { schemas: 'public' } }\n`)
    const error = await loadError({ cwd: dir })
    expect(error.message).toBe('athanor.config.ts: "include.schemas" must be an array of strings')
  })
})
