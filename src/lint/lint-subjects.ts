/**
 * Turns the ops a revision recorded into what lint rules read: the
 * dialect's subjects (a table change with its context) and the findings
 * every database shares (expand/contract, DDL mixed with data). One entry per
 * op kind: a kind added to the registry without saying what lint sees of it
 * does not compile.
 */
import type { TableChange, TableName } from '../dialect/ddl-compiler.js'
import { sizeKey, type LintSubject, type RuleFinding } from '../dialect/lint-rules.js'
import { byKind, type AnyOp, type KindTable, type OpKind, type TableChangeOp } from '../operations/ops/op-kinds.js'
import { sqlText } from '../schema/sql.js'
import { describeObject } from '../schema/objects/schema-object.js'
import type { RecordedOp } from './op-recorder.js'

/** The rules lint applies on every database, with a one-line summary each. */
export const SHARED_RULES = {
  'drop-column': 'dropping a column the release now running may still read (expand/contract)',
  'drop-table': 'dropping a table the release now running may still read (expand/contract)',
  'rename-column': 'renaming a column under the release now running (expand/contract)',
  'rename-table': 'renaming a table under the release now running (expand/contract)',
  'mixed-ddl-data': 'a revision that changes data in the transaction holding DDL locks on an existing table',
} as const

/** What a walk over one lint run's ops keeps between ops and revisions. */
export interface WalkState {
  /** Tables created in the revision being read: their ops are not linted. */
  createdHere: Set<string>
  /** Check constraints seen, by name: their table, the column they keep non-null (if that is all they say), and the transaction they were added in. */
  readonly checks: Map<string, { table: string; notNullColumn: string | null; notValidIn: number | null }>
  /** Foreign keys added NOT VALID, by name, with their transaction. */
  readonly notValidKeys: Map<string, number>
  /** `table.column` pairs with a validated CHECK (column IS NOT NULL). */
  readonly notNullChecked: Set<string>
  readonly transactionalDdl: boolean
}

/** A new walk. */
export function newWalk(transactionalDdl: boolean): WalkState {
  return { createdHere: new Set(), checks: new Map(), notValidKeys: new Map(), notNullChecked: new Set(), transactionalDdl }
}

/** What lint read from one recorded op. */
export interface ReadOp {
  readonly subjects: LintSubject[]
  readonly shared: RuleFinding[]
  /** A short description: `create_index ix_a on account`. */
  readonly description: string
  /** The existing table it changes the schema of, when it is DDL lint counts for `mixed-ddl-data`. */
  readonly ddlOn: TableName | null
  /** True for an op that writes rows (bulk insert, UPDATE/DELETE/INSERT through execute). */
  readonly writesData: boolean
}

interface ReadContext {
  readonly entry: RecordedOp
  readonly walk: WalkState
}

const on = (table: TableName) => sizeKey(table)
const isNew = (walk: WalkState, table: TableName) => walk.createdHere.has(on(table))
const inTransaction = (ctx: ReadContext) => ctx.walk.transactionalDdl && !ctx.entry.autocommit
const DML = /^\s*(?:with\b[\s\S]*?\b)?(update|delete|insert|merge)\b/i

function expandContract(rule: keyof typeof SHARED_RULES, table: TableName, what: string): RuleFinding {
  const verb = rule.startsWith('drop') ? 'drop' : 'rename'
  return {
    rule,
    level: 'warning',
    table,
    why: `${what}: instances of the release now running still read it while this revision runs, and fail until they are replaced`,
    safe:
      verb === 'drop'
        ? 'expand/contract: stop using it in one release (remove it from the models), drop it in a revision of a later release; once that release is out, allow the rule on the op with the reason'
        : 'expand/contract: add the new name (column or view), write both, backfill, switch reads, then drop the old name in a later release',
  }
}

