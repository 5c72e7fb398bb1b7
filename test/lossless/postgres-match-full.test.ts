/**
 * A PostgreSQL foreign key's `MATCH FULL` is carried: reflected, written by
 * autogenerate, created, and compared (a key whose match type changed is
 * re-created). On the server and PGlite.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { compareWithConnection } from '../../src/autogenerate/autogenerate.js'
import { findTable, reflect, type ReflectedForeignKey } from '../../src/dialect/reflector.js'
import { foreignKey, MetaData, primaryKey, t, table } from '../../src/schema/index.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'
import { revisionLoop, type RevisionLoop } from './revision-loop.js'

describe.each(['postgres', 'pglite'] as const)('FK MATCH FULL on %s', (kind) => {
  let db: TestDatabase | undefined
  let loop: RevisionLoop | undefined
  afterEach(async () => {
    loop?.remove()
    await db?.drop()
  })

  function models(match: 'full' | null) {
    const m = new MetaData()
    table('lines', { orderId: t.integer().name('order_id'), no: t.integer() }, { metadata: m, constraints: (c) => [primaryKey().on(c.orderId, c.no)] })
    table('refs', { id: t.integer().primaryKey(), orderId: t.integer().name('order_id'), no: t.integer() }, {
      metadata: m,
      constraints: (c) => [foreignKey('fk_refs_line').on(c.orderId, c.no).references('lines', ['order_id', 'no'], match ? { match } : {})],
    })
    return m.tables
  }

  it('creates a MATCH FULL key, reflects it, and finds nothing; a changed match type re-creates the key', async () => {
    db = await createTestDatabase(kind)
    loop = await revisionLoop(db)
    const { source } = await loop.autogenerate(models('full'))
    expect(source).toContain("match: 'full'")
    await loop.upgrade()
    const fk = findTable(await reflect(loop.conn), 'refs')!.foreignKeys[0] as ReflectedForeignKey
    expect(fk.match).toBe('full')
    await expect(loop.conn.execute('INSERT INTO lines VALUES (1, 1)')).resolves.toBeDefined()
    // MATCH FULL refuses a key that is only partly null.
    await expect(loop.conn.execute('INSERT INTO refs VALUES (1, 1, NULL)')).rejects.toThrow()
    expect(await loop.diffs(models('full'))).toEqual([])
    expect(await loop.diffs((await reflect(loop.conn)).tables)).toEqual([])
    const changed = await compareWithConnection(loop.conn, models(null), { versionTable: 'athanor_version' })
    expect(changed.diffs.map((d) => [d.kind, d.name])).toEqual([
      ['remove_fk', 'fk_refs_line'],
      ['add_fk', 'fk_refs_line'],
    ])
    await loop.downgrade()
    expect(await loop.tableNames()).toEqual([])
  })
})
