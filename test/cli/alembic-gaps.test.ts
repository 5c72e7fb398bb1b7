import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from '../support/databases.js'
import { listTables } from '../support/catalog.js'
import { athanor, ok } from './cli-in-process.js'
import { tempDir, writeAccountRevisions, writeRevisionFile } from './cli-project.js'

describe.each(['sqlite', 'postgres', 'mysql'] as TestDatabaseKind[])('small Alembic commands on %s', (kind) => {
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
  const cli = (...args: string[]) => athanor(project.dir, ['--url', db.url, ...args])

  it(`current --check-heads exits 1 below the head and 0 at it (${kind})`, async () => {
    await ok(project.dir, ['--url', db.url, 'upgrade', 'aaaa00000001'])
    const behind = await cli('current', '--check-heads')
    expect(behind.code).toBe(1)
    expect(behind.stderr).toBe('error: the database is at aaaa00000001, not at the head bbbb00000002\nhint: run `athanor upgrade heads`\n')
    await ok(project.dir, ['--url', db.url, 'upgrade'])
    const atHead = await cli('current', '--check-heads')
    expect(atHead.code).toBe(0)
    expect(atHead.stdout).toBe('bbbb00000002 (head)\n')
  })

  it(`ensure-version creates the version table and runs nothing (${kind})`, async () => {
    const json = JSON.parse((await cli('--json', 'ensure-version')).stdout)
    expect(json).toMatchObject({ steps: [], current: [] })
    const conn = await db.connect()
    expect(await listTables(conn, kind)).toEqual(['athanor_version', 'athanor_version_checksums'])
    await conn.close()
    expect((await cli('ensure-version', '--sql')).stdout).toContain('CREATE TABLE IF NOT EXISTS')
  })

  it(`op.connection runs raw queries in the revision's transaction, and op.f keeps a name (${kind})`, async () => {
    writeRevisionFile(project.dir, {
      id: 'cccc00000003',
      down: 'bbbb00000002',
      upgrade: [
        "await op.createIndex(op.f('ix_account_name'), 'account', ['name'])",
        "await op.execute(\"INSERT INTO account (id, name) VALUES (7, 'ada')\")",
        'await op.drain()',
        "const rows = await op.connection.query('SELECT name FROM account WHERE id = 7')",
        "if (rows[0]?.['name'] !== 'ada') throw new Error('op.connection did not see the row: ' + JSON.stringify(rows))",
        "await op.connection.execute(\"UPDATE account SET name = 'grace' WHERE id = 7\")",
      ].join('\n  '),
    })
    await ok(project.dir, ['--url', db.url, 'upgrade'])
    const conn = await db.connect()
    expect(await conn.query('SELECT name FROM account WHERE id = 7')).toEqual([{ name: 'grace' }])
    await conn.close()
    const offline = await cli('upgrade', 'bbbb00000002:cccc00000003', '--sql')
    expect(offline.code).toBe(2)
    expect(offline.stderr).toContain('op.connection is not available')
  })

  it(`stamp --tag is accepted (${kind})`, async () => {
    expect(JSON.parse((await cli('--json', 'stamp', 'head', '--tag', 'release-7')).stdout).current).toEqual(['bbbb00000002'])
  })
})