function readChange(op: TableChangeOp, ctx: ReadContext, inBatch: boolean, extra: { concurrently?: boolean; notValid?: boolean } = {}): ReadOp {
  const table = op.table
  const description = describe(op)
  if (isNew(ctx.walk, table)) return { subjects: [], shared: [], description, ddlOn: null, writesData: false }
  const change = op.toChange() as TableChange
  const shared: RuleFinding[] = []
  if (change.kind === 'dropColumn') shared.push(expandContract('drop-column', table, `dropping column "${change.column}" of "${on(table)}"`))
  if (change.kind === 'alterColumn' && change.alteration.newName !== undefined && change.alteration.newName !== change.alteration.column) {
    shared.push(expandContract('rename-column', table, `renaming column "${change.alteration.column}" of "${on(table)}" to "${change.alteration.newName}"`))
  }
  const column = change.kind === 'alterColumn' ? change.alteration.column : null
  const subject: LintSubject = {
    kind: 'tableChange',
    table,
    change,
    concurrently: extra.concurrently ?? false,
    notValid: extra.notValid ?? false,
    inTransaction: inTransaction(ctx),
    notNullChecked: column !== null && ctx.walk.notNullChecked.has(`${on(table)}.${column}`),
    inBatch,
  }
  return { subjects: [subject], shared, description, ddlOn: table, writesData: false }
}

