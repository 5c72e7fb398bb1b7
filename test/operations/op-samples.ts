/**
 * One op of every kind, typed by the registry: a kind added to `OpsByKind`
 * without a sample here does not compile, so the tests that walk these
 * samples (rendering, reversing) cover every kind.
 */
import type { OpKind, OpsByKind } from '../../src/operations/ops/op-kinds.js'
import { BatchAlterTableOp } from '../../src/operations/ops/batch-ops.js'
import { AddColumnOp, AlterColumnOp, DropColumnOp } from '../../src/operations/ops/column-ops.js'
import { AddConstraintOp, DropConstraintOp, ValidateConstraintOp } from '../../src/operations/ops/constraint-ops.js'
import { BackfillColumnOp, BulkInsertOp, ExecuteOp } from '../../src/operations/ops/data-ops.js'
import { AddEnumValueOp, CreateEnumOp, DropEnumOp } from '../../src/operations/ops/enum-ops.js'
import { CreateIndexOp, DropIndexOp } from '../../src/operations/ops/index-ops.js'
import { CreateObjectOp, DropObjectOp, ReplaceObjectOp } from '../../src/operations/ops/object-ops.js'
import { policy, trigger, view } from '../../src/schema/objects/object-declarations.js'
import { tableName } from '../../src/operations/ops/migrate-operation.js'
import { AlterTableStorageOp, CreateTableCommentOp, CreateTableOp, DropTableCommentOp, DropTableOp, RenameTableOp } from '../../src/operations/ops/table-ops.js'
import { check, index, unique } from '../../src/schema/constraints.js'
import { sql } from '../../src/schema/sql.js'
import { t } from '../../src/schema/t.js'
import { table } from '../../src/schema/table.js'

const account = tableName('account')
const inApp = tableName('member', 'app')

export const thing = table(
  'thing',
  {
    id: t.integer().primaryKey().autoincrement(),
    accountId: t.integer().name('account_id').notNull().references('account.id', { onDelete: 'cascade' }),
    code: t.string(10).unique(),
    note: t.text().comment("it's"),
  },
  { comment: 'things', indexes: (c) => [index('ix_thing_code').on(c.code)], constraints: () => [check('ck_thing_code', sql`code <> ''`), unique('uq_thing_note').on('note')] },
)

