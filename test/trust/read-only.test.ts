import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { athanor, ok } from '../cli/cli-in-process.js'
import { tempDir, writeAccountRevisions } from '../cli/cli-project.js'

describe('read commands never create a database (SQLite)', () => {
  let project: { dir: string; cleanup(): void }
  beforeEach(() => {
    project = tempDir()
    writeFileSync(join(project.dir, 'athanor.config.ts'), `export default { url: 'sqlite:./app.db' }\n`)
    writeAccountRevisions(project.dir, 'TEXT')
  })
  afterEach(() => project.cleanup())

  it('a missing file in a missing folder is "no such database file", exit 2, and nothing is made', async () => {
    const missing = join(project.dir, 'no', 'such', 'dir', 'x.db')
    const run = await athanor(project.dir, ['--url', `sqlite:${missing}`, 'current'])
    expect(run.code).toBe(2)
    expect(run.stderr.split('\n')[0]).toBe(`error: no such database file: ${missing}`)
    expect(existsSync(join(project.dir, 'no'))).toBe(false)
  })

  it('the config\'s own missing file too, under --json', async () => {
    const run = await athanor(project.dir, ['current', '--json'])
    expect(run.code).toBe(2)
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'E_CONFIG', message: `no such database file: ${join(project.dir, 'app.db')}` } })
    expect(existsSync(join(project.dir, 'app.db'))).toBe(false)
  })

  it('an existing database is read without being written', async () => {
    await ok(project.dir, ['upgrade'])
    const before = readFileSync(join(project.dir, 'app.db'))
    expect(await ok(project.dir, ['current'])).toBe('bbbb00000002 (head)\n')
    expect(readFileSync(join(project.dir, 'app.db')).equals(before)).toBe(true)
  })
})
