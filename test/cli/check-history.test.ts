/**
 * `athanor check --history [--roundtrip]`: the revisions replayed into a
 * scratch database that needs no server (SQLite in memory, PGlite) or a
 * throwaway one on the configured MariaDB, compared with the models; the
 * configured database itself is never opened.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openConnection } from '../../src/dialect/connect.js'
import { MYSQL_ADMIN_URL } from '../support/databases.js'
import { athanor, ok } from './cli-in-process.js'
import { tempDir } from './cli-project.js'

interface HistoryDocument {
  upToDate: boolean
  diffs: { kind: string; table: string; column?: string; name?: string }[]
  scratch: string
  revisions: string[]
  roundtrip?: { checked: number; failures: { revision: string; message: string; diffs: { kind: string; table: string; name?: string }[] }[] }
}

/** The configured URL of each case and what the scratch database is said to be. */
const CASES = [
  { kind: 'sqlite', url: 'sqlite:./app.db', file: 'app.db', scratch: /^SQLite in memory$/ },
  { kind: 'pglite', url: 'pglite:./pgdata', file: 'pgdata', scratch: /^PGlite in memory/ },
  { kind: 'mysql', url: MYSQL_ADMIN_URL, file: undefined, scratch: /^a throwaway database athanor_scratch_[0-9a-f]{12} on the configured server/ },
] as const

const USERS = `await op.createTable('users', {
    id: t.integer().primaryKey().autoincrement(),
    email: t.string(255).notNull(),
  })`

function writeRevision(dir: string, id: string, down: string | null, message: string, upgrade: string, downgrade: string): void {
  const versions = join(dir, 'migrations', 'versions')
  mkdirSync(versions, { recursive: true })
  writeFileSync(
    join(versions, `${id}_${message.replace(/\W+/g, '_')}.ts`),
    `/**
 * ${message}
 *
 * Revision ID: ${id}
 * Revises: ${down ?? ''}
 * Create Date: 2026-12-03T10:00:00.000Z
 */
import { type Operations, t } from 'athanor'

export const revision = '${id}'
export const downRevision: string | string[] | null = ${down === null ? 'null' : `'${down}'`}
export const branchLabels: string[] | null = null
export const dependsOn: string[] | null = null

export async function upgrade(op: Operations) {
  ${upgrade}
}

export async function downgrade(op: Operations) {
  ${downgrade}
}
`,
  )
}

function writeModels(dir: string, extraColumn = ''): void {
  writeFileSync(
    join(dir, 'src', 'models.ts'),
    `import { MetaData, t, table } from 'athanor'
export const metadata = new MetaData()
export const users = table('users', {
  id: t.integer().primaryKey().autoincrement(),
  email: t.string(255).notNull(),${extraColumn}
}, { metadata })
`,
  )
}

async function history(dir: string, args: string[] = []): Promise<{ code: number; document: HistoryDocument }> {
  const run = await athanor(dir, ['check', '--history', ...args, '--json'])
  expect(run.stderr).toBe('')
  return { code: run.code, document: JSON.parse(run.stdout) as HistoryDocument }
}

/** Whether the throwaway database a run's `scratch` names is still on the server (other runs may have their own meanwhile). */
async function scratchDatabaseLeft(document: HistoryDocument): Promise<boolean> {
  const name = /athanor_scratch_[0-9a-f]{12}/.exec(document.scratch)?.[0]
  expect(name).toBeDefined()
  const conn = await openConnection(MYSQL_ADMIN_URL)
  try {
    return (await conn.query('SELECT 1 AS present FROM information_schema.schemata WHERE schema_name = ?', [name])).length > 0
  } finally {
    await conn.close()
  }
}

