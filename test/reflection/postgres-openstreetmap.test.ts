/**
 * The OpenStreetMap website's real PostgreSQL schema (db/structure.sql),
 * loaded with psql into a fresh database and reflected whole.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { sqlText } from '../../src/schema/sql.js'
import { type ReflectedForeignKey, type ReflectedIndex, type ReflectedSchema, reflectedColumn } from '../../src/dialect/reflector.js'
import { reflectedLookups, reflectSqlFixture } from '../support/reflected-fixture.js'

const OSM_STRUCTURE = '../shared/fixtures/postgres/openstreetmap-structure.sql'

describe('PostgreSQL: the OpenStreetMap schema', () => {
  let schema: ReflectedSchema

  beforeAll(async () => {
    // The dump empties search_path for its own session only; public stays the default.
    schema = await reflectSqlFixture('postgres', OSM_STRUCTURE)
  }, 60_000)

  const { table, index } = reflectedLookups(() => schema)
  const allIndexes = () => schema.tables.flatMap((t) => t.indexes as readonly ReflectedIndex[])
  const allForeignKeys = () => schema.tables.flatMap((t) => t.foreignKeys as readonly ReflectedForeignKey[])

  it('reads all 52 tables, in the default schema (schema null)', () => {
    expect(schema.tables).toHaveLength(52)
    expect(schema.defaultSchema).toBe('public')
    expect(schema.tables.every((t) => t.schema === null)).toBe(true)
  })

  it('reads all 340 columns', () => {
    expect(schema.tables.reduce((n, t) => n + t.columnList.length, 0)).toBe(340)
  })

  it('reads 140 indexes: 90 declared with CREATE INDEX plus the 50 behind primary keys', () => {
    expect(allIndexes()).toHaveLength(90)
    expect(schema.tables.filter((t) => t.primaryKey !== null)).toHaveLength(50)
  })

  it('reads all 67 foreign keys, 5 of them NOT VALID and 5 over two columns', () => {
    expect(allForeignKeys()).toHaveLength(67)
    expect(allForeignKeys().filter((fk) => fk.notValid).map((fk) => fk.name).sort()).toEqual([
      'fk_rails_330c32d8d9',
      'fk_rails_732cb83ab7',
      'fk_rails_b4b53e07b8',
      'fk_rails_cc886e315a',
      'fk_rails_ee63f25419',
    ])
    expect(allForeignKeys().filter((fk) => fk.columns.length > 1)).toHaveLength(5)
  })

  it('reads all 8 enum types with their values in order', () => {
    expect(schema.enums.map((e) => e.name)).toEqual([
      'format_enum',
      'gpx_visibility_enum',
      'issue_status_enum',
      'note_event_enum',
      'note_status_enum',
      'nwr_enum',
      'user_role_enum',
      'user_status_enum',
    ])
    expect(schema.enums.find((e) => e.name === 'format_enum')?.values).toEqual(['html', 'markdown', 'text'])
  })

  it('maps an enum column to the enum type and keeps its enum-typed default', () => {
    const column = table('diary_entries').column('body_format')!
    expect(column.type).toEqual({ kind: 'enum', name: 'format_enum', values: ['html', 'markdown', 'text'] })
    expect(sqlText(column.serverDefault as never)).toBe("'markdown'::format_enum")
  })

  it('reads a multi-column foreign key with its column order on both sides', () => {
    const fk = table('way_nodes').foreignKeys.find((f) => f.name === 'way_nodes_id_fkey')!
    expect(fk).toMatchObject({ columns: ['way_id', 'version'], referredTable: 'ways', referredColumns: ['way_id', 'version'], referredSchema: null })
  })

  it('reads a NOT VALID foreign key as such', () => {
    const fk = table('oauth_access_grants').foreignKeys.find((f) => f.name === 'fk_rails_330c32d8d9') as ReflectedForeignKey
    expect(fk).toMatchObject({ columns: ['resource_owner_id'], referredTable: 'users', notValid: true })
  })

  it('reads the gist index over four columns', () => {
    expect(index('changesets', 'changesets_bbox_idx')).toMatchObject({ method: 'gist', expressions: ['min_lat', 'max_lat', 'min_lon', 'max_lon'] })
  })

  it('keeps the inet_ops operator class of a gist index', () => {
    expect(index('acls', 'index_acls_on_address')).toMatchObject({ method: 'gist', expressions: ['address'], opclasses: ['inet_ops'] })
  })

  it('reads a gin expression index as the database prints the expression', () => {
    const gin = index('note_comments', 'index_note_comments_on_body')
    expect(gin.method).toBe('gin')
    expect(gin.expressions.map((e) => (typeof e === 'string' ? e : sqlText(e)))).toEqual(["to_tsvector('english'::regconfig, body)"])
  })

  it('reads the lower(email) expression index of users', () => {
    const ix = index('users', 'users_email_lower_idx')
    expect(ix.method).toBe('btree')
    expect(ix.expressions.map((e) => (typeof e === 'string' ? e : sqlText(e)))).toEqual(['lower(email::text)'])
  })

  it('reads the 3 expression indexes, 4 gist/gin indexes and 2 inet_ops operator classes the fixture holds', () => {
    expect(allIndexes().filter((i) => i.expressions.some((e) => typeof e !== 'string'))).toHaveLength(3)
    expect(allIndexes().filter((i) => i.method === 'gist' || i.method === 'gin')).toHaveLength(4)
    expect(allIndexes().flatMap((i) => i.opclasses).filter((o) => o === 'inet_ops')).toHaveLength(2)
  })

  it('reads unique indexes as unique', () => {
    expect(allIndexes().filter((i) => i.unique)).toHaveLength(14)
  })

  it('reads serial columns as autoincrement with their owned sequence, without the nextval default', () => {
    const id = reflectedColumn(table('acls').column('id'))!
    expect(id).toMatchObject({ type: { kind: 'bigint' }, autoincrement: true, autoincrementKind: 'serial', sequence: 'acls_id_seq', serverDefault: null, nullable: false })
  })

  it('keeps the database type text next to the portable type', () => {
    const column = reflectedColumn(table('changesets').column('created_at'))!
    expect(column.type).toEqual({ kind: 'datetime', timezone: false })
    expect(column.nativeType).toBe('timestamp without time zone')
  })

  it('reads composite primary keys in key order', () => {
    expect(table('way_nodes').primaryKey?.columns).toEqual(['way_id', 'version', 'sequence_id'])
  })
})
