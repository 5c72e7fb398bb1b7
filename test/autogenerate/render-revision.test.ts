import { describe, expect, it } from 'vitest'
import { postgresDialect } from '../../src/dialect/postgres/postgres-dialect.js'
import { sqliteDialect } from '../../src/dialect/sqlite/sqlite-dialect.js'
import { compareSchemas } from '../../src/autogenerate/compare-schemas.js'
import { renderRevision } from '../../src/autogenerate/render-revision.js'
import { renderFragment, renderString, renderType } from '../../src/autogenerate/render-values.js'
import { formatDiff } from '../../src/cli/format/diff-text.js'
import { MetaData, check, index, sql, t, table, unique } from '../../src/schema/index.js'

async function render(model: MetaData, db: MetaData) {
  const comparison = await compareSchemas({ tables: model.tables }, { tables: db.tables }, { dialect: postgresDialect })
  return renderRevision(comparison.changes)
}

describe('renderRevision', () => {
  it('writes a new table as createTable with named constraints, then its indexes, and drops it in the downgrade', async () => {
    const m = new MetaData()
    const orgs = table('orgs', { id: t.integer().primaryKey().autoincrement() }, { metadata: m })
    table(
      'users',
      {
        id: t.integer().primaryKey().autoincrement(),
        email: t.string(255).notNull().unique(),
        orgId: t.integer().name('org_id').references(() => orgs.columns.id, { name: 'fk_users_org', onDelete: 'cascade' }),
        createdAt: t.datetime({ timezone: true }).name('created_at').notNull().serverDefault(sql`CURRENT_TIMESTAMP`).comment("when it's made"),
      },
      { metadata: m, comment: 'people', indexes: (c) => [index('ix_users_lower_email').on(sql`lower(email)`)], constraints: () => [check('ck_id', sql`id > 0`)] },
    )
    const out = await render(m, new MetaData())
    expect(out.upgradeBody).toContain(`await op.createTable('users', {
  id: t.integer().primaryKey().autoincrement(),
  email: t.string(255).notNull(),
  org_id: t.integer(),
  created_at: t.datetime({ timezone: true }).notNull().serverDefault(sql\`CURRENT_TIMESTAMP\`).comment('when it\\'s made'),
}, {
  comment: 'people',
  constraints: () => [
    unique().on('email'),
    foreignKey('fk_users_org').on('org_id').references('orgs', ['id'], { onDelete: 'cascade' }),
    check('ck_id', sql\`id > 0\`),
  ],
})
await op.createIndex('ix_users_lower_email', 'users', [sql\`lower(email)\`])`)
    expect(out.upgradeBody.indexOf("createTable('orgs'")).toBeLessThan(out.upgradeBody.indexOf("createTable('users'"))
    expect(out.downgradeBody).toContain("await op.dropTable('users')")
    expect(out.downgradeBody.indexOf("dropTable('users')")).toBeLessThan(out.downgradeBody.indexOf("dropTable('orgs')"))
    expect(out.imports).toBe("import { check, foreignKey, sql, unique } from 'athanor'")
  })

  it('marks a dropped column as data loss and restores it in the downgrade', async () => {
    const model = new MetaData()
    table('users', { id: t.integer().primaryKey() }, { metadata: model })
    const db = new MetaData()
    table('users', { id: t.integer().primaryKey(), bio: t.text().notNull().serverDefault('') }, { metadata: db })
    const out = await render(model, db)
    expect(out.upgradeBody).toContain(`// data loss: drops column "bio" and its values\nawait op.dropColumn('users', 'bio')`)
    expect(out.downgradeBody).toContain(`await op.addColumn('users', 'bio', t.text().notNull().serverDefault(''))`)
    expect(out.dataLoss).toEqual([{ table: 'users', column: 'bio', what: 'drops column "bio" and its values' }])
  })

  it('writes an alteration with its existing values, and the downgrade swaps them', async () => {
    const model = new MetaData()
    table('users', { id: t.integer().primaryKey(), name: t.string(20).notNull() }, { metadata: model })
    const db = new MetaData()
    table('users', { id: t.integer().primaryKey(), name: t.string(50) }, { metadata: db })
    const out = await render(model, db)
    expect(out.upgradeBody).toContain(`// data loss: narrows the type of "name"`)
    expect(out.upgradeBody).toContain(`await op.alterColumn('users', 'name', {
  nullable: false,
  type: t.string(20),
  existingType: t.string(50),
  existingNullable: true,
})`.replace('nullable: false,\n  type: t.string(20),', 'type: t.string(20),\n  nullable: false,'))
    expect(out.downgradeBody).toContain(`type: t.string(50),\n  nullable: true,\n  existingType: t.string(20),\n  existingNullable: false,`)
  })

  it('writes an added enum value inside an autocommit block and says the downgrade cannot remove it', async () => {
    const model = new MetaData()
    table('posts', { id: t.integer().primaryKey(), mood: t.enum('mood', ['sad', 'ok']) }, { metadata: model })
    const comparison = await compareSchemas(
      { tables: model.tables },
      { tables: model.tables, enums: [{ name: 'mood', schema: null, values: ['sad'] }] },
      { dialect: postgresDialect },
    )
    const out = renderRevision(comparison.changes)
    expect(out.upgradeBody).toContain(`await op.autocommitBlock(async () => {\n  await op.addEnumValue('mood', 'ok', { after: 'sad', ifNotExists: true })\n})`)
    expect(out.downgradeBody).toMatch(/\/\/ cannot undo add_enum_value: .*cannot remove a value/)
  })

  it('writes a unique constraint pair and a review note for a proposed rename', async () => {
    const model = new MetaData()
    table('users', { id: t.integer().primaryKey(), login: t.string(30) }, { metadata: model, constraints: (c) => [unique('uq_login').on(c.login)] })
    const db = new MetaData()
    table('users', { id: t.integer().primaryKey(), username: t.string(30) }, { metadata: db })
    const out = await render(model, db)
    expect(out.upgradeBody).toMatch(/\/\/ review: column "username" disappeared[^\n]*\nawait op.alterColumn\('users', 'username', \{\n  newName: 'login',/)
    expect(out.upgradeBody).toContain(`await op.createUniqueConstraint('uq_login', 'users', ['login'])`)
    expect(out.downgradeBody).toContain(`await op.dropConstraint('uq_login', 'users', { type: 'unique' })`)
  })

  it('writes values that survive quoting: strings, template text and types', () => {
    expect(renderString(`it's a "test"\n`)).toBe(`'it\\'s a "test"\\n'`)
    expect(renderFragment(sql.raw('a `b` ${c} \\d'))).toBe('sql`a \\`b\\` \\${c} \\\\d`')
    expect(renderType({ kind: 'array', of: { kind: 'numeric', precision: 10, scale: 2 } })).toBe('t.array(t.numeric(10, 2))')
    expect(renderType({ kind: 'enum', name: 'mood', values: ['a', "b'c"] })).toBe(`t.enum('mood', ['a', 'b\\'c'])`)
  })
})

describe('formatDiff', () => {
  it('writes a column difference as kind, table.column and detail', () => {
    expect(formatDiff({ kind: 'modify_type', table: 'users', column: 'name', detail: 'VARCHAR(50) -> VARCHAR(100)' })).toBe('modify_type users.name: VARCHAR(50) -> VARCHAR(100)')
  })
  it('writes an index difference with its name and table, schema-qualified', () => {
    expect(formatDiff({ kind: 'add_index', table: 'users', schema: 'app', name: 'ix_users_email' })).toBe('add_index ix_users_email on app.users')
  })
})

describe('renderRevision on SQLite', () => {
  it("writes one table's changes as one batchAlterTable, with notes inside, and the downgrade as the reversed batch", async () => {
    const model = new MetaData()
    table('users', { id: t.integer().primaryKey(), name: t.string(20).notNull(), added: t.integer() }, { metadata: model })
    const db = new MetaData()
    table('users', { id: t.integer().primaryKey(), name: t.string(50), gone: t.text() }, { metadata: db })
    const comparison = await compareSchemas({ tables: model.tables }, { tables: db.tables }, { dialect: sqliteDialect, renames: { reject: ['gone=added'] } })
    const out = renderRevision(comparison.changes)
    expect(out.upgradeBody).toContain(`await op.batchAlterTable('users', (b) => {
  b.addColumn('added', t.integer())
  // data loss: narrows the type of "name": values that do not fit are cut or rejected
  b.alterColumn('name', {`)
    expect(out.upgradeBody).toContain(`  // data loss: drops column "gone" and its values
  b.dropColumn('gone')
})`)
    expect(out.downgradeBody).toContain(`await op.batchAlterTable('users', (b) => {
  b.addColumn('gone', t.text())`)
    expect(out.dataLoss.map((l) => l.column)).toEqual(['name', 'gone'])
  })
})
