/**
 * Messages that say what happened: `stamp` reports what it changed, a version
 * table no run could have written is "inconsistent" with a way out (not
 * accepted, not a raw driver error), and each bad config value gets its own
 * one-line message showing the value.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { athanor, ok } from '../cli/cli-in-process.js'
import { tempDir, writeRevisionFile } from '../cli/cli-project.js'
import { versionRows } from '../support/catalog.js'
import { ALL_DATABASES, createTestDatabase, type TestDatabase } from '../support/databases.js'

const A = 'aaaa00000001'
const B = 'bbbb00000002'

function project(url: string, config = `export default { url: ${JSON.stringify(url)} }\n`): { dir: string; cleanup(): void } {
  const made = tempDir('athanor-truthful-')
  writeFileSync(join(made.dir, 'athanor.config.ts'), config)
  writeRevisionFile(made.dir, { id: A, message: 'create ta', upgrade: "await op.execute('CREATE TABLE ta (id INTEGER)')", downgrade: "await op.execute('DROP TABLE ta')" })
  writeRevisionFile(made.dir, { id: B, down: A, message: 'create tb', upgrade: "await op.execute('CREATE TABLE tb (id INTEGER)')", downgrade: "await op.execute('DROP TABLE tb')" })
  return made
}

/** The error and hint lines of a refused command, and its code. */
function refusal(run: { code: number; stderr: string }): { code: number; error: string | undefined; hint: string | undefined } {
  const lines = run.stderr.split('\n').filter((line) => line !== '')
  return { code: run.code, error: lines.find((l) => l.startsWith('error: '))?.slice(7), hint: lines.find((l) => l.startsWith('hint: '))?.slice(6) }
}

describe.each(ALL_DATABASES)('truthful version-table messages on %s', (kind) => {
  let db: TestDatabase
  let dir: { dir: string; cleanup(): void }
  beforeEach(async () => {
    db = await createTestDatabase(kind)
    dir = project(db.url)
  })
  afterEach(async () => {
    await db.drop()
    dir.cleanup()
  })

  async function sql(...statements: string[]): Promise<void> {
    const conn = await db.connect()
    try {
      for (const statement of statements) await conn.execute(statement)
    } finally {
      await conn.close()
    }
  }

  it('stamp says what it changed, and that a repeated stamp changed nothing', async () => {
    const first = await athanor(dir.dir, ['stamp', A])
    expect(first.code).toBe(0)
    expect(first.stdout.trim()).toBe(`stamped base -> ${A}; database at ${A}`)
    expect((await athanor(dir.dir, ['stamp', 'head'])).stdout.trim()).toBe(`stamped ${A} -> ${B}; database at ${B}`)
    expect((await athanor(dir.dir, ['stamp', 'head'])).stdout.trim()).toBe(`version table already at ${B}; nothing changed`)
    expect(JSON.parse(await ok(dir.dir, ['--json', 'stamp', 'base']))).toMatchObject({ steps: [], current: [], previous: [B] })
  })

  it('a version table holding a revision and its descendant is inconsistent, for reads and runs alike, and stamp --purge mends it', async () => {
    await ok(dir.dir, ['upgrade', 'head'])
    await sql(`INSERT INTO athanor_version (version_num) VALUES ('${A}')`)
    const expected = {
      code: 2,
      error: `the version table athanor_version is inconsistent: it holds ${A} and its descendant ${B}`,
      hint: `a database is at one revision per branch; if it is at ${B}, keep only that row: athanor stamp --purge ${B}`,
    }
    expect(refusal(await athanor(dir.dir, ['current']))).toEqual(expected)
    expect(refusal(await athanor(dir.dir, ['downgrade', '-1']))).toEqual(expected)
    expect(refusal(await athanor(dir.dir, ['upgrade', 'head']))).toEqual(expected)
    const json = JSON.parse((await athanor(dir.dir, ['--json', 'current'])).stdout)
    expect(json.error.code).toBe('E_VERSION_TABLE_INCONSISTENT')
    await ok(dir.dir, ['stamp', '--purge', B])
    const conn = await db.connect()
    try {
      expect(await versionRows(conn)).toEqual([B])
    } finally {
      await conn.close()
    }
  })

  it('a version table with the wrong columns is inconsistent, not a driver error, and nothing runs on it', async () => {
    await sql('CREATE TABLE athanor_version (v VARCHAR(32))', `INSERT INTO athanor_version (v) VALUES ('${A}')`)
    const expected = {
      code: 2,
      error: 'the version table athanor_version is inconsistent: it has no version_num column of revision ids',
      hint: "is it another tool's table? point versionTable at a table of athanor's (or Alembic's), or drop this one and `athanor stamp` the revision the database is at",
    }
    expect(refusal(await athanor(dir.dir, ['current']))).toEqual(expected)
    expect(refusal(await athanor(dir.dir, ['upgrade', 'head']))).toEqual(expected)
    const conn = await db.connect()
    try {
      // Neither revision ran.
      const tables = (await conn.query(kind === 'sqlite' ? "SELECT name FROM sqlite_master WHERE name IN ('ta', 'tb')" : "SELECT table_name FROM information_schema.tables WHERE table_name IN ('ta', 'tb')"))
      expect(tables).toEqual([])
    } finally {
      await conn.close()
    }
  })
})

