/**
 * `safe: true` autogenerate on PostgreSQL: an index on an existing table is
 * built CONCURRENTLY in an autocommit block, a foreign key and a check are
 * added NOT VALID and validated in a following revision, NOT NULL goes
 * through a check. The revisions apply while a writer inserts rows, the
 * writer never waits on a lock longer than ddlLockTimeoutMs, and their
 * downgrades run.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Athanor } from '../../src/api.js'
import { openConnection } from '../../src/dialect/connect.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'
import { tempDir } from '../cli/cli-project.js'
import { athanor as cli } from '../cli/cli-in-process.js'

const DDL_LOCK_TIMEOUT_MS = 2000
const ROWS = 100_000

const MODELS_V1 = `import { MetaData, t, table } from 'athanor'
export const metadata = new MetaData()
export const parent = table('parent', { id: t.integer().primaryKey() }, { metadata })
export const account = table('account', {
  id: t.integer().primaryKey().autoincrement(),
  email: t.string(255),
  n: t.integer(),
  parent_id: t.integer(),
}, { metadata })
`

const MODELS_V2 = `import { MetaData, check, foreignKey, index, sql, t, table } from 'athanor'
export const metadata = new MetaData()
export const parent = table('parent', { id: t.integer().primaryKey() }, { metadata })
export const account = table('account', {
  id: t.integer().primaryKey().autoincrement(),
  email: t.string(255).notNull(),
  n: t.integer(),
  parent_id: t.integer(),
}, {
  metadata,
  indexes: (c) => [index('ix_account_n').on(c.n)],
  constraints: (c) => [
    foreignKey('fk_account_parent').on(c.parent_id).references(() => [parent.columns.id]),
    check('ck_account_n', sql\`n >= 0\`),
  ],
})
`

describe('safe autogenerate on postgres', () => {
  let db: TestDatabase
  let project: { dir: string; cleanup(): void }
  const api = (safe: boolean) =>
    new Athanor({ cwd: project.dir, url: db.url, models: './src/models.ts', migrations: './migrations', safe, ddlLockTimeoutMs: DDL_LOCK_TIMEOUT_MS })

  beforeEach(async () => {
    db = await createTestDatabase('postgres')
    project = tempDir('athanor-safe-')
    await Athanor.init(project.dir)
    rmSync(join(project.dir, 'athanor.config.ts'))
    writeFileSync(join(project.dir, 'src', 'models.ts'), MODELS_V1)
    const first = api(true)
    await first.autogenerate('initial')
    await first.upgrade('head')
    const conn = await db.connect()
    await conn.execute('INSERT INTO parent (id) VALUES (1), (2)')
    await conn.execute(`INSERT INTO account (email, n, parent_id) SELECT 'u' || g || '@example.com', g % 100, 1 + g % 2 FROM generate_series(1, ${ROWS}) g`)
    await conn.execute('ANALYZE account')
    await conn.close()
    writeFileSync(join(project.dir, 'src', 'models.ts'), MODELS_V2)
  }, 120_000)

  afterEach(async () => {
    project.cleanup()
    await db.drop()
  })

  it('writes the safe forms as two revisions, the second validating what the first added NOT VALID', async () => {
    const result = await api(true).autogenerate('constrain account')
    expect(result.followUp).toBeDefined()
    const first = readFileSync(result.revision!.path, 'utf8')
    const second = readFileSync(result.followUp!.path, 'utf8')
    expect(first).toMatch(/await op\.autocommitBlock\(async \(\) => \{\n\s+await op\.createIndex\('ix_account_n', 'account', \['n'\], \{ concurrently: true \}\)/)
    expect(first).toContain('notValid: true')
    expect(first).toContain('ck_account_email_not_null')
    expect(first).not.toContain('nullable: false')
    // The downgrade drops the index concurrently, in a block too.
    expect(first).toMatch(/await op\.autocommitBlock\(async \(\) => \{\n\s+await op\.dropIndex\('ix_account_n', 'account', \{ concurrently: true \}\)/)
    expect(result.followUp!.message).toBe('constrain account (validate)')
    expect(result.followUp!.downRevisions).toEqual([result.revision!.id])
    for (const name of ['fk_account_parent', 'ck_account_n', 'ck_account_email_not_null']) expect(second).toContain(`await op.validateConstraint('${name}', 'account')`)
    expect(second).toMatch(/alterColumn\('account', 'email', \{[^}]*nullable: false/)
    expect(second).toContain("await op.dropConstraint('ck_account_email_not_null', 'account'")
  })

  it('writes the plain forms, in one revision, without safe', async () => {
    const result = await api(false).autogenerate('constrain account')
    expect(result.followUp).toBeUndefined()
    // What the safe forms avoid: lint calls each plain form an error on this table.
    const errors = (await api(false).lint()).findings.filter((f) => f.level === 'error').map((f) => f.rule)
    expect(errors.sort()).toEqual(['pg-check-not-valid', 'pg-fk-not-valid', 'pg-index-not-concurrent', 'pg-set-not-null'])
    const source = readFileSync(result.revision!.path, 'utf8')
    expect(source).not.toContain('concurrently')
    expect(source).not.toContain('notValid')
  })

  it('lint finds no error in the safe revisions, on the 100,000-row table', async () => {
    await api(true).autogenerate('constrain account')
    const linted = await api(true).lint()
    expect(linted.revisions).toHaveLength(2)
    expect(linted.findings.filter((f) => f.level === 'error'), JSON.stringify(linted.findings, null, 2)).toEqual([])
  })

  it('applies while a writer inserts rows: no insert waits on a lock past ddlLockTimeoutMs, the upgrade completes, and the downgrades run', { timeout: 120_000 }, async () => {
    await api(true).autogenerate('constrain account')
    const writer = await openConnection(db.url)
    // The writer's own lock_timeout turns "blocked longer than ddlLockTimeoutMs" into a failed insert, whatever the machine's speed.
    await writer.execute(`SET lock_timeout = '${DDL_LOCK_TIMEOUT_MS}ms'`)
    let done = false
    const failures: string[] = []
    let inserted = 0
      const deadline = Date.now() + 60_000
    const loop = (async () => {
      while (!done && Date.now() < deadline) {
        try {
          await writer.execute("INSERT INTO account (email, n, parent_id) VALUES ('w@example.com', 1, 1)")
          inserted += 1
        } catch (error) {
          failures.push(error instanceof Error ? error.message : String(error))
        }
      }
    })()
    let upgraded
    try {
      upgraded = await api(true).upgrade('head')
    } finally {
      done = true
      await loop
      await writer.close()
    }
    expect(failures).toEqual([])
    expect(inserted).toBeGreaterThan(0)
    expect(upgraded.steps.map((s) => s.direction)).toEqual(['up', 'up'])
    expect(await api(true).compareMetadata({ requireHead: true })).toMatchObject({ upToDate: true, diffs: [] })
    const conn = await db.connect()
    const constraints = await conn.query<{ conname: string; convalidated: boolean }>(
      "SELECT conname, convalidated FROM pg_constraint WHERE conrelid = 'account'::regclass AND contype IN ('c', 'f') ORDER BY conname",
    )
    expect(constraints).toEqual([
      { conname: 'ck_account_n', convalidated: true },
      { conname: 'fk_account_parent', convalidated: true },
    ])
    const [email] = await conn.query<{ is_nullable: string }>("SELECT is_nullable FROM information_schema.columns WHERE table_name = 'account' AND column_name = 'email'")
    expect(email?.is_nullable).toBe('NO')
    await conn.close()
    // The generated downgrades: both down, then up again.
    const down = await api(true).downgrade('-2')
    expect(down.steps).toHaveLength(2)
    expect((await api(false).compareMetadata()).upToDate).toBe(false)
    await api(true).upgrade('head')
    expect((await api(true).compareMetadata({ requireHead: true })).upToDate).toBe(true)
  })

  it('revision --autogenerate --safe says it wrote the second revision', async () => {
    writeFileSync(join(project.dir, 'athanor.config.ts'), `export default { url: ${JSON.stringify(db.url)}, models: './src/models.ts', migrations: './migrations' }\n`)
    const run = await cli(project.dir, ['revision', '--autogenerate', '--safe', '-m', 'constrain account'])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/Generating migrations\/versions\/[0-9a-f]{12}_constrain_account_validate\.ts \.\.\. done \(its validations/)
  })
})
