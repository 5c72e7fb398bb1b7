import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { UsageError } from '../../src/errors.js'
import { runUpgrade } from '../../src/runtime/commands.js'
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from '../support/databases.js'
import { runtimeOptions, writeMigrationProject, type MigrationProject } from '../support/migration-project.js'
import { runSqlScript } from '../support/sql-script.js'

/** Values that a script must carry through a database's own client unchanged. */
const VALUES: readonly string[] = [
  '4-byte: 🐘 𝄞 😀',
  'CRLF line\r\nnext line\r\n',
  'a lone CR\rin the middle',
  '\r',
  "quotes: it's \"said\" ''twice''",
  'backslashes: C:\\path\\to\\ and \\n not a newline \\\\',
  'tab\tand ctrl-z \x1a',
  'LF only\n',
]
const NUL_VALUE = 'before\0after'

function seedRevision(values: readonly string[]) {
  return {
    id: 'a0a0a0a0a0a0',
    message: 'seed',
    up: {
      code: `  const { t } = await import('athanor')
  const vals = await op.createTable('vals', { id: t.integer().primaryKey(), v: t.text() })
  await op.bulkInsert(vals, ${JSON.stringify(values.map((v, i) => ({ id: i + 1, v })))})`,
    },
    down: { code: "  await op.dropTable('vals')" },
  }
}

// PGlite has no client to pipe into; its scripts are the PostgreSQL dialect's, tested through psql.
const CLIENT_DATABASES: readonly TestDatabaseKind[] = ['sqlite', 'postgres', 'mysql']

describe.each(CLIENT_DATABASES)('an offline script piped into the %s client', (kind) => {
  let db: TestDatabase
  let project: MigrationProject
  beforeEach(async () => {
    db = await createTestDatabase(kind)
  })
  afterEach(async () => {
    await db.drop()
    project.remove()
  })

  async function readBack(): Promise<string[]> {
    const conn = await db.connect()
    try {
      return (await conn.query<{ v: string }>('SELECT v FROM vals ORDER BY id')).map((row) => row.v)
    } finally {
      await conn.close()
    }
  }

  it('stores 4-byte characters, CR/LF, quotes and backslashes exactly', async () => {
    const values = kind === 'postgres' ? VALUES : [...VALUES, NUL_VALUE]
    project = await writeMigrationProject([seedRevision(values)])
    const { sql } = await runUpgrade(project.script, 'base:head', { ...runtimeOptions(db.url), sql: true })
    await runSqlScript(db, sql!)
    expect(await readBack()).toEqual(values)
  })
})

describe('offline scripts say what their client needs', () => {
  let project: MigrationProject
  afterEach(() => project.remove())

  it('a MariaDB script starts with SET NAMES utf8mb4', async () => {
    project = await writeMigrationProject([seedRevision(['x'])])
    const { sql } = await runUpgrade(project.script, 'base:head', { ...runtimeOptions('mysql://root@127.0.0.1:3306/x'), sql: true })
    expect(sql!.startsWith('SET NAMES utf8mb4;\n')).toBe(true)
  })

  it('a SQLite script writes CR and NUL as char(13) and char(0)', async () => {
    project = await writeMigrationProject([seedRevision(['a\r\nb\0c'])])
    const { sql } = await runUpgrade(project.script, 'base:head', { ...runtimeOptions('sqlite::memory:'), sql: true })
    expect(sql).toContain(`('a' || char(13) || '\nb' || char(0) || 'c')`)
  })

  it('a PostgreSQL script refuses a NUL in a value, as the database does online', async () => {
    project = await writeMigrationProject([seedRevision([NUL_VALUE])])
    const error = await runUpgrade(project.script, 'base:head', { ...runtimeOptions('postgres://postgres@127.0.0.1:5432/x'), sql: true }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UsageError)
    expect((error as Error).message).toContain('cannot hold a NUL character')
  })
})

describe('online, PostgreSQL refuses the same NUL', () => {
  let db: TestDatabase
  let project: MigrationProject
  afterEach(async () => {
    await db.drop()
    project.remove()
  })

  it('and nothing is stored', async () => {
    db = await createTestDatabase('postgres')
    project = await writeMigrationProject([seedRevision([NUL_VALUE])])
    await expect(runUpgrade(project.script, 'head', runtimeOptions(db.url))).rejects.toThrow(/NUL|0x00/)
    const conn = await db.connect()
    try {
      expect(await conn.query(`SELECT to_regclass('vals') AS t`)).toEqual([{ t: null }])
    } finally {
      await conn.close()
    }
  })
})
