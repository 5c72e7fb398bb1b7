import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ALL_DATABASES, createTestDatabase, type TestDatabase, type TestDatabaseKind } from '../support/databases.js'
import { ok } from './cli-in-process.js'
import { tempDir, writeAccountRevisions } from './cli-project.js'

describe.each(ALL_DATABASES)('the runtime commands through the CLI on %s', (kind: TestDatabaseKind) => {
  let db: TestDatabase
  let project: { dir: string; cleanup(): void }
  beforeEach(async () => {
    db = await createTestDatabase(kind)
    project = tempDir()
    writeAccountRevisions(project.dir)
  })
  afterEach(async () => {
    await db.drop()
    project.cleanup()
  })

  it(`upgrade head, current, downgrade base with --url (${kind})`, async () => {
    const up = JSON.parse(await ok(project.dir, ['--url', db.url, 'upgrade', '--json']))
    expect(up.steps.map((s: { revision: string }) => s.revision)).toEqual(['aaaa00000001', 'bbbb00000002'])
    expect(await ok(project.dir, ['--url', db.url, 'current'])).toBe('bbbb00000002 (head)\n')
    const conn = await db.connect()
    await conn.execute("INSERT INTO account (id, name) VALUES (1, 'ada')")
    expect(await conn.query('SELECT name FROM account')).toEqual([{ name: 'ada' }])
    await conn.close()
    await ok(project.dir, ['--url', db.url, 'downgrade', 'base'])
    expect(await ok(project.dir, ['--url', db.url, 'current'])).toBe('')
  })

  it(`upgrade --sql prints the script without running it (${kind})`, async () => {
    // An existing empty database: read commands never create one (SQLite's file included).
    await (await db.connect()).close()
    const sql = await ok(project.dir, ['--url', db.url, 'upgrade', 'base:head', '--sql'])
    expect(sql).toContain('CREATE TABLE account')
    expect(sql).toContain('athanor_version')
    expect(await ok(project.dir, ['--url', db.url, 'current'])).toBe('')
  })
})