describe('one message per bad config value, showing it', () => {
  const cases: { name: string; config: string; error: string; hint?: string }[] = [
    { name: 'no default export', config: "export const url = 'sqlite:./app.db'\n", error: 'athanor.config.ts has no default export (it exports "url")', hint: 'write `export default defineConfig({ … })`' },
    { name: 'an empty versionTable', config: "export default { versionTable: '' }\n", error: 'athanor.config.ts: "versionTable" must be a table name, not empty, got ""' },
    { name: 'a negative lockTimeoutMs', config: 'export default { lockTimeoutMs: -5 }\n', error: 'athanor.config.ts: "lockTimeoutMs" must be a number of milliseconds ≥ 0, got -5' },
    { name: 'a lockTimeoutMs past what a timer holds', config: 'export default { lockTimeoutMs: 1e12 }\n', error: 'athanor.config.ts: "lockTimeoutMs" must be at most 2147483647 ms (about 24.8 days), got 1000000000000' },
    { name: 'a NaN stepTimeoutMs', config: 'export default { stepTimeoutMs: Number.NaN }\n', error: 'athanor.config.ts: "stepTimeoutMs" must be a number of milliseconds ≥ 0, got NaN' },
    { name: 'a URL with an out-of-range port', config: "export default { url: 'mysql://root@127.0.0.1:99999/app' }\n", error: 'malformed database URL "mysql://root@127.0.0.1:99999/app": port 99999 is out of range (1–65535)', hint: 'write it as mysql://user@host:port/database, with a password after the user (user:password@…) percent-encoded' },
    { name: 'a URL with a bad host', config: "export default { url: 'postgres://u@ho st/app' }\n", error: 'malformed database URL "postgres://u@ho st/app": "ho st" is not a host[:port]', hint: 'write it as postgres://user@host:port/database, with a password after the user (user:password@…) percent-encoded' },
    { name: 'a URL without a scheme', config: "export default { url: 'postgres//localhost/app' }\n", error: 'database URL "postgres//localhost/app" has no scheme' },
  ]
  it.each(cases)('$name', async (c) => {
    const made = project('sqlite:./app.db', c.config)
    try {
      const run = refusal(await athanor(made.dir, ['upgrade', 'head']))
      expect(run.code).toBe(2)
      expect(run.error).toBe(c.error)
      if (c.hint !== undefined) expect(run.hint).toBe(c.hint)
    } finally {
      made.cleanup()
    }
  })
})
