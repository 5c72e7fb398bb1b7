import { mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { athanor, ok } from './cli-in-process.js'
import { tempDir, writeRevisionFile } from './cli-project.js'

let project: { dir: string; cleanup(): void }
beforeEach(async () => {
  project = tempDir()
  await ok(project.dir, ['init'])
})
afterEach(() => project.cleanup())

const versions = (): string => join(project.dir, 'migrations', 'versions')

/** Moves a revision file written by writeRevisionFile into a folder of its own. */
function moveInto(file: string, folder: string): void {
  mkdirSync(folder, { recursive: true })
  renameSync(file, join(folder, file.split('/').pop()!))
}

function configWithLocations(locations: string[]): void {
  writeFileSync(join(project.dir, 'athanor.config.ts'), `export default { url: 'sqlite:./app.db', migrations: ${JSON.stringify(locations)} }\n`)
}

describe('version locations', () => {
  it('reads a revision in a sub-folder of versions/', async () => {
    writeRevisionFile(project.dir, { id: 'aaaa00000001' })
    const nested = writeRevisionFile(project.dir, { id: 'bbbb00000002', down: 'aaaa00000001' })
    moveInto(nested, join(versions(), '2026', 'billing'))
    const heads = JSON.parse(await ok(project.dir, ['heads', '--json']))
    expect(heads.map((h: { revision: string }) => h.revision)).toEqual(['bbbb00000002'])
  })

  it('skips hidden and node_modules sub-folders', async () => {
    writeRevisionFile(project.dir, { id: 'aaaa00000001' })
    moveInto(writeRevisionFile(project.dir, { id: 'bbbb00000002', down: 'aaaa00000001' }), join(versions(), '.trash'))
    moveInto(writeRevisionFile(project.dir, { id: 'cccc00000003', down: 'aaaa00000001' }), join(versions(), 'node_modules'))
    const heads = JSON.parse(await ok(project.dir, ['heads', '--json']))
    expect(heads.map((h: { revision: string }) => h.revision)).toEqual(['aaaa00000001'])
  })

  it('reads every folder of a migrations list into one graph', async () => {
    configWithLocations(['./migrations', './plugins/billing'])
    writeRevisionFile(project.dir, { id: 'aaaa00000001' })
    moveInto(writeRevisionFile(project.dir, { id: 'bbbb00000002', down: 'aaaa00000001' }), join(project.dir, 'plugins', 'billing', 'deep'))
    const history = JSON.parse(await ok(project.dir, ['history', '--json']))
    expect(history.map((h: { revision: string }) => h.revision)).toEqual(['bbbb00000002', 'aaaa00000001'])
  })

  it('writes a new revision into --version-path and reads it back from there', async () => {
    configWithLocations(['./migrations', './plugins/billing'])
    mkdirSync(join(project.dir, 'plugins', 'billing'), { recursive: true })
    writeRevisionFile(project.dir, { id: 'aaaa00000001' })
    const made = JSON.parse(await ok(project.dir, ['revision', '-m', 'invoices', '--version-path', 'plugins/billing', '--json']))
    expect(made.path).toContain(join('plugins', 'billing'))
    expect(readdirSync(join(project.dir, 'plugins', 'billing'))).toEqual([`${made.revision}_invoices.ts`])
    expect(made.downRevisions).toEqual(['aaaa00000001'])
  })

  it('with several locations puts a revision next to its parent', async () => {
    configWithLocations(['./migrations', './plugins/billing'])
    moveInto(writeRevisionFile(project.dir, { id: 'aaaa00000001' }), join(project.dir, 'plugins', 'billing'))
    const made = JSON.parse(await ok(project.dir, ['revision', '-m', 'next', '--json']))
    expect(readdirSync(join(project.dir, 'plugins', 'billing')).sort()).toEqual(['aaaa00000001_rev_aaaa00000001.ts', `${made.revision}_next.ts`].sort())
  })

  it('refuses a new base with several locations and no --version-path, writing nothing', async () => {
    configWithLocations(['./migrations', './plugins/billing'])
    mkdirSync(join(project.dir, 'plugins', 'billing'), { recursive: true })
    const run = await athanor(project.dir, ['revision', '-m', 'first'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('several version locations')
    expect(run.stderr).toContain('hint: pass --version-path DIR')
    expect(readdirSync(versions()).filter((f) => f.endsWith('.ts'))).toEqual([])
  })

  it('refuses a --version-path outside every location, exit 2', async () => {
    const run = await athanor(project.dir, ['revision', '-m', 'x', '--version-path', 'elsewhere'])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/error: --version-path \S*elsewhere is not inside a version location/)
  })

  it('says which location is missing', async () => {
    configWithLocations(['./migrations', './nowhere'])
    const run = await athanor(project.dir, ['heads'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('no versions folder at')
    expect(run.stderr).toContain('nowhere')
  })

  it('rejects an empty migrations list in the config', async () => {
    configWithLocations([])
    const run = await athanor(project.dir, ['heads'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('"migrations" must be a folder or a non-empty array of folders')
  })
})
