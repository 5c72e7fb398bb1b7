/**
 * A NOT VALID foreign key (PostgreSQL) stays NOT VALID through reflect ->
 * models -> autogenerate: the key is added after its table with NOT VALID,
 * and dropped before it on the way down. On the server and PGlite.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { compareWithConnection } from '../../src/autogenerate/autogenerate.js'
import { findTable, reflect, type ReflectedForeignKey } from '../../src/dialect/reflector.js'
import { MetaData, t, table } from '../../src/schema/index.js'
import { AddConstraintOp } from '../../src/operations/ops/constraint-ops.js'
import { applyOps } from '../autogenerate/support.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'

const settings = { versionTable: 'athanor_version' }

describe.each(['postgres', 'pglite'] as const)('NOT VALID foreign keys on %s', (kind) => {
  const dbs: TestDatabase[] = []
  afterEach(async () => void (await Promise.all(dbs.splice(0).map((d) => d.drop()))))

  it('recreates a reflected NOT VALID key as NOT VALID, and check then finds nothing', async () => {
    const source = await createTestDatabase(kind)
    const copy = await createTestDatabase(kind)
    dbs.push(source, copy)
    const conn = await source.connect()
    await conn.execute('CREATE TABLE users (id integer PRIMARY KEY)')
    await conn.execute('CREATE TABLE posts (id integer PRIMARY KEY, user_id integer)')
    await conn.execute('ALTER TABLE posts ADD CONSTRAINT fk_posts_user FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID')
    const models = (await reflect(conn)).tables
    const copyConn = await copy.connect()
    const comparison = await compareWithConnection(copyConn, models, settings)
    const add = comparison.changes.map((c) => c.op).find((op) => op instanceof AddConstraintOp)
    expect(add, 'the key is added on its own after the tables').toMatchObject({ options: { notValid: true } })
    await applyOps(copyConn, comparison.changes.map((c) => c.op))
    const fk = findTable(await reflect(copyConn), 'posts')!.foreignKeys[0] as ReflectedForeignKey
    expect(fk).toMatchObject({ name: 'fk_posts_user', notValid: true })
    expect((await compareWithConnection(copyConn, models, settings)).diffs).toEqual([])
  })

  it('creates a model key declared notValid as NOT VALID', async () => {
    const db = await createTestDatabase(kind)
    dbs.push(db)
    const conn = await db.connect()
    const m = new MetaData()
    const users = table('users', { id: t.integer().primaryKey() }, { metadata: m })
    table('posts', { id: t.integer().primaryKey(), userId: t.integer().name('user_id').references(() => users.columns.id, { notValid: true }) }, { metadata: m })
    await applyOps(conn, (await compareWithConnection(conn, m.tables, settings)).changes.map((c) => c.op))
    const fk = findTable(await reflect(conn), 'posts')!.foreignKeys[0] as ReflectedForeignKey
    expect(fk.notValid).toBe(true)
  })
})
