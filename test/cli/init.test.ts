import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { athanor, ok } from './cli-in-process.js'
import { tempDir } from './cli-project.js'

let project: { dir: string; cleanup(): void }
beforeEach(() => {
  project = tempDir()
})
afterEach(() => project.cleanup())

describe('athanor init', () => {
  it('writes the config, the script template, the versions folder and an example models module', async () => {
    const out = await ok(project.dir, ['init'])
    expect(out).toContain('created  athanor.config.ts')
    expect(readFileSync(join(project.dir, 'athanor.config.ts'), 'utf8')).toContain("models: './src/models.ts'")
    expect(readFileSync(join(project.dir, 'migrations', 'script.ts.tmpl'), 'utf8')).toContain('export async function upgrade')
    expect(existsSync(join(project.dir, 'migrations', 'versions', '.gitkeep'))).toBe(true)
    expect(existsSync(join(project.dir, 'src', 'models.ts'))).toBe(true)
  })

  it('makes a project the other commands accept straight away', async () => {
    await ok(project.dir, ['init'])
    expect(await ok(project.dir, ['heads'])).toBe('')
    await ok(project.dir, ['revision', '-m', 'first'])
    expect(await ok(project.dir, ['heads'])).toMatch(/^[0-9a-f]{12} \(head\)\n$/)
  })

  it('writes into the project folder --project names, creating it', async () => {
    await ok(project.dir, ['init', '--project', 'app'])
    expect(existsSync(join(project.dir, 'app', 'athanor.config.ts'))).toBe(true)
    expect(existsSync(join(project.dir, 'app', 'migrations', 'versions'))).toBe(true)
  })

  it('with --models points the config at that module and writes no example', async () => {
    await ok(project.dir, ['init', '--models', './lib/schema.ts'])
    expect(readFileSync(join(project.dir, 'athanor.config.ts'), 'utf8')).toContain("models: './lib/schema.ts'")
    expect(existsSync(join(project.dir, 'src', 'models.ts'))).toBe(false)
  })

  it('--json lists what it created', async () => {
    const result = JSON.parse(await ok(project.dir, ['init', '--json']))
    expect(result.created).toEqual(['athanor.config.ts', 'migrations/script.ts.tmpl', 'migrations/versions/.gitkeep', 'src/models.ts'])
  })

  it('refuses when athanor.config.ts exists, exits 2 and writes nothing', async () => {
    writeFileSync(join(project.dir, 'athanor.config.ts'), 'export default {}\n')
    const run = await athanor(project.dir, ['init'])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^error: cannot init: .*athanor\.config\.ts already exists\n/)
    expect(readdirSync(project.dir)).toEqual(['athanor.config.ts'])
  })

  it('refuses a non-empty migrations folder and writes nothing', async () => {
    mkdirSync(join(project.dir, 'migrations'))
    writeFileSync(join(project.dir, 'migrations', 'old.ts'), '')
    const run = await athanor(project.dir, ['init'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('already exists and is not empty')
    expect(existsSync(join(project.dir, 'athanor.config.ts'))).toBe(false)
    expect(existsSync(join(project.dir, 'src'))).toBe(false)
  })

  it('accepts an empty migrations folder', async () => {
    mkdirSync(join(project.dir, 'migrations'))
    await ok(project.dir, ['init'])
    expect(existsSync(join(project.dir, 'migrations', 'script.ts.tmpl'))).toBe(true)
  })

  it('refuses to overwrite an existing src/models.ts and suggests --models', async () => {
    mkdirSync(join(project.dir, 'src'))
    writeFileSync(join(project.dir, 'src', 'models.ts'), 'export const mine = 1\n')
    const run = await athanor(project.dir, ['init'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('hint: pass --models src/models.ts')
    expect(readFileSync(join(project.dir, 'src', 'models.ts'), 'utf8')).toBe('export const mine = 1\n')
    expect(existsSync(join(project.dir, 'athanor.config.ts'))).toBe(false)
  })
})