/** A builder for one op of each kind, in registry order. */
export const opSamples: { readonly [K in OpKind]: () => OpsByKind[K] } = {
  create_table: () => new CreateTableOp(thing, { ifNotExists: true }),
  drop_table: () => new DropTableOp(inApp, { ifExists: true }),
  rename_table: () => new RenameTableOp(inApp, 'members'),
  create_table_comment: () => new CreateTableCommentOp(account, 'people', 'old'),
  drop_table_comment: () => new DropTableCommentOp(account, 'people'),
  alter_table_storage: () => new AlterTableStorageOp(inApp, { unlogged: true, parameters: { fillfactor: '70', autovacuum_enabled: null } }, { unlogged: false, parameters: { fillfactor: null, autovacuum_enabled: 'false' } }),
  add_column: () => AddColumnOp.of(account, 'email', t.string(255).unique().index(), { ifNotExists: true }),
  drop_column: () => DropColumnOp.of(inApp, 'legacy', { ifExists: true, existing: t.text() }),
  alter_column: () =>
    AlterColumnOp.of(account, 'name', {
      newName: 'full_name',
      type: t.string(100),
      using: 'name::varchar(100)',
      nullable: false,
      serverDefault: sql`'x'`,
      comment: null,
      existingType: t.string(50),
      existingNullable: true,
      existingServerDefault: null,
      existingComment: 'who',
    }),
  create_index: () => CreateIndexOp.of('ix_account_lower', account, [sql`lower(name)`, 'id'], { unique: true, where: 'id > 0', ifNotExists: true, concurrently: true }),
  drop_index: () => new DropIndexOp('ix_account_lower', inApp, { ifExists: true }),
  create_primary_key: () => AddConstraintOp.of(account, { kind: 'primaryKey' as const, name: 'pk_account', columns: ['id'] }),
  create_unique_constraint: () => AddConstraintOp.of(inApp, { kind: 'unique' as const, name: null, columns: ['a', 'b'] }),
  create_check_constraint: () => AddConstraintOp.of(account, { kind: 'check' as const, name: 'ck_account_id', expression: sql`id > ${0}` }, { notValid: true }),
  create_exclude_constraint: () => AddConstraintOp.of(account, { kind: 'exclude' as const, name: 'ex_account_span', definition: sql`USING gist (span WITH &&)` }),
  create_foreign_key: () => AddConstraintOp.foreignKey('fk_member_org', 'member', 'org', ['org_id'], ['id'], { sourceSchema: 'app', referentSchema: 'app', onDelete: 'set null', deferrable: true }),
  drop_constraint: () => new DropConstraintOp('fk_member_org', inApp, { type: 'foreignKey', ifExists: true }),
  validate_constraint: () => new ValidateConstraintOp('fk_member_org', inApp),
  create_enum: () => new CreateEnumOp('mood', ['ok', "it's"], 'app', { ifNotExists: true }),
  drop_enum: () => new DropEnumOp('mood', null, { ifExists: true, existingValues: ['ok'] }),
  add_enum_value: () => new AddEnumValueOp('mood', 'meh', null, { after: 'ok', ifNotExists: true }),
  create_object: () => new CreateObjectOp(trigger('touch', { table: 'account', event: 'BEFORE UPDATE', body: sql`FOR EACH ROW EXECUTE FUNCTION touch()`, schema: 'app' })),
  replace_object: () => new ReplaceObjectOp(view('active', sql`SELECT id FROM account WHERE name <> 'x'`), view('active', 'SELECT id FROM account')),
  drop_object: () => new DropObjectOp(policy('own', { table: 'account', for: 'select', to: ['app_user'], using: sql`owner = current_user` })),
  bulk_insert: () => new BulkInsertOp(table('account', { id: t.integer(), name: t.string(50), seenAt: t.datetime().name('seen_at') }), [
    { id: 1, name: "o'hara", seenAt: new Date('2024-01-02T03:04:05.000Z') },
    { id: 2, name: null },
  ]),
  execute: () => new ExecuteOp('UPDATE account SET name = ? WHERE id = ?', ['x', 1]),
  backfill_column: () => new BackfillColumnOp(inApp, 'name', 'full_name', { key: 'id', batchSize: 500 }),
  batch_alter_table: () =>
    new BatchAlterTableOp(account, [
      AddColumnOp.of(account, 'owner_id', t.integer().references('account.id')),
      DropColumnOp.of(account, 'legacy', { ifExists: true }),
      AlterColumnOp.of(account, 'name', { nullable: false, existingNullable: true, existingType: t.string(50) }),
      CreateIndexOp.of('ix_account_name', account, ['name']),
      new DropIndexOp('ix_old', account, { ifExists: true }),
      AddConstraintOp.of(account, { kind: 'unique' as const, name: 'uq_account_name', columns: ['name'] }),
      AddConstraintOp.of(account, { kind: 'check' as const, name: 'ck_account_name', expression: sql`name <> ''` }),
      AddConstraintOp.of(account, { kind: 'exclude' as const, name: 'ex_account_span', definition: sql`USING gist (span WITH &&)` }),
      AddConstraintOp.of(account, { kind: 'primaryKey' as const, name: null, columns: ['id'] }),
      AddConstraintOp.foreignKey('fk_account_org', 'account', 'org', ['org_id'], ['id'], { referentSchema: 'app', onUpdate: 'cascade' }),
      new DropConstraintOp('uq_old', account, { type: 'unique' }),
      new CreateTableCommentOp(account, 'people'),
      new DropTableCommentOp(account, 'people'),
    ]),
}

/** Every kind, from the samples (whose type lists every kind). */
export const ALL_OP_KINDS = Object.keys(opSamples) as OpKind[]
