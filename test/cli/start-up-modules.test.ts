/**
 * Start-up proportional to the command: which modules a CLI process loads,
 * read from a load trace of the real binary (never from timings). Only the
 * invoked command's module, only the dialect the URL names, no database code
 * for the graph commands, no driver for `--sql`, and a config's
 * `defineConfig` without the rest of the package.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLI } from './cli-process.js'
import { tempDir, writeRevisionFile } from './cli-project.js'

const REGISTER = join(dirname(fileURLToPath(import.meta.url)), '..', 'support', 'load-trace', 'register.mjs')
const DRIVERS = ['better-sqlite3', 'pg', 'mysql2', '@electric-sql/pglite']
const GRAPH_COMMANDS = [['heads'], ['history'], ['branches'], ['show', 'head'], ['graph']]

/** The modules a run of `athanor …args` loaded: `dist/…` files of this package and `node_modules` package names. */
function loadedModules(cwd: string, args: readonly string[]): Set<string> {
  const trace = join(cwd, 'load-trace.txt')
  const run = spawnSync(process.execPath, ['--import', REGISTER, CLI, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', ATHANOR_LOAD_TRACE: trace },
    encoding: 'utf8',
  })
  if (run.status !== 0) throw new Error(`athanor ${args.join(' ')} exited ${run.status}\n${run.stderr}`)
  const modules = new Set<string>()
  for (const line of readFileSync(trace, 'utf8').split('\n')) {
    const path = line.startsWith('file:') ? fileURLToPath(line.replace(/\?.*$/, '')) : line
    const dist = /[\\/]dist[\\/](.+)$/.exec(path)
    const pkg = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(path)
    if (pkg !== null && !path.includes(`${join('node_modules', '.cache')}`)) modules.add(pkg[1]!.replace('\\', '/'))
    else if (dist !== null) modules.add(`dist/${dist[1]!.replace(/\\/g, '/')}`)
  }
  return modules
}

const of = (modules: Set<string>, prefix: string): string[] => [...modules].filter((m) => m.startsWith(prefix)).sort()
/** Modules of a dialect's folder beyond its registry line (`<name>-entry.js`, which only parses URLs). */
const dialectCode = (modules: Set<string>, name: string): string[] => of(modules, `dist/dialect/${name}/`).filter((m) => !m.endsWith('-entry.js'))

let project: ReturnType<typeof tempDir>
beforeAll(() => {
  project = tempDir('athanor-start-up-')
  writeFileSync(join(project.dir, 'athanor.config.ts'), `import { defineConfig } from 'athanor'\n\nexport default defineConfig({ url: 'sqlite:./app.db' })\n`)
  writeRevisionFile(project.dir, { id: 'aaaa00000001', message: 'create account', upgrade: "await op.execute('CREATE TABLE account (id INTEGER)')" })
  writeRevisionFile(project.dir, { id: 'bbbb00000002', down: 'aaaa00000001', message: 'add name', upgrade: "await op.execute('ALTER TABLE account ADD COLUMN name TEXT')" })
  // A revision as the default template writes it: `t` is a value import from athanor.
  writeFileSync(
    join(project.dir, 'migrations', 'versions', 'cccc00000003_add_bio.ts'),
    `/**\n * add bio\n *\n * Revision ID: cccc00000003\n * Revises: bbbb00000002\n */\nimport { type Operations, t } from 'athanor'\n\nexport const revision = 'cccc00000003'\nexport const downRevision: string | string[] | null = 'bbbb00000002'\nexport const branchLabels: string[] | null = null\nexport const dependsOn: string[] | null = null\n\nexport async function upgrade(op: Operations) {\n  await op.addColumn('account', 'bio', t.text())\n}\n\nexport async function downgrade(op: Operations) {\n  await op.dropColumn('account', 'bio')\n}\n`,
  )
  // Warm the transform cache, so the traced runs show what a warm start loads.
  loadedModules(project.dir, ['upgrade', 'base:head', '--sql'])
})
afterAll(() => project.cleanup())

describe('start-up loads what the command needs', () => {
  it('a command imports its own module and no other command’s', () => {
    const modules = loadedModules(project.dir, ['heads'])
    expect(of(modules, 'dist/cli/commands/')).toEqual(['dist/cli/commands/heads.js', 'dist/cli/commands/lazy-commands.js'])
  })

  it('--help still lists every command', () => {
    const modules = loadedModules(project.dir, ['--help'])
    expect(of(modules, 'dist/cli/commands/')).toEqual(expect.arrayContaining(['dist/cli/commands/check.js', 'dist/cli/commands/heads.js', 'dist/cli/commands/revision.js']))
  })

  it.each(GRAPH_COMMANDS)('%s loads no database code, no runtime, and of the package only the config part the config imports', (...args) => {
    const modules = loadedModules(project.dir, args)
    for (const dialect of ['sqlite', 'postgres', 'mysql']) expect(dialectCode(modules, dialect)).toEqual([])
    expect(of(modules, 'dist/runtime/')).toEqual([])
    expect(of(modules, 'dist/operations/')).toEqual([])
    expect(DRIVERS.filter((driver) => modules.has(driver))).toEqual([])
    expect(modules.has('dist/config/parts/config-part.js')).toBe(true)
    expect(modules.has('dist/index.js')).toBe(false)
    expect(modules.has('oxc-transform')).toBe(false)
    expect(modules.has('jiti')).toBe(false)
  })

  it('upgrade --sql on SQLite loads the SQLite dialect and no driver, and scripts get the scripts part, not the whole package', () => {
    const modules = loadedModules(project.dir, ['upgrade', 'base:head', '--sql'])
    expect(modules.has('dist/dialect/sqlite/sqlite-dialect.js')).toBe(true)
    expect([...dialectCode(modules, 'postgres'), ...dialectCode(modules, 'mysql')]).toEqual([])
    expect(DRIVERS.filter((driver) => modules.has(driver))).toEqual([])
    expect(modules.has('dist/config/parts/scripts-part.js')).toBe(true)
    expect(modules.has('dist/index.js')).toBe(false)
    expect(of(modules, 'dist/integrations/')).toEqual([])
  })

  it('upgrade --sql with a PostgreSQL URL loads only the PostgreSQL dialect, and not pg', () => {
    const modules = loadedModules(project.dir, ['--url', 'postgres://app@127.0.0.1:5432/app', 'upgrade', 'base:head', '--sql'])
    expect(modules.has('dist/dialect/postgres/postgres-dialect.js')).toBe(true)
    expect([...dialectCode(modules, 'sqlite'), ...dialectCode(modules, 'mysql')]).toEqual([])
    expect(DRIVERS.filter((driver) => modules.has(driver))).toEqual([])
  })

  it('current loads the URL’s dialect and its driver, but not the runner or the ops', () => {
    loadedModules(project.dir, ['upgrade', 'head'])
    const modules = loadedModules(project.dir, ['current'])
    expect(modules.has('better-sqlite3')).toBe(true)
    expect([...dialectCode(modules, 'postgres'), ...dialectCode(modules, 'mysql')]).toEqual([])
    expect(DRIVERS.filter((driver) => driver !== 'better-sqlite3' && modules.has(driver))).toEqual([])
    expect(modules.has('dist/runtime/runner.js')).toBe(false)
    expect(of(modules, 'dist/operations/')).toEqual([])
    expect(modules.has('dist/index.js')).toBe(false)
  })
})
