/**
 * The op registry: every kind is an op whose `kind` is its key, ops are
 * frozen data, reverse() keeps the existence switches, and an op with no
 * inverse says so with a typed value. Type-level: a per-kind table that
 * leaves a kind out does not compile.
 */
import { describe, expect, it } from 'vitest'
import { postgresDialect } from '../../src/dialect/postgres/postgres-dialect.js'
import { sqliteDialect } from '../../src/dialect/sqlite/sqlite-dialect.js'
import { BatchAlterTableOp } from '../../src/operations/ops/batch-ops.js'
import { AddColumnOp, DropColumnOp } from '../../src/operations/ops/column-ops.js'
import { ExecuteOp } from '../../src/operations/ops/data-ops.js'
import { AddEnumValueOp } from '../../src/operations/ops/enum-ops.js'
import { Irreversible, IrreversibleError } from '../../src/operations/ops/irreversible.js'
import { tableName } from '../../src/operations/ops/migrate-operation.js'
import type { KindTable, OpKind, TableChangeOpKind } from '../../src/operations/ops/op-kinds.js'
import { t } from '../../src/schema/t.js'
import { operationsOn, recordingExecutor } from './executors.js'
import { ALL_OP_KINDS, opSamples } from './op-samples.js'

// @ts-expect-error a per-kind table without drop_index does not compile
const withoutDropIndex: KindTable<OpKind, [], string> = Object.fromEntries(ALL_OP_KINDS.filter((k) => k !== 'drop_index').map((k) => [k, () => k])) as Omit<KindTable<OpKind, [], string>, 'drop_index'>
// @ts-expect-error a batch table without drop_table_comment does not compile
const batchWithoutComment: KindTable<TableChangeOpKind, [], string> = {} as Omit<KindTable<TableChangeOpKind, [], string>, 'drop_table_comment'>

describe('the op registry', () => {
  it('gives every kind an op whose kind is its key', () => {
    for (const kind of ALL_OP_KINDS) expect(opSamples[kind]().kind).toBe(kind)
    expect(withoutDropIndex).not.toHaveProperty('drop_index')
    expect(batchWithoutComment).toEqual({})
  })

  it('builds frozen ops', () => {
    for (const kind of ALL_OP_KINDS) {
      const op = opSamples[kind]()
      expect(Object.isFrozen(op), kind).toBe(true)
      expect(() => Object.assign(op, { kind: 'other' })).toThrow()
    }
  })
})

describe('a batch', () => {
  it('has a form for every table change, table comments included', async () => {
    const executor = recordingExecutor(postgresDialect)
    const op = operationsOn(executor)
    await op.batchAlterTable('account', (b) => {
      b.createTableComment("people's")
      b.dropColumn('legacy', { ifExists: true })
    })
    const [comment, drop] = executor.statements.map((s) => s.sql)
    expect(comment).toBe(`COMMENT ON TABLE "account" IS 'people''s'`)
    expect(drop).toContain('ALTER TABLE "account" DROP COLUMN IF EXISTS "legacy"')
  })
})

describe('reverse()', () => {
  const flags = (op: unknown) => (op as { options: Record<string, unknown> }).options

  it.each([
    ['add_column', { ifExists: true }],
    ['drop_column', { ifNotExists: true }],
    ['create_table', { ifExists: true }],
    ['drop_enum', { ifNotExists: true }],
    ['create_enum', { ifExists: true }],
    ['create_index', { ifExists: true, concurrently: true }],
  ] as const)('of %s keeps the existence switch, mirrored', (kind, expected) => {
    const undo = opSamples[kind]().reverse()
    expect(undo).not.toBeInstanceOf(Irreversible)
    expect(flags(undo)).toMatchObject(expected)
  })

  it('of a drop that knows its definition turns ifExists back into ifNotExists, and a double reverse restores the switches', () => {
    const drop = new DropColumnOp(tableName('t'), 'c', { ifExists: true, existing: AddColumnOp.of(tableName('t'), 'c', t.text()).column })
    expect(flags(drop.reverse())).toEqual({ ifNotExists: true })
    const back = opSamples.create_index().reverse().reverse()
    expect(flags(back)).toMatchObject({ ifNotExists: true, concurrently: true })
  })

  it('of an op with no inverse is an Irreversible naming the op and the reason, not a thrown error', () => {
    const undo = opSamples.execute().reverse()
    expect(undo).toBeInstanceOf(Irreversible)
    expect(undo).toMatchObject({ operation: 'execute', reason: 'raw SQL has no known inverse' })
    expect(new AddEnumValueOp('mood', 'meh').reverse().reason).toMatch(/cannot remove a value/)
    expect(new DropColumnOp(tableName('t'), 'c').reverse()).toMatchObject({ operation: 'drop_column', reason: 'the definition of column "c" is not known' })
  })

  it('of a batch with one irreversible change is an Irreversible that names that change', () => {
    const batch = new BatchAlterTableOp(tableName('t'), [AddColumnOp.of(tableName('t'), 'a', t.text()), new DropColumnOp(tableName('t'), 'b')])
    expect(batch.reverse()).toMatchObject({ operation: 'batch_alter_table', reason: 'its drop_column cannot be undone: the definition of column "b" is not known' })
  })

  it('run through op.run fails with IrreversibleError, the usage error it used to throw', async () => {
    const op = operationsOn(recordingExecutor(sqliteDialect))
    const failure = op.run(new ExecuteOp('DELETE FROM t').reverse())
    await expect(failure).rejects.toBeInstanceOf(IrreversibleError)
    await expect(failure).rejects.toMatchObject({ code: 'E_USAGE', operation: 'execute', message: 'execute cannot be reversed: raw SQL has no known inverse' })
  })
})
