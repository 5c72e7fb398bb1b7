/**
 * Differences come from the ops a comparison plans (Alembic's
 * `to_diff_tuple`), so what `check` reports and what the revision does
 * are one fact.
 */
import { describe, expect, it } from 'vitest'
import { compareSchemas } from '../../src/autogenerate/compare-schemas.js'
import { diffsOf, type DiffContext } from '../../src/autogenerate/op-diffs.js'
import { renderRevision } from '../../src/autogenerate/render-revision.js'
import { postgresDialect } from '../../src/dialect/postgres/postgres-dialect.js'
import { AlterColumnOp } from '../../src/operations/ops/column-ops.js'
import { AddConstraintOp, DropConstraintOp } from '../../src/operations/ops/constraint-ops.js'
import { AddEnumValueOp } from '../../src/operations/ops/enum-ops.js'
import { tableName } from '../../src/operations/ops/migrate-operation.js'
import { MetaData, t, table } from '../../src/schema/index.js'
import { ALL_OP_KINDS, opSamples } from '../operations/op-samples.js'

const ctx: DiffContext = { dialect: postgresDialect, schemaOf: (schema) => (schema === 'public' ? null : schema) }
const users = tableName('users')

describe('diffsOf', () => {
  it('reads every change of one alter_column, in a stable order', () => {
    const op = AlterColumnOp.of(users, 'name', { newName: 'full_name', nullable: false, type: t.string(100), serverDefault: 'x', comment: 'who', existingNullable: true, existingType: t.string(50), existingServerDefault: null, existingComment: null })
    expect(diffsOf(op, ctx)).toEqual([
      { kind: 'rename_column', table: 'users', column: 'full_name', detail: 'name -> full_name' },
      { kind: 'modify_nullable', table: 'users', column: 'full_name', detail: 'NULL -> NOT NULL' },
      { kind: 'modify_type', table: 'users', column: 'full_name', detail: 'VARCHAR(50) -> VARCHAR(100)' },
      { kind: 'modify_default', table: 'users', column: 'full_name', detail: "none -> 'x'" },
      { kind: 'modify_comment', table: 'users', column: 'full_name', detail: 'null -> "who"' },
    ])
  })

  it('tells foreign keys from other constraints, with what they connect and their actions', () => {
    const fk = AddConstraintOp.foreignKey('fk_a', 'users', 'orgs', ['org_id'], ['id'], { onDelete: 'cascade', sourceSchema: 'public' })
    expect(diffsOf(fk, ctx)).toEqual([{ kind: 'add_fk', table: 'users', name: 'fk_a', detail: '(org_id) -> orgs(id) ON DELETE CASCADE' }])
    expect(diffsOf(fk.reverse() as DropConstraintOp, ctx)).toEqual([{ kind: 'remove_fk', table: 'users', name: 'fk_a', detail: '(org_id) -> orgs(id) ON DELETE CASCADE' }])
    expect(diffsOf(new DropConstraintOp('uq_b', users, { type: 'unique' }), ctx)).toEqual([{ kind: 'remove_constraint', table: 'users', name: 'uq_b' }])
  })

  it('places an enum value where the comparison found it', () => {
    expect(diffsOf(new AddEnumValueOp('mood', 'ok', 'app'), ctx, { table: 'posts', column: 'mood' })).toEqual([
      { kind: 'add_enum_value', table: 'posts', schema: 'app', column: 'mood', name: 'mood', detail: 'ok' },
    ])
  })

  it('gives a batch its changes\u2019 differences, and data ops none', () => {
    const batch = opSamples.batch_alter_table()
    expect(diffsOf(batch, ctx)).toEqual(batch.ops.flatMap((op) => diffsOf(op, ctx)))
    expect(diffsOf(opSamples.execute(), ctx)).toEqual([])
    expect(diffsOf(opSamples.bulk_insert(), ctx)).toEqual([])
    for (const kind of ALL_OP_KINDS) expect(Array.isArray(diffsOf(opSamples[kind](), ctx))).toBe(true)
  })
})

describe('a comparison', () => {
  it("reports an added unique constraint under the name its revision creates and its downgrade drops", async () => {
    const model = new MetaData()
    table('users', { id: t.integer().primaryKey(), login: t.string(30).unique() }, { metadata: model })
    const db = new MetaData()
    table('users', { id: t.integer().primaryKey(), login: t.string(30) }, { metadata: db })
    const comparison = await compareSchemas({ tables: model.tables }, { tables: db.tables }, { dialect: postgresDialect })
    expect(comparison.diffs).toEqual([{ kind: 'add_constraint', table: 'users', name: 'uq_users_login', detail: 'UNIQUE (login)' }])
    const out = renderRevision(comparison.changes)
    expect(out.upgradeBody).toContain("await op.createUniqueConstraint('uq_users_login', 'users', ['login'])")
    expect(out.downgradeBody).toContain("await op.dropConstraint('uq_users_login', 'users', { type: 'unique' })")
  })
})
