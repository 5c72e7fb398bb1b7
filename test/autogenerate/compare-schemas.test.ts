import { describe, expect, it } from 'vitest'
import { postgresDialect } from '../../src/dialect/postgres/postgres-dialect.js'
import { mysqlDialect } from '../../src/dialect/mysql/mysql-dialect.js'
import { sqliteDialect } from '../../src/dialect/sqlite/sqlite-dialect.js'
import { compareSchemas } from '../../src/autogenerate/compare-schemas.js'
import { MetaData, check, index, sql, t, table, unique, type Table } from '../../src/schema/index.js'

function models(build: (metadata: MetaData) => void): Table[] {
  const metadata = new MetaData()
  build(metadata)
  return [...metadata.tables]
}

const kinds = (diffs: readonly { kind: string }[]) => diffs.map((d) => d.kind)

describe('compareSchemas on hand-built schemas', () => {
  const base = (m: MetaData) =>
    table('users', { id: t.integer().primaryKey(), name: t.string(50).notNull(), bio: t.text() }, { metadata: m })

  it('finds nothing when both sides are the same tables', async () => {
    const tables = models(base)
    const result = await compareSchemas({ tables }, { tables: models(base) }, { dialect: postgresDialect })
    expect(result.diffs).toEqual([])
    expect(result.changes).toEqual([])
  })

  it('reports a table only in the models as add_table with its indexes', async () => {
    const model = models((m) => table('posts', { id: t.integer().primaryKey(), title: t.string(10).index() }, { metadata: m }))
    const result = await compareSchemas({ tables: model }, { tables: [] }, { dialect: postgresDialect })
    expect(result.diffs).toEqual([
      { kind: 'add_table', table: 'posts' },
      { kind: 'add_index', table: 'posts', name: 'ix_posts_title' },
    ])
  })

  it('reports a table only in the database as remove_table, and never the version table', async () => {
    const db = models((m) => {
      base(m)
      table('athanor_version', { version_num: t.string(32).primaryKey() }, { metadata: m })
    })
    const result = await compareSchemas({ tables: [] }, { tables: db }, { dialect: postgresDialect, versionTable: 'athanor_version' })
    expect(result.diffs).toEqual([{ kind: 'remove_table', table: 'users' }])
  })

  it('reports added and removed columns, nullability, type, default and comment changes', async () => {
    const model = models((m) =>
      table('users', { id: t.integer().primaryKey(), name: t.string(100), email: t.string(255).serverDefault('x').comment('mail') }, { metadata: m }),
    )
    const db = models((m) => table('users', { id: t.integer().primaryKey(), name: t.string(50).notNull(), email: t.string(255), age: t.integer() }, { metadata: m }))
    const result = await compareSchemas({ tables: model }, { tables: db }, { dialect: postgresDialect })
    expect(kinds(result.diffs).sort()).toEqual(['modify_comment', 'modify_default', 'modify_nullable', 'modify_type', 'remove_column'])
    expect(result.diffs.find((d) => d.kind === 'modify_type')).toMatchObject({ column: 'name', detail: 'VARCHAR(50) -> VARCHAR(100)' })
  })

  it('never compares comments on SQLite, which has none', async () => {
    const model = models((m) => table('users', { id: t.integer().primaryKey().comment('key') }, { metadata: m, comment: 'people' }))
    const db = models((m) => table('users', { id: t.integer().primaryKey() }, { metadata: m }))
    expect((await compareSchemas({ tables: model }, { tables: db }, { dialect: sqliteDialect })).diffs).toEqual([])
    expect(kinds((await compareSchemas({ tables: model }, { tables: db }, { dialect: postgresDialect })).diffs).sort()).toEqual(['add_table_comment', 'modify_comment'])
  })

  it('treats BOOL and TINYINT(1), INTEGER and INT(11) as one type on MySQL', async () => {
    const model = models((m) => table('flags', { id: t.integer().primaryKey(), on: t.boolean() }, { metadata: m }))
    const db = models((m) => table('flags', { id: t.custom('int(11)').primaryKey(), on: t.custom('tinyint(1)') }, { metadata: m }))
    expect((await compareSchemas({ tables: model }, { tables: db }, { dialect: mysqlDialect })).diffs).toEqual([])
  })

  it('matches a unique constraint with a unique index on the same columns', async () => {
    const model = models((m) => table('users', { id: t.integer().primaryKey(), email: t.string(255).unique() }, { metadata: m }))
    const db = models((m) =>
      table('users', { id: t.integer().primaryKey(), email: t.string(255) }, { metadata: m, indexes: (c) => [index('email').on(c.email).unique()] }),
    )
    expect((await compareSchemas({ tables: model }, { tables: db }, { dialect: mysqlDialect })).diffs).toEqual([])
  })

  it('reports added and removed indexes and named unique and check constraints', async () => {
    const model = models((m) =>
      table('users', { id: t.integer().primaryKey(), a: t.integer(), b: t.integer() }, {
        metadata: m,
        indexes: (c) => [index('ix_a').on(c.a)],
        constraints: (c) => [unique('uq_ab').on(c.a, c.b), check('ck_a', sql`a > 0`)],
      }),
    )
    const db = models((m) =>
      table('users', { id: t.integer().primaryKey(), a: t.integer(), b: t.integer() }, {
        metadata: m,
        indexes: (c) => [index('ix_b').on(c.b)],
        constraints: () => [check('ck_old', sql`b > 0`)],
      }),
    )
    const result = await compareSchemas({ tables: model }, { tables: db }, { dialect: postgresDialect })
    expect(result.diffs.map((d) => `${d.kind}:${d.name}`).sort()).toEqual([
      'add_constraint:ck_a',
      'add_constraint:uq_ab',
      'add_index:ix_a',
      'remove_constraint:ck_old',
      'remove_index:ix_b',
    ])
  })

  it('reports a unique constraint whose columns changed under the same name as remove then add', async () => {
    const build = (cols: (c: Record<string, import('../../src/schema/index.js').Column>) => import('../../src/schema/index.js').Column[]) => (m: MetaData) =>
      table('users', { id: t.integer().primaryKey(), a: t.integer(), b: t.integer() }, { metadata: m, constraints: (c) => [unique('uq_users').on(...cols(c))] })
    const result = await compareSchemas({ tables: models(build((c) => [c.a!, c.b!])) }, { tables: models(build((c) => [c.a!])) }, { dialect: postgresDialect })
    expect(result.diffs.map((d) => `${d.kind}:${d.detail}`)).toEqual(['remove_constraint:UNIQUE (a)', 'add_constraint:UNIQUE (a, b)'])
  })

  it('reports a foreign key whose ON DELETE changed as remove_fk then add_fk', async () => {
    const build = (onDelete?: 'cascade') => (m: MetaData) => {
      const orgs = table('orgs', { id: t.integer().primaryKey() }, { metadata: m })
      table('users', { id: t.integer().primaryKey(), org_id: t.integer().references(() => orgs.columns.id, { name: 'fk_org', ...(onDelete ? { onDelete } : {}) }) }, { metadata: m })
    }
    const result = await compareSchemas({ tables: models(build('cascade')) }, { tables: models(build()) }, { dialect: postgresDialect })
    expect(kinds(result.diffs)).toEqual(['remove_fk', 'add_fk'])
  })

  it('proposes a rename for a column that disappeared while one of the same shape appeared, marked for review', async () => {
    const model = models((m) => table('users', { id: t.integer().primaryKey(), full_name: t.string(50).notNull() }, { metadata: m }))
    const db = models((m) => table('users', { id: t.integer().primaryKey(), name: t.string(50).notNull() }, { metadata: m }))
    const result = await compareSchemas({ tables: model }, { tables: db }, { dialect: postgresDialect })
    expect(result.diffs).toEqual([{ kind: 'rename_column', table: 'users', column: 'full_name', detail: 'name -> full_name' }])
    expect(result.changes[0]?.review).toMatch(/rename/)
  })

  it('writes drop + add for a rejected rename, and no review note for an accepted one', async () => {
    const model = models((m) => table('users', { id: t.integer().primaryKey(), full_name: t.string(50) }, { metadata: m }))
    const db = models((m) => table('users', { id: t.integer().primaryKey(), name: t.string(50) }, { metadata: m }))
    const rejected = await compareSchemas({ tables: model }, { tables: db }, { dialect: postgresDialect, renames: { reject: ['name=full_name'] } })
    expect(kinds(rejected.diffs)).toEqual(['add_column', 'remove_column'])
    const accepted = await compareSchemas({ tables: model }, { tables: db }, { dialect: postgresDialect, renames: { accept: ['users.name=users.full_name'] } })
    expect(kinds(accepted.diffs)).toEqual(['rename_column'])
    expect(accepted.changes[0]?.review).toBeUndefined()
  })

  it('proposes a table rename for a dropped and a created table with the same columns', async () => {
    const model = models((m) => table('people', { id: t.integer().primaryKey(), name: t.string(50) }, { metadata: m }))
    const db = models((m) => table('users', { id: t.integer().primaryKey(), name: t.string(50) }, { metadata: m }))
    const result = await compareSchemas({ tables: model }, { tables: db }, { dialect: postgresDialect })
    expect(kinds(result.diffs)).toEqual(['rename_table'])
  })

  it('adds new PostgreSQL enum values after the value before them', async () => {
    const model = models((m) => table('posts', { id: t.integer().primaryKey(), mood: t.enum('mood', ['sad', 'ok', 'happy']) }, { metadata: m }))
    const db = models((m) => table('posts', { id: t.integer().primaryKey(), mood: t.enum('mood', ['sad', 'happy']) }, { metadata: m }))
    const result = await compareSchemas({ tables: model }, { tables: db, enums: [{ name: 'mood', schema: null, values: ['sad', 'happy'] }] }, { dialect: postgresDialect })
    expect(result.diffs).toEqual([{ kind: 'add_enum_value', table: 'posts', column: 'mood', name: 'mood', detail: 'ok' }])
    expect(result.changes[0]?.op).toMatchObject({ kind: 'add_enum_value', value: 'ok', options: { after: 'sad' } })
  })

  it('leaves out objects include.object rejects, on both sides', async () => {
    const model = models((m) => table('keep', { id: t.integer().primaryKey() }, { metadata: m }))
    const db = models((m) => table('legacy', { id: t.integer().primaryKey(), x: t.text() }, { metadata: m }))
    const result = await compareSchemas({ tables: model }, { tables: db }, {
      dialect: postgresDialect,
      includeObject: (o) => !(o.type === 'table' && (o.name === 'legacy' || o.name === 'keep')),
    })
    expect(result.diffs).toEqual([])
  })

  it('orders new tables so referred tables come first', async () => {
    const model = models((m) => {
      const posts = table('posts', { id: t.integer().primaryKey(), author: t.integer().references(() => users.columns.id) }, { metadata: m })
      const users = table('users', { id: t.integer().primaryKey() }, { metadata: m })
      void posts
    })
    const result = await compareSchemas({ tables: model }, { tables: [] }, { dialect: postgresDialect })
    expect(result.diffs.map((d) => d.table)).toEqual(['users', 'posts'])
  })

  it('compares the canonical text of a model default when one is given', async () => {
    const model = models((m) => table('t', { id: t.integer().primaryKey(), n: t.integer().serverDefault(0) }, { metadata: m }))
    const db = models((m) => table('t', { id: t.integer().primaryKey(), n: t.integer().serverDefault(sql.raw("'0'::integer")) }, { metadata: m }))
    const plain = await compareSchemas({ tables: model }, { tables: db }, { dialect: postgresDialect })
    expect(kinds(plain.diffs)).toEqual(['modify_default'])
    const canonical = await compareSchemas({ tables: model }, { tables: db }, { dialect: postgresDialect, canonicalDefault: (_table, column) => (column.name === 'n' ? "'0'::integer" : undefined) })
    expect(canonical.diffs).toEqual([])
  })
})

describe('tables compareSchemas never looks at', () => {
  it('skips scratch tables another autogenerate (or a crash) left in the database', async () => {
    const db = models((m) => table('athanor_scratch_0a1b2c3d_d0', { c0: t.integer() }, { metadata: m }))
    expect((await compareSchemas({ tables: [] }, { tables: db }, { dialect: mysqlDialect })).diffs).toEqual([])
  })
})
