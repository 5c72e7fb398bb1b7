/**
 * A column rename written as expand/contract, when the user asks for it
 * (`--expand-contract table.old=table.new`): the release running now still
 * reads the old name, so the first revision (expand) adds the new column
 * and copies the old one into it in batches, and a following revision
 * (contract, deployed once every reader uses the new name) copies what was
 * written meanwhile, sets NOT NULL where the old column had it, and drops
 * the old column. Both downgrades run: the contract's re-adds the old column
 * (nullable) and copies the values back; the expand's drops the new column.
 */
import type { ColumnAlteration, TableName } from '../dialect/ddl-compiler.js'
import { UsageError } from '../errors.js'
import { AddColumnOp, AlterColumnOp, DropColumnOp } from '../operations/ops/column-ops.js'
import { BackfillColumnOp } from '../operations/ops/data-ops.js'
import { toColumn, type Column } from '../schema/column.js'
import { pairNamesCandidate } from './compare-context.js'
import type { SafeRevisions } from './safe-forms.js'
import type { PlannedChange } from './schema-diff.js'

/** Rows per batch of the backfill. */
const BATCH_SIZE = 10_000

/**
 * Rewrites the renames `pairs` name as expand (now) and contract (in the
 * following revision); other changes stay in the first revision as they are.
 * `keyOf` gives a table's single integer key, the backfill's batches.
 *
 * @throws UsageError when a pair names no planned rename, or a rename that changes more than the name, or a table without a one-column key
 * @example
 * const { first, followUp } = expandContract(changes, ['account.login=account.email'], () => 'id')
 */
export function expandContract(changes: readonly PlannedChange[], pairs: readonly string[], keyOf: (table: TableName) => string | undefined): SafeRevisions {
  if (pairs.length === 0) return { first: changes, followUp: [] }
  const first: PlannedChange[] = []
  const followUp: PlannedChange[] = []
  const used = new Set<string>()
  for (const change of changes) {
    const { op } = change
    const pair = op instanceof AlterColumnOp && op.alteration.newName !== undefined ? pairs.find((p) => pairNamesCandidate(p, candidateOf(op))) : undefined
    if (pair === undefined || !(op instanceof AlterColumnOp)) {
      first.push(change)
      continue
    }
    used.add(pair)
    const { expand, contract } = split(op, pair, keyOf(op.table))
    first.push(...expand.map((o, i) => ({ ...o, diffs: i === 0 ? change.diffs : [] })))
    followUp.push(...contract)
  }
  const unused = pairs.find((p) => !used.has(p))
  if (unused !== undefined) {
    throw new UsageError(`--expand-contract ${unused} names no column rename the comparison planned`, { hint: 'name a column that vanished and one of its shape that appeared: table.old=table.new' })
  }
  return { first, followUp }
}

function candidateOf(op: AlterColumnOp) {
  return { kind: 'column' as const, table: op.table.name, schema: op.table.schema, from: op.alteration.column, to: op.alteration.newName as string }
}

function split(op: AlterColumnOp, pair: string, key: string | undefined): { expand: PlannedChange[]; contract: PlannedChange[] } {
  const a = op.alteration
  const to = a.newName as string
  const more = (['type', 'using', 'nullable', 'serverDefault', 'comment'] as const).filter((k) => a[k] !== undefined)
  if (more.length > 0) throw new UsageError(`--expand-contract ${pair}: the column's ${more.join(', ')} changes too`, { hint: 'rename it alone in this revision, change the rest in the next' })
  if (a.existingType === undefined) throw new UsageError(`--expand-contract ${pair}: the type of "${a.column}" is not known`)
  if (key === undefined) throw new UsageError(`--expand-contract ${pair}: table "${op.table.name}" has no one-column key to backfill by`, { hint: 'write the rename without --expand-contract' })
  const table = op.table
  const copy = (from: string, into: string) => ({ op: new BackfillColumnOp(table, from, into, { key, batchSize: BATCH_SIZE }), diffs: [], autocommit: true })
  const notNull = a.existingNullable === false
  return {
    expand: [
      {
        op: new AddColumnOp(table, nullableLike(a, to, table)),
        diffs: [],
        review: `expand/contract rename of "${a.column}" to "${to}": until the following (contract) revision, the application must write both columns`,
      },
      copy(a.column, to),
    ],
    contract: [
      // What the old release wrote since the expand, then the old column goes.
      copy(a.column, to),
      ...(notNull ? [{ op: new AlterColumnOp(table, Object.freeze({ column: to, nullable: false, existingNullable: true, existingType: a.existingType })), diffs: [] }] : []),
      // Its downgrade re-adds the column nullable (rows exist) and the backfill's reverse copies the values back.
      { op: new DropColumnOp(table, a.column, { existing: nullableLike(a, a.column, table) }), diffs: [] },
    ],
  }
}

/** A nullable column of the renamed column's type and default. */
function nullableLike(a: ColumnAlteration, name: string, table: TableName): Column {
  const column = toColumn(name, a.existingType!, table.name, table.schema)
  return Object.freeze({ ...column, nullable: true, serverDefault: a.existingServerDefault ?? null, comment: a.existingComment ?? null })
}
