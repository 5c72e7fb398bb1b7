/**
 * The one naming rule every constraint and index name comes from, and the
 * one expansion of a column's inline constraints.
 */
import { describe, expect, it } from 'vitest'
import { inlineConstraints, withoutInlineConstraints } from '../../src/schema/inline-constraints.js'
import { MetaData } from '../../src/schema/metadata.js'
import { constraintName, DEFAULT_NAMING_CONVENTION, EXISTING_TABLE_NAMING, MAX_GENERATED_NAME_LENGTH } from '../../src/schema/naming-convention.js'
import { t } from '../../src/schema/t.js'
import { table } from '../../src/schema/table.js'

const inCreate = { convention: DEFAULT_NAMING_CONVENTION, situation: 'createTable' } as const

describe('constraintName', () => {
  it('leaves an unnamed unique constraint or foreign key to the database inside CREATE TABLE', () => {
    expect(constraintName('uq', { tableName: 'users', columns: ['email'] }, null, inCreate)).toBe(null)
    expect(constraintName('fk', { tableName: 'users', columns: ['org_id'], referredTable: 'orgs' }, null, inCreate)).toBe(null)
  })

  it('names them on an existing table, so a downgrade can drop them', () => {
    expect(constraintName('uq', { tableName: 'users', columns: ['a', 'b'] }, null, EXISTING_TABLE_NAMING)).toBe('uq_users_a_b')
    expect(constraintName('fk', { tableName: 'users', columns: ['org_id'], referredTable: 'orgs' }, null, EXISTING_TABLE_NAMING)).toBe('fk_users_org_id_orgs')
    expect(constraintName('ck', { tableName: 'users', columns: [] }, null, EXISTING_TABLE_NAMING)).toBe(null)
  })

  it("prefers the convention's template and keeps an explicit name", () => {
    const naming = { convention: { uq: 'unique_%(column_0_name)s' }, situation: 'existingTable' } as const
    expect(constraintName('uq', { tableName: 'users', columns: ['email'] }, null, naming)).toBe('unique_email')
    expect(constraintName('uq', { tableName: 'users', columns: ['email'] }, 'mine', naming)).toBe('mine')
  })

  it('names an index by the fallback when the convention has no index template', () => {
    const users = table('users', { email: t.text().index() }, { metadata: new MetaData({ namingConvention: { ix: 'ix_%(constraint_name)s' } }) })
    expect(users.indexes[0]!.name).toBe('ix_users_email')
  })

  it('cuts a made name past the limit and ends it with a hash of the whole, deterministically', () => {
    const long = (column: string) => constraintName('uq', { tableName: 'a_table_with_a_rather_long_name', columns: [column] }, null, EXISTING_TABLE_NAMING)!
    const a = long('and_an_even_longer_column_name_here')
    expect(a).toHaveLength(MAX_GENERATED_NAME_LENGTH)
    const whole = 'uq_a_table_with_a_rather_long_name_and_an_even_longer_column_name_here'
    expect(a.slice(0, MAX_GENERATED_NAME_LENGTH - 9)).toBe(whole.slice(0, MAX_GENERATED_NAME_LENGTH - 9))
    expect(a).toMatch(/_[0-9a-f]{8}$/)
    expect(long('and_an_even_longer_column_name_here')).toBe(a)
    expect(long('and_an_even_longer_column_name_hers')).not.toBe(a)
    expect(constraintName('uq', { tableName: 't', columns: ['c'] }, 'x'.repeat(70), EXISTING_TABLE_NAMING)).toBe('x'.repeat(70))
  })
})

describe('inlineConstraints', () => {
  const email = t.string(255).unique().index().references('accounts.email', { onDelete: 'cascade' }).build('email', 'users')

  it("turns a column's settings into named table parts", () => {
    const parts = inlineConstraints({ name: 'users', schema: null }, [email], EXISTING_TABLE_NAMING)
    expect(parts.primaryKey).toBe(null)
    expect(parts.constraints).toEqual([
      { kind: 'unique', name: 'uq_users_email', columns: ['email'] },
      expect.objectContaining({ kind: 'foreignKey', name: 'fk_users_email_accounts', referredTable: 'accounts', referredColumns: ['email'], onDelete: 'cascade' }),
    ])
    expect(parts.indexes).toEqual([expect.objectContaining({ name: 'ix_users_email', table: 'users', expressions: ['email'] })])
  })

  it('gives a model table the same parts, unnamed where CREATE TABLE may leave them so', () => {
    const users = table('users', { email: t.string(255).unique().index().references('accounts.email', { onDelete: 'cascade' }) })
    expect(users.constraints.map((c) => c.name)).toEqual([null, null])
    expect(users.indexes.map((i) => i.name)).toEqual(['ix_users_email'])
  })

  it('leaves a column without them once they are expanded', () => {
    expect(withoutInlineConstraints(email)).toMatchObject({ unique: false, index: false, references: null, primaryKey: false, name: 'email' })
  })
})
