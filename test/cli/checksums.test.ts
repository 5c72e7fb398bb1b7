import { appendFileSync, readFileSync, writeFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ALL_DATABASES, createTestDatabase, type TestDatabase, type TestDatabaseKind } from '../support/databases.js'
import { athanor, ok } from './cli-in-process.js'
import { tempDir, writeAccountRevisions, writeRevisionFile } from './cli-project.js'

describe.each(ALL_DATABASES)('revision checksums on %s', (kind: TestDatabaseKind) => {
  let db: TestDatabase
  let project: { dir: string; cleanup(): void }
  let first: string
  beforeEach(async () => {
    db = await createTestDatabase(kind)
    project = tempDir()
    writeAccountRevisions(project.dir)
    first = writeRevisionFile(project.dir, {
      id: 'aaaa00000001',
      message: 'create account',
      upgrade: "await op.execute('CREATE TABLE account (id INTEGER PRIMARY KEY)')",
      downgrade: "await op.execute('DROP TABLE account')",
    })
  })
  afterEach(async () => {
    await db.drop()
    project.cleanup()
  })
  const cli = (...args: string[]) => athanor(project.dir, ['--url', db.url, ...args])

  it(`an edit of an applied file is named by current --verify and check --verify; rehash clears it (${kind})`, async () => {
    await ok(project.dir, ['--url', db.url, 'upgrade'])
    const clean = await cli('check', '--verify')
    expect(clean.code).toBe(0)
    expect(clean.stderr).toBe('')

    appendFileSync(first, '// tidied after it ran\n')
    const current = await cli('current', '--verify')
    expect(current.code).toBe(0)
    expect(current.stdout).toBe('bbbb00000002 (head)\n')
    expect(current.stderr).toBe(
      'warning: revision aaaa00000001 (migrations/versions/aaaa00000001_create_account.ts) changed since it was applied; `athanor rehash aaaa00000001` accepts the edit\n',
    )
    const checked = await cli('check', '--verify')
    expect(checked.code).toBe(1)
    expect(checked.stderr).toContain('warning: revision aaaa00000001 (migrations/versions/aaaa00000001_create_account.ts) changed')
    expect(checked.stderr).toContain('error: check failed: 1 applied revision file changed')
    const json = JSON.parse((await cli('--json', 'check', '--verify')).stdout)
    expect(json.ok).toBe(false)
    expect(json.verify.changed.map((c: { revision: string }) => c.revision)).toEqual(['aaaa00000001'])

    const rehashed = JSON.parse((await cli('--json', 'rehash', 'aaaa')).stdout)
    expect(rehashed.rehashed).toEqual([expect.objectContaining({ revision: 'aaaa00000001', previous: expect.stringMatching(/^[0-9a-f]{64}$/) })])
    expect(rehashed.rehashed[0].checksum).not.toBe(rehashed.rehashed[0].previous)
    const after = await cli('check', '--verify')
    expect(after.code).toBe(0)
    expect(after.stderr).toBe('')
  })

  it(`a downgrade forgets the checksum and the next upgrade records the file as it is then (${kind})`, async () => {
    await ok(project.dir, ['--url', db.url, 'upgrade'])
    await ok(project.dir, ['--url', db.url, 'downgrade', 'base'])
    writeFileSync(first, readFileSync(first, 'utf8') + '// edited while not applied\n')
    await ok(project.dir, ['--url', db.url, 'upgrade'])
    expect((await cli('check', '--verify')).code).toBe(0)
  })

  it(`rehash refuses a revision that is not applied and records nothing (${kind})`, async () => {
    await ok(project.dir, ['--url', db.url, 'upgrade', 'aaaa00000001'])
    const run = await cli('rehash', 'bbbb00000002')
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('error: bbbb00000002 is not applied')
  })
})

describe('revision checksums and Alembic', () => {
  let project: { dir: string; cleanup(): void }
  beforeEach(() => {
    project = tempDir()
    writeAccountRevisions(project.dir)
  })
  afterEach(() => project.cleanup())

  it('keep alembic_version exactly one column and stay out of autogenerate', async () => {
    const db = await createTestDatabase('sqlite')
    try {
      writeFileSync(`${project.dir}/models.ts`, "import { t, table } from 'athanor'\nexport const account = table('account', { id: t.integer().primaryKey(), name: t.string(50) })\n")
      writeFileSync(`${project.dir}/athanor.config.ts`, `export default { url: '${db.url}', versionTable: 'alembic_version', models: './models.ts' }\n`)
      await ok(project.dir, ['upgrade'])
      const conn = await db.connect()
      expect((await conn.query('PRAGMA table_info(alembic_version)')).map((c) => c['name'])).toEqual(['version_num'])
      expect(await conn.query('SELECT version_num FROM alembic_version_checksums ORDER BY version_num')).toEqual([{ version_num: 'aaaa00000001' }, { version_num: 'bbbb00000002' }])
      await conn.close()
      const check = await athanor(project.dir, ['--json', 'check'])
      expect(check.stderr).toBe('')
      expect(JSON.parse(check.stdout)).toEqual({ upToDate: true, diffs: [], notCarried: [] })
    } finally {
      await db.drop()
    }
  })
})
