import { revisionChecksum } from '../../src/script/revision-checksum.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DatabaseError, UsageError } from '../../src/errors.js'
import { readCurrent, runDowngrade, runStamp, runUpgrade } from '../../src/runtime/commands.js'
import { describeTables, listTables, versionRows } from '../support/catalog.js'
import { ALL_DATABASES, createTestDatabase, type TestDatabase } from '../support/databases.js'
import { runtimeOptions, writeMigrationProject, type MigrationProject, type RevisionSpec } from '../support/migration-project.js'
import { runSqlScript } from '../support/sql-script.js'

const TRICKY = "it's a \\ back\\\\slash,\nnew line, tab\t, ünïcødé 🐘, ? and -- not a comment"

/** A base, two labelled branches, a merge; one revision writes awkward values with ? parameters. */
const specs: RevisionSpec[] = [
  { id: 'a0a0a0a0a0a0', message: 'base', up: ['CREATE TABLE vals (id INTEGER PRIMARY KEY, v VARCHAR(200))'], down: ['DROP TABLE vals'] },
  {
    id: 'b1b1b1b1b1b1',
    parent: 'a0a0a0a0a0a0',
    branchLabels: ['left'],
    message: 'left: values',
    up: { code: `  await op.execute('INSERT INTO vals (id, v) VALUES (?, ?), (?, ?)', [1, ${JSON.stringify(TRICKY)}, 2, null])` },
    down: ['DELETE FROM vals'],
  },
  { id: 'c1c1c1c1c1c1', parent: 'a0a0a0a0a0a0', branchLabels: ['right'], message: 'right: table', up: ['CREATE TABLE r1 (id INTEGER)'], down: ['DROP TABLE r1'] },
  { id: 'c2c2c2c2c2c2', parent: 'c1c1c1c1c1c1', message: "right: it's second", up: ['CREATE TABLE r2 (id INTEGER)'], down: ['DROP TABLE r2'] },
  { id: 'd3d3d3d3d3d3', parent: ['b1b1b1b1b1b1', 'c2c2c2c2c2c2'], message: 'merge', up: ['CREATE TABLE m3 (id INTEGER)'], down: ['DROP TABLE m3'] },
]

describe.each(ALL_DATABASES)('offline SQL on %s', (kind) => {
  let online: TestDatabase
  let offline: TestDatabase
  let project: MigrationProject
  beforeEach(async () => {
    ;[online, offline] = await Promise.all([createTestDatabase(kind), createTestDatabase(kind)])
    project = await writeMigrationProject(specs)
  })
  afterEach(async () => {
    await Promise.all([online.drop(), offline.drop()])
    project.remove()
  })

  async function snapshot(db: TestDatabase) {
    const conn = await db.connect()
    try {
      const values = (await listTables(conn, kind)).includes('vals') ? await conn.query('SELECT id, v FROM vals ORDER BY id') : []
      return { tables: await describeTables(conn, kind), rows: await versionRows(conn), values }
    } finally {
      await conn.close()
    }
  }

  it.each([true, false])('builds the same schema, data and version table as the online run (transactionPerMigration %s)', async (perMigration) => {
    const options = runtimeOptions(online.url, { transactionPerMigration: perMigration })
    await runUpgrade(project.script, 'heads', options)
    const { sql, steps } = await runUpgrade(project.script, 'base:heads', { ...runtimeOptions(offline.url, { transactionPerMigration: perMigration }), sql: true })
    expect(steps).toHaveLength(5)
    await runSqlScript(offline, sql!)
    const expected = await snapshot(online)
    expect(expected.values).toEqual([
      { id: 1, v: TRICKY },
      { id: 2, v: null },
    ])
    expect(await snapshot(offline)).toEqual(expected)
  })

  it('writes a downgrade range that takes the database back down', async () => {
    await runUpgrade(project.script, 'heads', runtimeOptions(offline.url))
    const { sql } = await runDowngrade(project.script, 'heads:a0a0a0a0a0a0', { ...runtimeOptions(offline.url), sql: true })
    await runSqlScript(offline, sql!)
    await runUpgrade(project.script, 'a0a0a0a0a0a0', runtimeOptions(online.url))
    expect(await snapshot(offline)).toEqual(await snapshot(online))
  })

  it('reads the live current revision when no FROM is given, and changes nothing', async () => {
    await runUpgrade(project.script, 'c2c2c2c2c2c2', runtimeOptions(offline.url))
    const before = await snapshot(offline)
    const { sql, steps } = await runUpgrade(project.script, 'heads', { ...runtimeOptions(offline.url), sql: true })
    expect(steps.map((s) => s.revision)).toEqual(['b1b1b1b1b1b1', 'd3d3d3d3d3d3'])
    expect(sql).not.toContain('CREATE TABLE IF NOT EXISTS')
    expect(await snapshot(offline)).toEqual(before)
  })

  it('writes stamp as version-table statements only', async () => {
    const { sql, current } = await runStamp(project.script, ['heads'], { ...runtimeOptions(offline.url), sql: true })
    expect(current).toEqual(['d3d3d3d3d3d3'])
    expect(await readCurrent(project.script, runtimeOptions(offline.url))).toEqual([])
    await runSqlScript(offline, sql!)
    expect(await readCurrent(project.script, runtimeOptions(offline.url))).toEqual(['d3d3d3d3d3d3'])
  })
})