/** The column a check keeps non-null when its whole condition is `column IS NOT NULL`. */
function notNullColumn(expression: string): string | null {
  const match = /^\s*\(?\s*["`]?([\w$]+)["`]?\s+is\s+not\s+null\s*\)?\s*$/i.exec(expression)
  return match?.[1] ?? null
}

function readAddConstraint(op: OpsWithConstraint, ctx: ReadContext): ReadOp {
  const { walk, entry } = ctx
  const notValid = op.options.notValid === true
  const c = op.constraint
  if (c.name !== null && c.kind === 'check') {
    const column = notNullColumn(sqlText(c.expression))
    walk.checks.set(c.name, { table: on(op.table), notNullColumn: column, notValidIn: notValid ? entry.transaction : null })
    if (!notValid && column !== null) walk.notNullChecked.add(`${on(op.table)}.${column}`)
  }
  if (c.name !== null && c.kind === 'foreignKey' && notValid) walk.notValidKeys.set(c.name, entry.transaction)
  return readChange(op, ctx, false, { notValid })
}

type OpsWithConstraint = Extract<AnyOp, { kind: 'create_primary_key' | 'create_unique_constraint' | 'create_check_constraint' | 'create_foreign_key' | 'create_exclude_constraint' }>

const nothing = (description: string): ReadOp => ({ subjects: [], shared: [], description, ddlOn: null, writesData: false })

const READERS: KindTable<OpKind, [ReadContext], ReadOp> = {
  create_table: (op, { walk }) => {
    walk.createdHere.add(on(op.table))
    return nothing(describe(op))
  },
  drop_table: (op, ctx) => {
    if (isNew(ctx.walk, op.table)) return nothing(describe(op))
    return { subjects: [], shared: [expandContract('drop-table', op.table, `dropping table "${on(op.table)}"`)], description: describe(op), ddlOn: op.table, writesData: false }
  },
  rename_table: (op, ctx) => {
    if (isNew(ctx.walk, op.table)) return nothing(describe(op))
    return { subjects: [], shared: [expandContract('rename-table', op.table, `renaming table "${on(op.table)}" to "${op.newName}"`)], description: describe(op), ddlOn: op.table, writesData: false }
  },
  create_table_comment: (op, ctx) => readChange(op, ctx, false),
  drop_table_comment: (op, ctx) => readChange(op, ctx, false),
  alter_table_storage: (op) => ({ subjects: [], shared: [], description: describe(op), ddlOn: op.table, writesData: false }),
  add_column: (op, ctx) => readChange(op, ctx, false),
  drop_column: (op, ctx) => readChange(op, ctx, false),
  alter_column: (op, ctx) => readChange(op, ctx, false),
  create_index: (op, ctx) => readChange(op, ctx, false, { concurrently: op.options.concurrently === true }),
  drop_index: (op, ctx) => readChange(op, ctx, false, { concurrently: op.options.concurrently === true }),
  create_primary_key: readAddConstraint,
  create_unique_constraint: readAddConstraint,
  create_check_constraint: readAddConstraint,
  create_exclude_constraint: readAddConstraint,
  create_foreign_key: readAddConstraint,
  drop_constraint: (op, ctx) => readChange(op, ctx, false),
  validate_constraint: (op, { walk, entry }) => {
    const check = walk.checks.get(op.name)
    if (check?.notNullColumn) walk.notNullChecked.add(`${check.table}.${check.notNullColumn}`)
    const addedIn = check?.notValidIn ?? walk.notValidKeys.get(op.name) ?? null
    const subject: LintSubject = {
      kind: 'validateConstraint',
      table: op.table,
      name: op.name,
      addedInSameTransaction: addedIn !== null && !entry.autocommit && walk.transactionalDdl && addedIn === entry.transaction,
    }
    return { subjects: isNew(walk, op.table) ? [] : [subject], shared: [], description: describe(op), ddlOn: null, writesData: false }
  },
  create_enum: (op) => nothing(`create_enum ${op.name}`),
  drop_enum: (op) => nothing(`drop_enum ${op.name}`),
  add_enum_value: (op, ctx) => ({
    subjects: [{ kind: 'addEnumValue', name: op.name, value: op.value, inTransaction: inTransaction(ctx) }],
    shared: [],
    description: `add_enum_value ${op.value} to ${op.name}`,
    ddlOn: null,
    writesData: false,
  }),
  create_object: (op) => nothing(`create_object ${describeObject(op.object)}`),
  replace_object: (op) => nothing(`replace_object ${describeObject(op.object)}`),
  drop_object: (op) => nothing(`drop_object ${describeObject(op.object)}`),
  bulk_insert: (op) => ({ subjects: [], shared: [], description: `bulk_insert into ${on(op.table)} (${op.rows.length} rows)`, ddlOn: null, writesData: true }),
  execute: (op) => {
    const text = typeof op.sql === 'string' ? op.sql : sqlText(op.sql)
    return { subjects: [{ kind: 'rawSql', sql: text }], shared: [], description: `execute ${excerpt(text)}`, ddlOn: null, writesData: DML.test(text) }
  },
  backfill_column: (op) => ({ subjects: [], shared: [], description: `backfill_column ${op.from} -> ${op.to} on ${on(op.table)}`, ddlOn: null, writesData: true }),
  batch_alter_table: (op, ctx) => {
    if (isNew(ctx.walk, op.table)) return nothing(describe(op))
    const inner = op.ops.map((o) => readChange(o, ctx, true, 'options' in o && typeof o.options === 'object' ? (o.options as { concurrently?: boolean; notValid?: boolean }) : {}))
    const batch: LintSubject = { kind: 'batch', table: op.table, changes: op.ops.map((o) => o.toChange() as TableChange), recreateAlways: op.options.recreate === 'always' }
    return { subjects: [batch, ...inner.flatMap((r) => r.subjects)], shared: inner.flatMap((r) => r.shared), description: describe(op), ddlOn: op.table, writesData: false }
  },
}

/**
 * What lint reads from one recorded op; null for a value that is not a registered op (an `Irreversible` a script ran).
 *
 * @example
 * readOp(recorded, newWalk(true))?.subjects // [{ kind: 'tableChange', change: { kind: 'createIndex', … }, … }]
 */
export function readOp(entry: RecordedOp, walk: WalkState): ReadOp | null {
  if (!(entry.op.kind in READERS)) return null
  return byKind(READERS, entry.op, { entry, walk })
}

function excerpt(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim()
  return flat.length <= 60 ? flat : `${flat.slice(0, 59)}…`
}

/** `create_index ix_a on account`, `add_column note on account`: the op's kind, its object, its table. */
function describe(op: AnyOp): string {
  const o = op as unknown as { table?: TableName; name?: unknown; index?: { name: string }; column?: unknown; constraint?: { name: string | null }; alteration?: { column: string } }
  const object =
    o.index?.name ??
    (o.constraint ? o.constraint.name ?? '(unnamed)' : undefined) ??
    o.alteration?.column ??
    (typeof o.column === 'string' ? o.column : (o.column as { name?: string } | undefined)?.name) ??
    (typeof o.name === 'string' ? o.name : undefined)
  const table = o.table ? on(o.table) : undefined
  if (table === undefined) return object === undefined ? op.kind : `${op.kind} ${object}`
  return object === undefined || object === o.table?.name ? `${op.kind} ${table}` : `${op.kind} ${object} on ${table}`
}
