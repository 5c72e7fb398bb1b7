import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readCurrent, runDowngrade, runUpgrade } from '../../src/runtime/commands.js'
import type { DatabaseConnection } from '../../src/dialect/dialect.js'
import { versionRows } from '../support/catalog.js'
import { ALL_DATABASES, createTestDatabase, type TestDatabase, type TestDatabaseKind } from '../support/databases.js'
import { linearRevisions, revisionId, runtimeOptions, writeMigrationProject, type MigrationProject } from '../support/migration-project.js'

const r = revisionId

/** The column length of alembic_version.version_num, read from each catalog. */
const columnLength: Record<TestDatabaseKind, (conn: DatabaseConnection) => Promise<number>> = {
  sqlite: async (conn) => {
    const [row] = await conn.query<{ sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'alembic_version'")
    return Number(/VARCHAR\((\d+)\)/i.exec(row?.sql ?? '')?.[1])
  },
  postgres: (conn) => informationSchemaLength(conn, 'current_schema()'),
  pglite: (conn) => informationSchemaLength(conn, 'current_schema()'),
  mysql: (conn) => informationSchemaLength(conn, 'DATABASE()'),
}

async function informationSchemaLength(conn: DatabaseConnection, schema: string): Promise<number> {
  const rows = await conn.query(
    `SELECT character_maximum_length AS len FROM information_schema.columns WHERE table_schema = ${schema} AND table_name = 'alembic_version' AND column_name = 'version_num'`,
  )
  return Number(rows[0]?.len ?? rows[0]?.LEN)
}

describe.each(ALL_DATABASES)('adopting an Alembic-managed database on %s', (kind) => {
  let db: TestDatabase
  let project: MigrationProject
  const options = () => runtimeOptions(db.url, { versionTable: 'alembic_version' })
  beforeEach(async () => {
    db = await createTestDatabase(kind)
    project = await writeMigrationProject(linearRevisions(3))
    const conn = await db.connect()
    // Exactly what Alembic creates.
    await conn.execute('CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))')
    await conn.execute('INSERT INTO alembic_version (version_num) VALUES (?)', [r(1)])
    await conn.execute('CREATE TABLE t1 (id INTEGER PRIMARY KEY)')
    await conn.close()
  })
  afterEach(async () => {
    await db.drop()
    project.remove()
  })

  it('reads the current revision Alembic wrote', async () => {
    expect(await readCurrent(project.script, options())).toEqual([r(1)])
  })

  it('upgrades from it, updating the row in place and leaving the VARCHAR(32) column as it is', async () => {
    const result = await runUpgrade(project.script, 'head', options())
    expect(result.steps.map((s) => s.revision)).toEqual([r(2), r(3)])
    const conn = await db.connect()
    expect(await versionRows(conn, 'alembic_version')).toEqual([r(3)])
    expect(await columnLength[kind](conn)).toBe(32)
    await conn.close()
  })

  it('downgrades through it back to the revision Alembic had', async () => {
    await runUpgrade(project.script, 'head', options())
    await runDowngrade(project.script, r(1), options())
    expect(await readCurrent(project.script, options())).toEqual([r(1)])
  })
})
