/**
 * SQLite's attached databases are schemas: reflection reads them when asked,
 * with the same queries per schema, and reports their tables' schema.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DatabaseConnection } from '../../src/dialect/dialect.js'
import { reflect } from '../../src/dialect/reflector.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'

describe('SQLite attached schemas', () => {
  let db: TestDatabase
  let conn: DatabaseConnection
  let dir: string
  beforeEach(async () => {
    db = await createTestDatabase('sqlite')
    conn = await db.connect()
    dir = mkdtempSync(join(tmpdir(), 'athanor-attach-'))
    await conn.execute(`ATTACH DATABASE ? AS aux`, [join(dir, 'aux.db')])
    await conn.execute('CREATE TABLE main_t (id INTEGER PRIMARY KEY)')
    await conn.execute('CREATE TABLE aux.aux_t (id INTEGER PRIMARY KEY, main_id INTEGER REFERENCES aux_parent (id))')
    await conn.execute('CREATE TABLE aux.aux_parent (id INTEGER PRIMARY KEY)')
    await conn.execute('CREATE INDEX aux.ix_aux_t_main ON aux_t (main_id)')
  })
  afterEach(async () => {
    await db.drop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('reads only main by default', async () => {
    expect((await reflect(conn)).tables.map((t) => [t.schema, t.name])).toEqual([[null, 'main_t']])
  })

  it('reads an attached schema when asked, with four queries per schema', async () => {
    const reflected = await reflect(conn, { schemas: [null, 'aux'] })
    expect(reflected.tables.map((t) => [t.schema, t.name])).toEqual([
      [null, 'main_t'],
      ['aux', 'aux_parent'],
      ['aux', 'aux_t'],
    ])
    const auxT = reflected.tables.find((t) => t.name === 'aux_t')!
    expect(auxT.foreignKeys[0]).toMatchObject({ referredSchema: 'aux', referredTable: 'aux_parent', referredColumns: ['id'] })
    expect(auxT.indexes.map((i) => [i.schema, i.name, i.expressions])).toEqual([['aux', 'ix_aux_t_main', ['main_id']]])
    expect(reflected.queryCount).toBe(8)
  })

  it('skips a schema includeName rejects without reading it', async () => {
    const reflected = await reflect(conn, { schemas: [null, 'aux'], includeName: (name, kind) => kind !== 'schema' || name !== 'aux' })
    expect(reflected.tables.map((t) => t.name)).toEqual(['main_t'])
    expect(reflected.queryCount).toBe(4)
  })
})
