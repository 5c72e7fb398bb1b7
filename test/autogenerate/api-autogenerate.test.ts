/** The API faces of autogenerate: `athanor.autogenerate()`, `revision({ autogenerate })`, `compareMetadata()`. */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Athanor } from '../../src/api.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'
import { fixturePath } from './support.js'

describe.each(['sqlite', 'postgres'] as const)('the Athanor API on %s', (kind) => {
  let db: TestDatabase | undefined
  let dir: string | undefined
  afterEach(async () => {
    await db?.drop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  async function project(models: string): Promise<Athanor> {
    db = await createTestDatabase(kind)
    dir = mkdtempSync(join(tmpdir(), 'athanor-api-autogen-'))
    mkdirSync(join(dir, 'migrations', 'versions'), { recursive: true })
    return new Athanor({ url: db.url, models: fixturePath(models), migrations: './migrations', cwd: dir })
  }

  it('autogenerates the initial revision, applies it, and then compareMetadata says up to date', async () => {
    const athanor = await project('models-v1.ts')
    expect((await athanor.compareMetadata()).upToDate).toBe(false)
    const result = await athanor.autogenerate('initial')
    expect(result.revision?.message).toBe('initial')
    expect(result.diffs.filter((d) => d.kind === 'add_table')).toHaveLength(13)
    await athanor.upgrade('head')
    expect(await athanor.compareMetadata({ requireHead: true })).toEqual({ upToDate: true, diffs: [], notCarried: [] })
    expect(await athanor.revision('nothing', { autogenerate: true })).toBeNull()
  })

  it('reports the differences of changed models, and refuses to autogenerate behind the head', async () => {
    const athanor = await project('models-v1.ts')
    await athanor.autogenerate('initial')
    await expect(athanor.autogenerate('again')).rejects.toMatchObject({ code: 'E_NOT_AT_HEAD' })
    await expect(athanor.compareMetadata({ requireHead: true })).rejects.toMatchObject({ code: 'E_NOT_AT_HEAD' })
    await athanor.upgrade('head')
    const changed = new Athanor({ url: db!.url, models: fixturePath('models-v2.ts'), migrations: './migrations', cwd: dir! })
    const { upToDate, diffs } = await changed.compareMetadata()
    expect(upToDate).toBe(false)
    expect(diffs).toContainEqual({ kind: 'add_column', table: 'users', column: 'last_login' })
  })
})
