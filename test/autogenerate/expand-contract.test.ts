/**
 * `--expand-contract table.old=table.new`: a column rename written as
 * expand (add the new column, backfill it in batches) and contract (a
 * following revision: catch up, NOT NULL, drop the old column), with
 * downgrades that bring the old column and its values back.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Athanor } from '../../src/api.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'
import { tempDir } from '../cli/cli-project.js'

const ROWS = 25_000

const models = (column: string) => `import { MetaData, t, table } from 'athanor'
export const metadata = new MetaData()
export const account = table('account', {
  id: t.integer().primaryKey().autoincrement(),
  ${column}: t.string(100).notNull(),
}, { metadata })
`

describe.each(['postgres', 'sqlite'] as const)('expand/contract rename on %s', (kind) => {
  let db: TestDatabase
  let project: { dir: string; cleanup(): void }
  const api = () => new Athanor({ cwd: project.dir, url: db.url, models: './src/models.ts', migrations: './migrations' })

  beforeEach(async () => {
    db = await createTestDatabase(kind)
    project = tempDir('athanor-expand-')
    await Athanor.init(project.dir)
    writeFileSync(join(project.dir, 'src', 'models.ts'), models('login'))
    await api().autogenerate('initial')
    await api().upgrade('head')
    await api().withOperations(async (op) => {
      for (let start = 1; start <= ROWS; start += 5000) {
        await op.execute(`INSERT INTO account (id, login) ${kind === 'postgres' ? `SELECT g, 'user' || g FROM generate_series(${start}, ${start + 4999}) g` : `WITH RECURSIVE g(i) AS (SELECT ${start} UNION ALL SELECT i + 1 FROM g WHERE i < ${start + 4999}) SELECT i, 'user' || i FROM g`}`)
      }
    })
    writeFileSync(join(project.dir, 'src', 'models.ts'), models('email'))
  }, 60_000)

  afterEach(async () => {
    project.cleanup()
    await db.drop()
  })

  async function columns(): Promise<string[]> {
    const conn = await db.connect()
    try {
      const rows = kind === 'postgres'
        ? await conn.query<{ name: string }>("SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'account' ORDER BY column_name")
        : await conn.query<{ name: string }>("SELECT name FROM pragma_table_info('account') ORDER BY name")
      return rows.map((r) => r.name)
    } finally {
      await conn.close()
    }
  }

  async function count(where: string): Promise<number> {
    const conn = await db.connect()
    try {
      const [row] = await conn.query<{ n: number | string }>(`SELECT count(*) AS n FROM account WHERE ${where}`)
      return Number(row?.n)
    } finally {
      await conn.close()
    }
  }

  it('writes expand now and contract as the following revision, and both run up and down keeping the values', { timeout: 60_000 }, async () => {
    const result = await api().autogenerate('rename login', { expandContract: ['account.login=account.email'] })
    const expand = readFileSync(result.revision!.path, 'utf8')
    const contract = readFileSync(result.followUp!.path, 'utf8')
    expect(result.followUp!.message).toBe('rename login (contract)')
    expect(expand).toContain("await op.addColumn('account', 'email', t.string(100))")
    expect(expand).toMatch(/await op\.autocommitBlock\(async \(\) => \{\n\s+await op\.backfillColumn\('account', 'login', 'email', \{ key: 'id', batchSize: 10000 \}\)/)
    expect(expand).not.toContain("dropColumn('account', 'login'")
    expect(contract).toContain("dropColumn('account', 'login'")

    await api().upgrade(result.revision!.id)
    expect(await columns()).toEqual(['email', 'id', 'login'])
    expect(await count('email = login')).toBe(ROWS)
    // The release still running writes only the old column until the contract.
    await api().withOperations((op) => op.execute("INSERT INTO account (id, login) VALUES (999999, 'late')"))
    await api().upgrade('head')
    expect(await columns()).toEqual(['email', 'id'])
    expect(await count("email = 'late'")).toBe(1)
    expect(await api().compareMetadata({ requireHead: true })).toMatchObject({ upToDate: true, diffs: [] })

    await api().downgrade('-1')
    expect(await columns()).toEqual(['email', 'id', 'login'])
    expect(await count('email = login')).toBe(ROWS + 1)
    await api().downgrade('-1')
    expect(await columns()).toEqual(['id', 'login'])
    expect(await count('login IS NOT NULL')).toBe(ROWS + 1)
    await api().upgrade('head')
    expect(await api().compareMetadata({ requireHead: true })).toMatchObject({ upToDate: true })
  })

  it('refuses a pair that names no planned rename', async () => {
    await expect(api().autogenerate('rename', { expandContract: ['account.nope=account.email'] })).rejects.toMatchObject({ code: 'E_USAGE' })
  })
})