describe.each(CASES)('check --history on $kind', ({ kind, url, file, scratch }) => {
  let project: { dir: string; cleanup(): void }
  beforeEach(async () => {
    project = tempDir('athanor-history-')
    await ok(project.dir, ['init'])
    writeFileSync(join(project.dir, 'athanor.config.ts'), `export default { url: '${url}', models: './src/models.ts', migrations: './migrations' }\n`)
    writeModels(project.dir)
    writeRevision(project.dir, 'aaaa00000001', null, 'create users', USERS, "await op.dropTable('users')")
  })
  afterEach(() => project.cleanup())

  it('agrees when the revisions build the models, naming the scratch database and never opening the configured one', { timeout: 60_000 }, async () => {
    const { code, document } = await history(project.dir, ['--roundtrip'])
    expect(document).toMatchObject({ upToDate: true, diffs: [], revisions: ['aaaa00000001'], roundtrip: { checked: 1, failures: [] } })
    expect(document.scratch).toMatch(scratch)
    expect(code).toBe(0)
    if (file !== undefined) expect(existsSync(join(project.dir, file))).toBe(false)
    if (kind === 'mysql') expect(await scratchDatabaseLeft(document)).toBe(false)
    // The text is the same on every database; PGlite's start-up is what costs, so it is read once, on SQLite.
    if (kind !== 'sqlite') return
    const text = await ok(project.dir, ['check', '--history'])
    expect(text).toContain('Replayed 1 revision into ')
    expect(text).toContain('The models and the replayed history agree.')
  })

  it('exits 1 with the difference when a model changed and no revision says so', { timeout: 60_000 }, async () => {
    writeModels(project.dir, '\n  bio: t.text(),')
    const { code, document } = await history(project.dir)
    expect(document.upToDate).toBe(false)
    expect(document.diffs).toEqual([expect.objectContaining({ kind: 'add_column', table: 'users', column: 'bio' })])
    expect(code).toBe(1)
    if (kind === 'mysql') expect(await scratchDatabaseLeft(document)).toBe(false)
    if (kind !== 'sqlite') return
    const text = await athanor(project.dir, ['check', '--history'])
    expect(text.code).toBe(1)
    expect(text.stdout).toContain('The models differ from the replayed history:')
    expect(text.stderr).toMatch(/^error: check --history failed: the models and the replayed history differ \(1 difference\)\nhint: /)
  })

  it('--roundtrip names the revision whose downgrade forgets to put an index back', { timeout: 60_000 }, async () => {
    writeRevision(project.dir, 'bbbb00000002', 'aaaa00000001', 'index email', "await op.createIndex('ix_users_email', 'users', ['email'])", "await op.dropIndex('ix_users_email', 'users')")
    writeRevision(project.dir, 'cccc00000003', 'bbbb00000002', 'drop email index', "await op.dropIndex('ix_users_email', 'users')", '// forgot: the index is not created again')
    const plain = await history(project.dir)
    // Upgraded straight to the head the history agrees with the models: only the roundtrip sees it.
    expect(plain.code).toBe(0)
    const { code, document } = await history(project.dir, ['--roundtrip'])
    expect(document.upToDate).toBe(true)
    expect(document.roundtrip?.checked).toBe(3)
    expect(document.roundtrip?.failures).toEqual([
      { revision: 'cccc00000003', message: 'drop email index', diffs: [expect.objectContaining({ kind: 'add_index', table: 'users', name: 'ix_users_email' })] },
    ])
    expect(code).toBe(1)
    if (kind !== 'sqlite') return
    const text = await athanor(project.dir, ['check', '--history', '--roundtrip'])
    expect(text.stdout).toContain('Revision cccc00000003 (drop email index): its downgrade does not undo its upgrade')
    expect(text.stderr).toContain('error: check --history failed: 1 downgrade does not undo its upgrade (cccc00000003)')
    expect(text.code).toBe(1)
  })
})

describe('check --history on the example blog', () => {
  const blog = resolve(import.meta.dirname, '../../examples/blog')

  it.each(['sqlite:./blog-history-never-made.db', 'pglite::memory:'])('replays its revisions into a scratch database and agrees with its models, roundtrip included (%s)', { timeout: 90_000 }, async (url) => {
    const run = await athanor(blog, ['check', '--history', '--roundtrip', '--json'], { DATABASE_URL: url })
    expect(run.stderr).toBe('')
    const document = JSON.parse(run.stdout) as HistoryDocument
    expect(document).toMatchObject({ upToDate: true, diffs: [], roundtrip: { checked: 3, failures: [] } })
    expect(document.revisions).toHaveLength(3)
    expect(run.code).toBe(0)
    expect(existsSync(join(blog, 'blog-history-never-made.db'))).toBe(false)
  })
})

describe('check --roundtrip without --history', () => {
  it('is a usage error', async () => {
    const project = tempDir('athanor-history-')
    try {
      await ok(project.dir, ['init'])
      const run = await athanor(project.dir, ['check', '--roundtrip'])
      expect(run.code).toBe(2)
      expect(run.stderr).toBe('error: --roundtrip goes with --history\nhint: run `athanor check --history --roundtrip`\n')
    } finally {
      project.cleanup()
    }
  })
})
