import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Athanor } from '../../src/api.js'
import { MissingDatabaseError, NotUpToDateError, UsageError } from '../../src/errors.js'
import { migrateOnStart } from '../../src/integrations/migrate-on-start.js'
import { migrationStatus } from '../../src/integrations/migration-status.js'
import { versionRows } from '../support/catalog.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'
import { linearRevisions, revisionId, writeMigrationProject, type MigrationProject } from '../support/migration-project.js'

let db: TestDatabase
let project: MigrationProject
beforeEach(async () => {
  db = await createTestDatabase('sqlite')
  project = await writeMigrationProject(linearRevisions(3))
})
afterEach(async () => {
  await db.drop()
  project.remove()
})

const config = () => ({ url: db.url, migrations: join(project.dir, 'migrations') })

async function upgradeTo(target: string): Promise<void> {
  const athanor = new Athanor(config())
  await athanor.upgrade(target)
  await athanor.close()
}

describe("migrateOnStart (sqlite)", () => {
  it("upgrades to head by default and resolves to the Athanor", async () => {
    const athanor = await migrateOnStart({ config: config() })
    expect(await athanor.current()).toEqual([revisionId(3)])
    await athanor.close()
  })

  it("'none' leaves the database alone", async () => {
    const athanor = await migrateOnStart({ config: config(), onStart: 'none' })
    // Left so alone that the database file was never made: reading it is an error, not a new empty file.
    await expect(athanor.current()).rejects.toThrow(MissingDatabaseError)
    await athanor.close()
  })

  it("'require-up-to-date' starts when the database is at the heads", async () => {
    await upgradeTo('head')
    const athanor = await migrateOnStart({ config: config(), onStart: 'require-up-to-date' })
    expect(await athanor.current()).toEqual([revisionId(3)])
  })

  it("'require-up-to-date' refuses a database one revision behind, naming what is pending, and changes nothing", async () => {
    await upgradeTo(revisionId(2))
    const refused = await migrateOnStart({ config: config(), onStart: 'require-up-to-date' }).catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(NotUpToDateError)
    const error = refused as NotUpToDateError
    expect(error.message).toBe(`the database is behind the code: 1 revision to apply (${revisionId(3)} step 3)`)
    expect(error.hint).toBe("run `athanor upgrade` first, or start with onStart: 'upgrade'")
    expect([error.code, error.exitCode]).toEqual(['E_NOT_UP_TO_DATE', 1])
    expect(error.pending).toEqual([revisionId(3)])
    const conn = await db.connect()
    expect(await versionRows(conn)).toEqual([revisionId(2)])
  })

  it("'require-up-to-date' refuses a database at a revision the code does not have", async () => {
    const ahead = await writeMigrationProject([...linearRevisions(3), { id: 'fafafafafafa', parent: revisionId(3), message: 'newer code' }])
    try {
      const newer = new Athanor({ url: db.url, migrations: join(ahead.dir, 'migrations') })
      await newer.upgrade('head')
    } finally {
      ahead.remove()
    }
    const refused = await migrateOnStart({ config: config(), onStart: 'require-up-to-date' }).catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(NotUpToDateError)
    expect((refused as NotUpToDateError).message).toBe(
      'the database is ahead of the code: it is at fafafafafafa, which no revision in the migrations folder defines',
    )
    expect((refused as NotUpToDateError).unknown).toEqual(['fafafafafafa'])
  })

  it('takes an Athanor the application made', async () => {
    const mine = new Athanor(config())
    expect(await migrateOnStart({ athanor: mine })).toBe(mine)
    expect(await mine.current()).toEqual([revisionId(3)])
  })

  it('loads a config file given as a path, relative to cwd', async () => {
    writeFileSync(join(project.dir, 'app.config.mjs'), `export default { url: ${JSON.stringify(db.url)}, migrations: './migrations' }\n`)
    const athanor = await migrateOnStart({ config: 'app.config.mjs', cwd: project.dir })
    expect(await athanor.current()).toEqual([revisionId(3)])
  })

  it('refuses both athanor and config, and an unknown policy, before touching the database', async () => {
    await expect(migrateOnStart({ athanor: new Athanor(config()), config: config() })).rejects.toThrow(UsageError)
    await expect(migrateOnStart({ config: config(), onStart: 'upgrde' as never })).rejects.toThrow(
      "unknown onStart policy \"upgrde\"",
    )
    const conn = await db.connect()
    expect(await conn.query("SELECT name FROM sqlite_master WHERE type = 'table'")).toEqual([])
  })
})

describe('the migrations folder, as Flask-Alembic creates it', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'athanor-fresh-app-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('is created with its template when missing, and the app starts at base', async () => {
    const athanor = await migrateOnStart({ config: { url: db.url, migrations: './db/migrations' }, cwd: dir })
    expect(readFileSync(join(dir, 'db', 'migrations', 'script.ts.tmpl'), 'utf8')).toContain('export async function upgrade')
    expect(existsSync(join(dir, 'db', 'migrations', 'versions', '.gitkeep'))).toBe(true)
    expect(await athanor.current()).toEqual([])
  })

  it('is never overwritten when it exists', async () => {
    mkdirSync(join(dir, 'migrations', 'versions'), { recursive: true })
    writeFileSync(join(dir, 'migrations', 'script.ts.tmpl'), 'mine\n')
    await migrateOnStart({ config: { url: db.url }, cwd: dir })
    expect(readFileSync(join(dir, 'migrations', 'script.ts.tmpl'), 'utf8')).toBe('mine\n')
    expect(readdirSync(join(dir, 'migrations', 'versions'))).toEqual([])
  })
})

describe('migrationStatus (sqlite)', () => {
  it('lists what is pending, in order, and says the database is not up to date', async () => {
    await upgradeTo(revisionId(1))
    const athanor = new Athanor(config())
    expect(await migrationStatus(athanor)).toEqual({
      current: [revisionId(1)],
      heads: [revisionId(3)],
      upToDate: false,
      pending: [
        { revision: revisionId(2), message: 'step 2' },
        { revision: revisionId(3), message: 'step 3' },
      ],
      unknown: [],
    })
  })

  it('is up to date at the heads, and at base with no revisions', async () => {
    await upgradeTo('head')
    expect((await migrationStatus(new Athanor(config()))).upToDate).toBe(true)
    const empty = await writeMigrationProject([])
    try {
      const other = await createTestDatabase('sqlite')
      const status = await migrationStatus(new Athanor({ url: other.url, migrations: join(empty.dir, 'migrations') }))
      expect(status).toEqual({ current: [], heads: [], upToDate: true, pending: [], unknown: [] })
      await other.drop()
    } finally {
      empty.remove()
    }
  })
})
