import { describe, expect, it } from 'vitest'
import { sqliteDialect } from '../../src/dialect/sqlite/sqlite-dialect.js'
import { toColumn } from '../../src/schema/column.js'
import { check, foreignKey, index, primaryKey, unique } from '../../src/schema/constraints.js'
import { MetaData } from '../../src/schema/metadata.js'
import { conventionName } from '../../src/schema/naming-convention.js'
import { renderSql, sql } from '../../src/schema/sql.js'
import { t } from '../../src/schema/t.js'
import { table } from '../../src/schema/table.js'

describe('columns', () => {
  it('are nullable unless primary key or notNull', () => {
    const users = table('users', { id: t.integer().primaryKey(), a: t.text(), b: t.text().notNull(), c: t.integer().primaryKey().nullable() })
    expect(users.columnList.map((c) => c.nullable)).toEqual([false, true, false, true])
  })

  it('are frozen plain data, and builders are immutable', () => {
    const base = t.string(20)
    const strict = base.notNull()
    const users = table('users', { a: base, b: strict })
    expect(users.columns.a.nullable).toBe(true)
    expect(users.columns.b.nullable).toBe(false)
    expect(Object.isFrozen(users.columns.a)).toBe(true)
    expect(() => {
      ;(users.columns.a as { name: string }).name = 'x'
    }).toThrow()
  })

  it('take their database name from .name(), their key from the property', () => {
    const users = table('users', { orgId: t.integer().name('org_id') })
    expect(users.columns.orgId).toMatchObject({ name: 'org_id', key: 'orgId', table: 'users' })
  })

  it('accept a bare type where ops describe a column', () => {
    expect(toColumn('n', t.bigint().type)).toMatchObject({ name: 'n', type: { kind: 'bigint' }, nullable: true })
  })

  it('keep dialect types and the custom escape hatch as comparable data', () => {
    expect(t.array(t.integer()).type).toEqual({ kind: 'array', of: { kind: 'integer' } })
    expect(t.custom('citext').type).toEqual({ kind: 'custom', name: 'citext' })
    expect(t.timestamptz().type).toEqual(t.datetime({ timezone: true }).type)
    expect(t.enum('mood', ['a', 'b']).type).toEqual({ kind: 'enum', name: 'mood', values: ['a', 'b'] })
  })
})

describe('tables', () => {
  it('resolve foreign keys to tables declared later', () => {
    const posts = table('posts', { authorId: t.integer().references(() => authors.columns.id, { onDelete: 'cascade', deferrable: 'initiallyDeferred' }) })
    const authors = table('authors', { id: t.integer().primaryKey() }, { schema: 'app' })
    expect(posts.foreignKeys[0]).toMatchObject({
      columns: ['authorId'],
      referredSchema: 'app',
      referredTable: 'authors',
      referredColumns: ['id'],
      onDelete: 'cascade',
      deferrable: 'initiallyDeferred',
    })
  })

  it('make a composite primary key from several primaryKey() columns or a primaryKey() constraint', () => {
    const a = table('a', { x: t.integer().primaryKey(), y: t.integer().primaryKey() })
    const b = table('b', { x: t.integer(), y: t.integer() }, { constraints: (c) => [primaryKey('pk_b').on(c.x, c.y)] })
    expect(a.primaryKey).toEqual({ kind: 'primaryKey', name: null, columns: ['x', 'y'] })
    expect(b.primaryKey).toEqual({ kind: 'primaryKey', name: 'pk_b', columns: ['x', 'y'] })
  })

  it('hold partial, expression and unique indexes, and composite foreign keys', () => {
    const parent = table('parent', { a: t.integer(), b: t.integer() })
    const child = table(
      'child',
      { a: t.integer(), b: t.integer(), email: t.text() },
      {
        indexes: (c) => [index('ix_lower').on(sql`lower(${c.email})`).where(sql`${c.email} IS NOT NULL`).unique()],
        constraints: (c) => [foreignKey('fk_ab').on(c.a, c.b).references(() => [parent.columns.a, parent.columns.b]), unique('uq_ab').on(c.a, c.b), check('ck', sql`a < b`)],
      },
    )
    expect(child.indexes[0]).toMatchObject({ name: 'ix_lower', unique: true })
    expect(renderSql(child.indexes[0]!.where!, sqliteDialect)).toBe('"email" IS NOT NULL')
    expect(child.foreignKeys[0]).toMatchObject({ name: 'fk_ab', columns: ['a', 'b'], referredColumns: ['a', 'b'] })
    expect(child.constraints.map((c) => c.kind)).toEqual(['foreignKey', 'unique', 'check'])
  })

  it('register in their MetaData', () => {
    const metadata = new MetaData()
    const users = table('users', { id: t.integer() }, { metadata })
    expect(metadata.table('users')).toBe(users)
  })
})

describe('naming conventions', () => {
  it('name a column index by the default ix convention', () => {
    const users = table('users', { email: t.text().index() })
    expect(users.indexes[0]!.name).toBe('ix_users_email')
  })

  it('substitute every token SQLAlchemy knows', () => {
    const ctx = { tableName: 't', columns: ['a', 'b'], referredTable: 'r', referredColumns: ['id'], constraintName: 'positive' }
    expect(conventionName('%(table_name)s_%(column_0_name)s_%(column_0N_name)s_%(referred_table_name)s_%(referred_column_0_name)s', ctx, null)).toBe('t_a_a_b_r_id')
    expect(conventionName('ck_%(table_name)s_%(constraint_name)s', ctx, 'positive')).toBe('ck_t_positive')
  })

  it('keep an explicit name unless the convention uses constraint_name', () => {
    expect(conventionName('uq_%(table_name)s_%(column_0_name)s', { tableName: 't', columns: ['a'] }, 'mine')).toBe('mine')
  })

  it('leave a check unnamed when its convention needs a constraint_name it lacks', () => {
    const metadata = new MetaData({ namingConvention: { ck: 'ck_%(table_name)s_%(constraint_name)s' } })
    const x = table('x', { a: t.integer() }, { metadata, constraints: () => [check(null, sql`a > 0`)] })
    expect(x.constraints[0]!.name).toBe(null)
  })
})

describe('sql fragments', () => {
  it('quote interpolated columns and render other values as literals', () => {
    const users = table('users', { 'Mixed Case': t.text() })
    expect(renderSql(sql`${users.columns['Mixed Case']} = ${"it's"} AND ${sql.raw('1 = 1')}`, sqliteDialect)).toBe(`"Mixed Case" = 'it''s' AND 1 = 1`)
  })
})
