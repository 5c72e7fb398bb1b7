import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { UsageError } from '../../src/errors.js'
import { athanor } from '../cli/cli-in-process.js'
import { tempDir } from '../cli/cli-project.js'
import { connectionExecutor, } from '../operations/executors.js'
import { Operations } from '../../src/operations/operations.js'
import { t } from '../../src/schema/t.js'
import type { DatabaseConnection } from '../../src/dialect/dialect.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'

const cases = [
  { kind: 'postgres', fits: 'a'.repeat(63), over: 'a'.repeat(64), overWide: 'é'.repeat(32), unit: /64 bytes long; PostgreSQL keeps at most 63/ },
  { kind: 'mysql', fits: 'é'.repeat(64), over: 'b'.repeat(65), overWide: 'é'.repeat(65), unit: /65 characters long; MariaDB keeps at most 64/ },
] as const

describe.each(cases)('identifier limits on $kind', ({ kind, fits, over, overWide, unit }) => {
  let db: TestDatabase
  let conn: DatabaseConnection
  let op: Operations
  beforeEach(async () => {
    db = await createTestDatabase(kind)
    conn = await db.connect()
    op = new Operations(connectionExecutor(conn), { dialect: kind, xArgs: {}, tag: undefined, offline: false, revision: undefined, direction: 'up' })
  })
  afterEach(() => db.drop())

  it('a name at the limit is created and read back whole', async () => {
    await op.createTable(fits, { id: t.integer().primaryKey() })
    const rows = await conn.query<{ n: string }>(
      kind === 'postgres' ? `SELECT tablename AS n FROM pg_tables WHERE schemaname = current_schema()` : 'SELECT TABLE_NAME AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()',
    )
    expect(rows.map((r) => r.n)).toEqual([fits])
  })

  it.each([
    ['table', (name: string, o: Operations) => o.createTable(name, { id: t.integer() })],
    ['column', (name: string, o: Operations) => o.createTable('t', { [name]: t.integer() })],
    ['index', async (name: string, o: Operations) => o.createIndex(name, 't', ['id'])],
  ])('a %s name over the limit is an error before anything runs', async (_, make) => {
    for (const name of [over, overWide]) {
      const error = await make(name, op).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(UsageError)
      expect((error as Error).message).toMatch(/^identifier ".*" is \d+ (bytes|characters) long; (PostgreSQL|MariaDB) keeps at most 6[34]$/)
    }
    expect(((await make(over, op).catch((e: unknown) => e)) as Error).message).toMatch(unit)
  })
})

describe('models naming something too long for the database', () => {
  let db: TestDatabase
  let project: { dir: string; cleanup(): void }
  beforeEach(async () => {
    db = await createTestDatabase('postgres')
    project = tempDir()
    mkdirSync(join(project.dir, 'migrations', 'versions'), { recursive: true })
    writeFileSync(join(project.dir, 'models.ts'), `import { t, table } from 'athanor'\nexport const users = table('users', { id: t.integer().primaryKey(), ${'c'.repeat(64)}: t.text() })\n`)
    writeFileSync(join(project.dir, 'athanor.config.ts'), `export default { url: ${JSON.stringify(db.url)}, models: './models.ts' }\n`)
  })
  afterEach(async () => {
    project.cleanup()
    await db.drop()
  })

  it('check refuses them with exit 2, naming the table', async () => {
    const run = await athanor(project.dir, ['check'])
    expect(run.code).toBe(2)
    expect(run.stderr.split('\n')[0]).toMatch(/^error: models, table "users": identifier "c+…" is 64 bytes long; PostgreSQL keeps at most 63$/)
  })
})
