/**
 * A command loads only the dialect its URL names: the built CLI runs with a
 * module-loading hook that lists every module it loads.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dialectEntries } from '../../src/dialect/registry.js'
import { CLI } from '../cli/cli-process.js'
import { tempDir, writeRevisionFile } from '../cli/cli-project.js'

const DIST_DIALECT = pathToFileURL(join(CLI, '..', '..', 'dialect')).href + '/'

let project: ReturnType<typeof tempDir>

beforeEach(() => {
  project = tempDir('athanor-lazy-')
  mkdirSync(join(project.dir, 'migrations', 'versions'), { recursive: true })
  writeRevisionFile(project.dir, { id: 'aaaa00000001', message: 'create account', upgrade: "await op.execute('CREATE TABLE account (id INTEGER)')" })
  writeFileSync(join(project.dir, 'hooks.mjs'), 'export async function load(url, context, next) { process.stderr.write(`LOADED ${url}\\n`); return next(url, context) }\n')
  writeFileSync(join(project.dir, 'register.mjs'), "import { register } from 'node:module'\nregister('./hooks.mjs', import.meta.url)\n")
})

afterEach(() => project.cleanup())

/** The dialect folders whose code (beyond their light registry entry) a CLI run loaded. */
function dialectFoldersLoaded(args: readonly string[]): string[] {
  const run = spawnSync(process.execPath, ['--import', './register.mjs', CLI, ...args], { cwd: project.dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
  if (run.status !== 0) throw new Error(`athanor ${args.join(' ')} exited ${run.status}\n${run.stderr}`)
  const loaded = run.stderr.split('\n').filter((line) => line.startsWith(`LOADED ${DIST_DIALECT}`)).map((line) => line.slice(`LOADED ${DIST_DIALECT}`.length))
  const folders = dialectEntries().map((entry) => entry.name)
  return folders.filter((folder) => loaded.some((path) => path.startsWith(`${folder}/`) && path !== `${folder}/${folder}-entry.js`))
}

describe('a command loads only the dialect its URL names', () => {
  it('current on SQLite loads no PostgreSQL or MySQL code', () => {
    // An empty file is an empty SQLite database; current reads it (a missing one is an error, never created).
    writeFileSync(join(project.dir, 'app.db'), '')
    expect(dialectFoldersLoaded(['--url', 'sqlite:./app.db', 'current'])).toEqual(['sqlite'])
  })

  it('upgrade --sql for MySQL loads no SQLite or PostgreSQL code', () => {
    expect(dialectFoldersLoaded(['--url', 'mysql://root@127.0.0.1/none', 'upgrade', '--sql', 'base:head'])).toEqual(['mysql'])
  })

  it('upgrade --sql for PGlite loads the PostgreSQL dialect and nothing else', () => {
    expect(dialectFoldersLoaded(['--url', 'pglite::memory:', 'upgrade', '--sql', 'base:head'])).toEqual(['postgres'])
  })
})
