/**
 * On MySQL a schema is a database: reflection reads other databases when
 * asked, in the same five queries, and names their tables' schema.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseConnection } from '../../src/dialect/dialect.js'
import { findTable, reflect } from '../../src/dialect/reflector.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'

describe('MariaDB schemas (databases)', () => {
  let app: TestDatabase
  let audit: TestDatabase
  let conn: DatabaseConnection
  let auditName: string
  beforeAll(async () => {
    app = await createTestDatabase('mysql')
    audit = await createTestDatabase('mysql')
    auditName = new URL(audit.url).pathname.slice(1)
    conn = await app.connect()
    await conn.execute('CREATE TABLE users (id INT PRIMARY KEY)')
    await conn.execute(`CREATE TABLE \`${auditName}\`.events (id INT PRIMARY KEY, user_id INT, CONSTRAINT events_user_fk FOREIGN KEY (user_id) REFERENCES \`${new URL(app.url).pathname.slice(1)}\`.users (id))`)
    await conn.execute(`CREATE TABLE \`${auditName}\`.kinds (id INT PRIMARY KEY)`)
  }, 60_000)
  afterAll(async () => {
    // audit's foreign key refers to app: drop audit first.
    await audit?.drop()
    await app?.drop()
  })

  it('reads only the connection database by default', async () => {
    expect((await reflect(conn)).tables.map((t) => [t.schema, t.name])).toEqual([[null, 'users']])
  })

  it('reads another database as a named schema, in the same five queries', async () => {
    const reflected = await reflect(conn, { schemas: [null, auditName] })
    expect(reflected.tables.map((t) => [t.schema, t.name])).toEqual([
      [null, 'users'],
      [auditName, 'events'],
      [auditName, 'kinds'],
    ])
    expect(reflected.queryCount).toBe(5)
  })

  it('reads a foreign key into the default database with referredSchema null', async () => {
    const reflected = await reflect(conn, { schemas: [null, auditName] })
    expect(findTable(reflected, 'events', auditName)!.foreignKeys).toEqual([
      expect.objectContaining({ name: 'events_user_fk', referredSchema: null, referredTable: 'users', referredColumns: ['id'] }),
    ])
  })

  it('filters tables of another database before reading them', async () => {
    const reflected = await reflect(conn, { schemas: [auditName], includeName: (name, kind) => kind !== 'table' || name !== 'kinds' })
    expect(reflected.tables.map((t) => [t.schema, t.name])).toEqual([[auditName, 'events']])
  })
})
