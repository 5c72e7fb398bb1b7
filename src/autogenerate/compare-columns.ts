/**
 * Column differences of a table present on both sides: added, removed and
 * renamed columns, and changes of type, nullability, default and comment.
 */
import type { ColumnAlteration, TableName } from '../dialect/ddl-compiler.js'
import { AddColumnOp, AlterColumnOp, DropColumnOp } from '../operations/ops/column-ops.js'
import type { Column, ServerDefault } from '../schema/column.js'
import type { Table } from '../schema/table.js'
import type { CompareContext } from './compare-context.js'
import { comparableDefault, defaultSql } from './default-text.js'
import { checkText } from './model-canonicalizer.js'
import type { SqlFragment } from '../schema/sql.js'
import type { PlannedChange, RenameCandidate, RenameDecision } from './schema-diff.js'

/** The column changes of one table, grouped by when they must run. */
export interface ColumnChanges {
  readonly renames: PlannedChange[]
  readonly adds: PlannedChange[]
  readonly alters: PlannedChange[]
  readonly drops: PlannedChange[]
  readonly candidates: (RenameCandidate & { decision: RenameDecision })[]
}

/** Compares the columns of `model` with those of `db` (the same table). */
export async function compareColumns(model: Table, db: Table, ctx: CompareContext): Promise<ColumnChanges> {
  const name = ctx.nameOf(model)
  const out: ColumnChanges = { renames: [], adds: [], alters: [], drops: [], candidates: [] }
  // A partition's columns are its partitioned table's: they change with the parent's.
  if (model.storage.partitionOf !== undefined || db.storage.partitionOf !== undefined) return out
  const included = (c: Column, reflected: boolean) => ctx.include({ type: 'column', name: c.name, schema: name.schema, reflected })
  const modelColumns = model.columnList.filter((c) => included(c, false))
  const dbColumns = db.columnList.filter((c) => included(c, true))
  const dbByName = new Map(dbColumns.map((c) => [c.name, c]))
  const modelNames = new Set(modelColumns.map((c) => c.name))
  const added = modelColumns.filter((c) => !dbByName.has(c.name))
  const removed = dbColumns.filter((c) => !modelNames.has(c.name))
  const pairs = new Map<Column, Column>()

  for (const [from, to] of renamePairs(removed, added, ctx)) {
    const candidate: RenameCandidate = { kind: 'column', table: name.name, schema: name.schema, from: from.name, to: to.name }
    const decision = await ctx.decideRename(candidate)
    out.candidates.push({ ...candidate, decision })
    if (decision === 'drop-add') continue
    pairs.set(to, from)
    out.renames.push(
      ctx.plan(new AlterColumnOp(name, { column: from.name, newName: to.name, ...existing(from) }), {
        ...(decision === 'review' ? { review: `column "${from.name}" disappeared and "${to.name}" of the same shape appeared: written as a rename; if they are unrelated, replace this with dropColumn + addColumn` } : {}),
      }),
    )
  }

  for (const column of modelColumns) {
    const reflected = dbByName.get(column.name) ?? pairs.get(column)
    if (reflected === undefined) {
      out.adds.push(ctx.plan(new AddColumnOp(name, bareColumn(column))))
      continue
    }
    if (generatedDiffers(column, reflected, ctx)) {
      // A generated column's values come from its expression: re-creating it loses nothing.
      out.alters.push(ctx.plan(new DropColumnOp(name, reflected.name, { existing: reflected })), ctx.plan(new AddColumnOp(name, bareColumn(column))))
      continue
    }
    const alter = compareColumn(name, model, column, reflected, ctx)
    if (alter) out.alters.push(alter)
  }
  const renamedAway = new Set([...pairs.values()])
  for (const column of removed.filter((c) => !renamedAway.has(c))) {
    out.drops.push(ctx.plan(new DropColumnOp(name, column.name, { existing: column })))
  }
  return out
}

/**
 * The column without its own foreign key, unique and index settings: those
 * are compared (and added) as the table's constraints and indexes, so adding
 * the column must not create them a second time.
 */
function bareColumn(column: Column): Column {
  if (!column.references && !column.unique && !column.index) return column
  return Object.freeze({ ...column, references: null, unique: false, index: false })
}