describe('offline SQL text', () => {
  let project: MigrationProject
  afterEach(() => project.remove())

  it('marks each revision, ends each statement with ; and wraps each revision in BEGIN/COMMIT', async () => {
    project = await writeMigrationProject(specs.slice(0, 1))
    const { sql } = await runUpgrade(project.script, 'base:head', { ...runtimeOptions('sqlite::memory:'), sql: true })
    expect(sql).toBe(
      [
        'CREATE TABLE IF NOT EXISTS "athanor_version" ("version_num" VARCHAR(255) NOT NULL, CONSTRAINT "athanor_version_pkc" PRIMARY KEY ("version_num"));',
        'CREATE TABLE IF NOT EXISTS "athanor_version_checksums" ("version_num" VARCHAR(255) NOT NULL, "checksum" VARCHAR(64) NOT NULL, CONSTRAINT "athanor_version_checksums_pkc" PRIMARY KEY ("version_num"));',
        'BEGIN;',
        '-- Running upgrade  -> a0a0a0a0a0a0, base',
        'CREATE TABLE vals (id INTEGER PRIMARY KEY, v VARCHAR(200));',
        `INSERT INTO "athanor_version" ("version_num") VALUES ('a0a0a0a0a0a0');`,
        `DELETE FROM "athanor_version_checksums" WHERE "version_num" = 'a0a0a0a0a0a0';`,
        `INSERT INTO "athanor_version_checksums" ("version_num", "checksum") VALUES ('a0a0a0a0a0a0', '${revisionChecksum(project.script.graph.get('a0a0a0a0a0a0').path)}');`,
        'COMMIT;',
        '',
      ].join('\n\n'),
    )
  })

  it('says how to write SQL without a database when the live one cannot be reached', async () => {
    project = await writeMigrationProject(specs.slice(0, 1))
    const error = await runUpgrade(project.script, 'head', { ...runtimeOptions('postgres://u:pw@127.0.0.1:1/app'), sql: true }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DatabaseError)
    expect((error as DatabaseError).message).toContain('cannot connect to postgres://u:***@127.0.0.1:1/app')
    expect((error as DatabaseError).hint).toContain('give a range: base:head')
  })

  it('requires FROM:TO for downgrade', async () => {
    project = await writeMigrationProject(specs.slice(0, 1))
    const error = await runDowngrade(project.script, 'base', { ...runtimeOptions('sqlite::memory:'), sql: true }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UsageError)
    expect((error as UsageError).message).toBe('downgrade --sql needs a range FROM:TO')
  })

  it('refuses op.query with a UsageError that says why', async () => {
    project = await writeMigrationProject([{ id: 'a0a0a0a0a0a0', up: { code: "  await op.query('SELECT 1')" } }])
    const error = await runUpgrade(project.script, 'base:head', { ...runtimeOptions('sqlite::memory:'), sql: true }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UsageError)
    expect((error as UsageError).message).toContain('op.query cannot run in offline (--sql) mode')
  })

  it('tells the revision it runs offline through op.context', async () => {
    project = await writeMigrationProject([
      {
        id: 'a0a0a0a0a0a0',
        up: { code: "  await op.execute(`SELECT '${op.context.offline}:${op.context.dialect}:${op.context.direction}:${op.context.revision}:${op.context.xArgs.who}:${op.context.tag}'`)" },
      },
    ])
    const { sql } = await runUpgrade(project.script, 'base:head', {
      ...runtimeOptions('postgres://u@h/db', { xArgs: { who: 'me' }, tag: 'v1' }),
      sql: true,
    })
    expect(sql).toContain("SELECT 'true:postgres:up:a0a0a0a0a0a0:me:v1';")
  })
})
