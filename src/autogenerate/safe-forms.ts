/**
 * Autogenerate's `safe` mode: the planned changes rewritten in the forms a
 * busy database tolerates, as two revisions when a step must wait for the
 * one before it to commit. Only changes to tables that already exist are
 * rewritten (a table created in the same revision is empty), and only in the
 * forms the database has (`dialect.safeForms`):
 *
 * - an index is built `CONCURRENTLY` inside `op.autocommitBlock` (its
 *   downgrade drops it concurrently, in a block too);
 * - a foreign key or check is added `NOT VALID`; the following revision
 *   validates it (a scan that blocks no writes);
 * - `SET NOT NULL` becomes a check `col IS NOT NULL` added `NOT VALID`; the
 *   following revision validates it, sets NOT NULL (no scan: the check
 *   proves it) and drops the check.
 *
 * Everything is ops in, ops out: the renderer writes both revisions and
 * their downgrades as it writes any other.
 */
import type { SafeForms } from '../dialect/dialect.js'
import { AlterColumnOp } from '../operations/ops/column-ops.js'
import { AddConstraintOp, DropConstraintOp, ValidateConstraintOp } from '../operations/ops/constraint-ops.js'
import { CreateIndexOp } from '../operations/ops/index-ops.js'
import type { AnyOp, OpsByKind } from '../operations/ops/op-kinds.js'
import type { TableName } from '../dialect/ddl-compiler.js'
import { CreateTableOp } from '../operations/ops/table-ops.js'
import type { CheckConstraint } from '../schema/constraints.js'
import { sql } from '../schema/sql.js'
import type { PlannedChange } from './schema-diff.js'

/** The changes of the revision to write now, and of the one to write after it (empty when none is needed). */
export interface SafeRevisions {
  readonly first: readonly PlannedChange[]
  readonly followUp: readonly PlannedChange[]
}

/**
 * Rewrites planned changes in their safe forms for a database that has them.
 *
 * @example
 * const { first, followUp } = safeRevisions(comparison.changes, postgresDialect.safeForms)
 * // first: createIndex(…, { concurrently: true }) in an autocommit block, createForeignKey(…, { notValid: true })
 * // followUp: validateConstraint(…)
 */
export function safeRevisions(changes: readonly PlannedChange[], forms: SafeForms | undefined): SafeRevisions {
  if (forms === undefined) return { first: changes, followUp: [] }
  const created = new Set(changes.flatMap(({ op }) => (op instanceof CreateTableOp ? [key(op.table)] : [])))
  const existing = (table: TableName) => !created.has(key(table))
  const first: PlannedChange[] = []
  const followUp: PlannedChange[] = []
  for (const change of changes) {
    const { op } = change
    if (forms.concurrentIndexes && op instanceof CreateIndexOp && existing(op.table) && op.options.concurrently !== true) {
      first.push({ ...change, op: new CreateIndexOp(op.index, { ...op.options, concurrently: true }), autocommit: true })
    } else if (forms.notValidConstraints && isValidatable(op) && existing(op.table) && op.options.notValid !== true && op.constraint.name !== null) {
      first.push({ ...change, op: AddConstraintOp.of(op.table, op.constraint, { ...op.options, notValid: true }) })
      followUp.push({ op: new ValidateConstraintOp(op.constraint.name, op.table), diffs: [] })
    } else if (forms.notValidConstraints && isValidatable(op) && existing(op.table) && op.options.notValid !== true) {
      // An unnamed constraint cannot be named by the revision that validates it.
      first.push({ ...change, review: `${op.kind === 'create_check_constraint' ? 'check' : 'foreign key'} on "${op.table.name}" has no name: name it in the models to have it added NOT VALID and validated in a following revision` })
    } else if (forms.notValidConstraints && op instanceof AlterColumnOp && existing(op.table) && setsNotNull(op)) {
      first.push(...notNullFirst(change, op))
      followUp.push(...notNullFollowUp(op))
    } else {
      first.push(change)
    }
  }
  return { first, followUp }
}

type Validatable = OpsByKind['create_foreign_key'] | OpsByKind['create_check_constraint']

function isValidatable(op: AnyOp): op is Validatable {
  return op.kind === 'create_foreign_key' || op.kind === 'create_check_constraint'
}

function setsNotNull(op: AlterColumnOp): boolean {
  return op.alteration.nullable === false && op.alteration.existingNullable !== false
}

/** The check that proves a column holds no NULL: `ck_<table>_<column>_not_null`. */
function notNullCheck(op: AlterColumnOp): CheckConstraint {
  const column = op.alteration.newName ?? op.alteration.column
  return { kind: 'check', name: `ck_${op.table.name}_${column}_not_null`, expression: sql`${sql.identifier(column)} IS NOT NULL` }
}

/** The alteration without its NOT NULL (when anything else is left of it), then the check, NOT VALID. */
function notNullFirst(change: PlannedChange, op: AlterColumnOp): PlannedChange[] {
  const { nullable: _nullable, ...rest } = op.alteration
  const changesLeft = ['newName', 'type', 'using', 'serverDefault', 'comment'].some((k) => (rest as Record<string, unknown>)[k] !== undefined)
  const check = AddConstraintOp.of(op.table, notNullCheck(op), { notValid: true })
  return [...(changesLeft ? [{ ...change, op: new AlterColumnOp(op.table, Object.freeze(rest)) }] : []), { op: check, diffs: changesLeft ? [] : change.diffs }]
}

/** Validate the check, set NOT NULL, drop the check (its downgrade adds it back, so the first revision's downgrade can drop it). */
function notNullFollowUp(op: AlterColumnOp): PlannedChange[] {
  const check = notNullCheck(op)
  const a = op.alteration
  const column = a.newName ?? a.column
  const type = a.type ?? a.existingType
  return [
    { op: new ValidateConstraintOp(check.name as string, op.table), diffs: [] },
    {
      op: new AlterColumnOp(op.table, Object.freeze({ column, nullable: false, existingNullable: true, ...(type === undefined ? {} : { existingType: type }) })),
      diffs: [],
    },
    { op: new DropConstraintOp(check.name as string, op.table, { type: 'check', existing: check }), diffs: [] },
  ]
}

function key(table: { readonly name: string; readonly schema: string | null }): string {
  return `${table.schema ?? ''}.${table.name}`
}