function existing(column: Column): Partial<ColumnAlteration> {
  return {
    existingType: column.type,
    existingNullable: column.nullable,
    existingServerDefault: column.serverDefault,
    existingComment: column.comment,
    existingAutoincrement: column.autoincrement,
    existingCollation: column.collation ?? null,
    existingOnUpdate: column.onUpdate ?? null,
  }
}

/** Removed/added columns that look like one column renamed: same type and nullability, and no other match either way. */
function renamePairs(removed: readonly Column[], added: readonly Column[], ctx: CompareContext): [Column, Column][] {
  const alike = (from: Column, to: Column) => from.nullable === to.nullable && ctx.equivalence.typesEquivalent(to.type, from.type)
  const pairs: [Column, Column][] = []
  for (const from of removed) {
    const matches = added.filter((to) => alike(from, to))
    if (matches.length !== 1) continue
    const to = matches[0]!
    if (removed.filter((other) => alike(other, to)).length === 1) pairs.push([from, to])
  }
  return pairs
}

/** Whether one side is generated and the other not, or both are but stored differently or from another expression (as the database writes it). */
function generatedDiffers(column: Column, reflected: Column, ctx: CompareContext): boolean {
  const want = column.generated ?? null
  const have = reflected.generated ?? null
  if (want === null || have === null) return want !== have
  if (want.stored !== have.stored) return true
  const text = (expression: SqlFragment) => checkText({ expression }, ctx.dialect)
  return (ctx.canonicalGenerated(column) ?? text(want.expression)) !== text(have.expression)
}

/**
 * Whether the model's collation differs from the database's; a model that
 * names its table's own collation states the default, which reflection
 * reports as none.
 */
function collationDiffers(column: Column, reflected: Column, model: Table): boolean {
  const norm = (name: string | null | undefined) => (name ? name.toLowerCase() : null)
  const want = norm(column.collation) === norm(model.storage.collation) ? null : norm(column.collation)
  return want !== norm(reflected.collation)
}

/** An `ON UPDATE` expression as comparable text: the model's as the database rewrote it (canonicalizeModel), else as written. */
function onUpdateText(column: Column, ctx: CompareContext): string | null {
  if (!column.onUpdate) return null
  return ctx.canonicalOnUpdate(column) ?? checkText({ expression: column.onUpdate }, ctx.dialect)
}

function compareColumn(name: TableName, model: Table, column: Column, reflected: Column, ctx: CompareContext): PlannedChange | null {
  const change: {
    type?: Column['type']
    nullable?: boolean
    serverDefault?: ServerDefault | null
    comment?: string | null
    collation?: string | null
    onUpdate?: SqlFragment | null
  } = {}
  const keyColumn = column.primaryKey || reflected.primaryKey

  if (!keyColumn && column.nullable !== reflected.nullable) change.nullable = column.nullable
  if (ctx.types && !ctx.equivalence.typesEquivalent(ctx.canonicalType(column) ?? column.type, reflected.type)) change.type = column.type
  if (ctx.serverDefaults && !(reflected.autoincrement || column.autoincrement)) {
    const valueText = (text: string | null) => (text === null ? null : ctx.equivalence.defaultValueText(text, column.type))
    const reflectedText = valueText(comparableDefault(reflected.serverDefault === null ? null : defaultSql(reflected.serverDefault, ctx.dialect)))
    const canonical = ctx.canonicalDefault(model, column)
    const modelText = valueText(
      comparableDefault(canonical !== undefined ? canonical : column.serverDefault === null ? null : defaultSql(column.serverDefault, ctx.dialect)),
    )
    if (modelText !== reflectedText) change.serverDefault = column.serverDefault
  }
  if (ctx.comments && (column.comment || null) !== (reflected.comment || null)) change.comment = column.comment
  if (ctx.types && collationDiffers(column, reflected, model)) change.collation = column.collation ?? null
  if (ctx.serverDefaults && onUpdateText(column, ctx) !== onUpdateText(reflected, ctx)) change.onUpdate = column.onUpdate ?? null
  if (Object.keys(change).length === 0) return null
  return ctx.plan(new AlterColumnOp(name, { column: column.name, ...change, ...existing(reflected) }))
}
