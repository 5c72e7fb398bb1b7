/**
 * Index and constraint differences of a table present on both sides.
 *
 * Unique constraints and unique indexes are one family: some databases store
 * one as the other (MySQL keeps a unique constraint as a unique index, SQLite
 * as an automatic index), so a model's unique constraint matched by a
 * reflected unique index of the same columns — or the reverse — is no
 * difference. Foreign keys match by what they connect (columns and referred
 * columns), as in Alembic, and differ when their actions differ. Checks
 * compare by their text as the database writes it; primary keys by their
 * columns in key order.
 */
import type { TableName } from '../dialect/ddl-compiler.js'
import { AddConstraintOp, DropConstraintOp } from '../operations/ops/constraint-ops.js'
import { CreateIndexOp, DropIndexOp } from '../operations/ops/index-ops.js'
import { indexAccessSignature, type CheckConstraint, type ExclusionConstraint, type ForeignKeyConstraint, type Index, type PrimaryKeyConstraint, type UniqueConstraint } from '../schema/constraints.js'
import { constraintName, EXISTING_TABLE_NAMING } from '../schema/naming-convention.js'
import type { Table } from '../schema/table.js'
import type { CompareContext } from './compare-context.js'
import { canonicalIndexOf, constraintText } from './model-canonicalizer.js'
import type { PlannedChange } from './schema-diff.js'

/** The constraint changes of one table, grouped by when they must run. */
export interface ConstraintChanges {
  /** Foreign keys to drop: before anything else, so columns and tables they hold can go. */
  readonly dropFks: PlannedChange[]
  readonly drops: PlannedChange[]
  readonly adds: PlannedChange[]
  /** Foreign keys to add: last, once every table they refer to exists. */
  readonly addFks: PlannedChange[]
}

type UniqueThing = { readonly kind: 'constraint'; readonly item: UniqueConstraint } | { readonly kind: 'index'; readonly item: Index }

/**
 * Compares indexes, unique constraints, foreign keys and named checks of
 * `model` with `db`. `renamedColumns` maps a reflected column name to its new
 * name, so a renamed column's index is not reported as changed.
 */
export function compareConstraints(model: Table, db: Table, ctx: CompareContext, renamedColumns: ReadonlyMap<string, string> = new Map()): ConstraintChanges {
  const name = ctx.nameOf(model)
  const out: ConstraintChanges = { dropFks: [], drops: [], adds: [], addFks: [] }
  const incl = (type: string, n: string | null, reflected: boolean) => ctx.include({ type, name: n, schema: name.schema, reflected })
  const cols = (columns: readonly string[]) => columns.map((c) => renamedColumns.get(c) ?? c)

  comparePrimaryKeys(name, model, db, ctx, out, cols)
  compareUniquesAndIndexes(name, model, db, ctx, out, incl, cols)
  compareForeignKeys(name, model, db, ctx, out, incl, cols)
  compareChecks(name, model, db, ctx, out, incl, 'check')
  compareChecks(name, model, db, ctx, out, incl, 'exclude')
  return out
}

/**
 * The primary key compares by its columns in key order (a key over
 * `(user_id, group_id)` is not one over `(group_id, user_id)`); its name is
 * the database's business unless it differs from what the database would
 * choose. A key that differs is dropped and added again.
 */
function comparePrimaryKeys(name: TableName, model: Table, db: Table, ctx: CompareContext, out: ConstraintChanges, cols: (columns: readonly string[]) => string[]): void {
  const wanted = model.primaryKey
  const present = db.primaryKey
  if (JSON.stringify(wanted?.columns ?? []) === JSON.stringify(cols(present?.columns ?? []))) return
  // The dialect's compiler drops a primary key without its name where the database needs none (MySQL, SQLite).
  if (present) out.drops.push(ctx.plan(new DropConstraintOp(present.name ?? '', name, { type: 'primaryKey', existing: present })))
  if (wanted) {
    const key: PrimaryKeyConstraint = wanted.name === null ? { ...wanted, name: ctx.equivalence.defaultPrimaryKeyName(name.name) } : wanted
    out.adds.push(ctx.plan(new AddConstraintOp(name, key)))
  }
}

function uniqueThings(table: Table): UniqueThing[] {
  const constraints = table.constraints.filter((c): c is UniqueConstraint => c.kind === 'unique')
  const constraintNames = new Set(constraints.map((c) => c.name))
  const pkName = table.primaryKey?.name
  const indexes = table.indexes.filter((i) => !(i.unique && (constraintNames.has(i.name) || i.name === pkName)))
  return [...constraints.map((item) => ({ kind: 'constraint' as const, item })), ...indexes.map((item) => ({ kind: 'index' as const, item }))]
}

function indexSignature(index: Index): string {
  return JSON.stringify([index.unique, index.expressions.map((e) => (typeof e === 'string' ? e : `expr:${index.expressions.length}`))])
}

function compareUniquesAndIndexes(
  name: TableName,
  model: Table,
  db: Table,
  ctx: CompareContext,
  out: ConstraintChanges,
  incl: (type: string, n: string | null, reflected: boolean) => boolean,
  cols: (columns: readonly string[]) => string[],
): void {
  const typeName = (t: UniqueThing) => (t.kind === 'index' ? 'index' : 'unique_constraint')
  const modelThings = uniqueThings(model).filter((t) => incl(typeName(t), t.item.name, false))
  const dbThings = uniqueThings(db).filter((t) => incl(typeName(t), t.item.name, true))
  const uniqueColumns = (t: UniqueThing): string | null => {
    if (t.kind === 'constraint') return JSON.stringify([...t.item.columns])
    if (!t.item.unique || t.item.where !== null || t.item.expressions.some((e) => typeof e !== 'string')) return null
    // A unique index with its own method, order or NULLS NOT DISTINCT is not interchangeable with a plain one.
    if (indexAccessSignature(t.item) !== '{}') return null
    return JSON.stringify(t.item.expressions)
  }
  const dbUnique = (t: UniqueThing): string | null => {
    if (t.kind === 'constraint') return JSON.stringify(cols(t.item.columns))
    const own = uniqueColumns(t)
    return own === null ? null : JSON.stringify(cols(JSON.parse(own) as string[]))
  }
  const unmatchedDb = new Set(dbThings)
  const unmatchedModel: UniqueThing[] = []
  for (const m of modelThings) {
    const byName = m.item.name === null ? undefined : [...unmatchedDb].find((d) => d.item.name === m.item.name && d.kind === m.kind)
    const sameByName = byName && (m.kind === 'constraint' ? dbUnique(byName) === uniqueColumns(m) : sameIndex(m.item as Index, byName.item as Index, cols, ctx))
    if (sameByName) {
      unmatchedDb.delete(byName)
      continue
    }
    const signature = uniqueColumns(m)
    const bySignature = signature === null ? undefined : [...unmatchedDb].find((d) => dbUnique(d) === signature)
    if (bySignature) {
      unmatchedDb.delete(bySignature)
      continue
    }
    unmatchedModel.push(m)
  }
  for (const d of unmatchedDb) {
    if (d.kind === 'index') {
      // On the table's new name: the downgrade recreates the index before it undoes a table rename.
      out.drops.push(ctx.plan(new DropIndexOp(d.item.name, name, { existing: { ...d.item, table: name.name, schema: name.schema } })))
    } else if (d.item.name !== null) {
      out.drops.push(ctx.plan(new DropConstraintOp(d.item.name, name, { type: 'unique', existing: d.item })))
    }
  }
  for (const m of unmatchedModel) {
    if (m.kind === 'index') {
      const index = { ...m.item, table: name.name, schema: name.schema }
      out.adds.push(ctx.plan(new CreateIndexOp(index)))
    } else {
      out.adds.push(ctx.plan(new AddConstraintOp(name, named(m.item, name.name))))
    }
  }
}

/**
 * A constraint added to an existing table gets a name when the models give
 * none, so the downgrade can drop it by name: the naming convention's
 * existing-table rule, as for `op.addColumn`. The comparison matches unique
 * constraints and foreign keys by their columns, so the name never shows as
 * a difference.
 */
export function named<C extends UniqueConstraint | ForeignKeyConstraint>(constraint: C, table: string): C {
  if (constraint.name !== null) return constraint
  const context =
    constraint.kind === 'unique'
      ? { tableName: table, columns: constraint.columns }
      : { tableName: table, columns: constraint.columns, referredTable: constraint.referredTable, referredColumns: constraint.referredColumns }
  return { ...constraint, name: constraintName(constraint.kind === 'unique' ? 'uq' : 'fk', context, null, EXISTING_TABLE_NAMING) }
}

function sameIndex(model: Index, db: Index, cols: (columns: readonly string[]) => string[], ctx: CompareContext): boolean {
  if (model.unique !== db.unique || model.expressions.length !== db.expressions.length) return false
  if (indexAccessSignature(model) !== indexAccessSignature({ ...db, include: cols(db.include ?? []) })) return false
  const dbRenamed = { ...db, expressions: db.expressions.map((e) => (typeof e === 'string' ? cols([e])[0]! : e)) }
  const canonical = ctx.canonicalIndex(model)
  // Expressions and predicates compare only as the database itself wrote both sides; guessing would invent diffs.
  if (canonical === undefined) return indexSignature(dbRenamed) === indexSignature(model)
  const reflected = canonicalIndexOf(dbRenamed, ctx.dialect)
  return JSON.stringify(canonical) === JSON.stringify(reflected)
}

function fkSignature(fk: ForeignKeyConstraint, ctx: CompareContext, cols: (columns: readonly string[]) => string[], ownSchema: string | null): string {
  return JSON.stringify([cols(fk.columns), ctx.schemaOf(fk.referredSchema ?? ownSchema), fk.referredTable, fk.referredColumns])
}

function fkActions(fk: ForeignKeyConstraint, ctx: CompareContext): string {
  return `${ctx.equivalence.normalizeAction(fk.onDelete)}/${ctx.equivalence.normalizeAction(fk.onUpdate)}/${String(fk.deferrable)}/${fk.match ?? 'simple'}`
}

function compareForeignKeys(
  name: TableName,
  model: Table,
  db: Table,
  ctx: CompareContext,
  out: ConstraintChanges,
  incl: (type: string, n: string | null, reflected: boolean) => boolean,
  cols: (columns: readonly string[]) => string[],
): void {
  const modelFks = model.foreignKeys.filter((fk) => incl('foreign_key_constraint', fk.name, false))
  const dbFks = db.foreignKeys.filter((fk) => incl('foreign_key_constraint', fk.name, true))
  const unmatchedDb = new Set(dbFks)
  const add = (fk: ForeignKeyConstraint) => out.addFks.push(ctx.plan(new AddConstraintOp(name, named(fk, name.name))))
  const drop = (fk: ForeignKeyConstraint) => {
    if (fk.name === null) return // an unnamed key cannot be dropped by name; SQLite rebuilds drop it with its table
    out.dropFks.push(ctx.plan(new DropConstraintOp(fk.name, name, { type: 'foreignKey', existing: fk })))
  }
  for (const fk of modelFks) {
    const signature = fkSignature(fk, ctx, (c) => [...c], model.schema)
    const match = [...unmatchedDb].find((d) => fkSignature(d, ctx, cols, db.schema) === signature)
    if (!match) {
      add(fk)
      continue
    }
    unmatchedDb.delete(match)
    if (fkActions(fk, ctx) !== fkActions(match, ctx)) {
      drop(match)
      add(fk.name === null && match.name !== null ? { ...fk, name: match.name } : fk)
    }
  }
  for (const fk of unmatchedDb) drop(fk)
}

/**
 * Checks (and PostgreSQL exclusion constraints) compare by what they say, as
 * the database writes it: a model's is canonicalized through the database
 * (`ctx.canonicalCheck`) and compared with the reflected text. A named one
 * matches the reflected one of that name and differs when its text does
 * (dropped and added again); an unnamed one matches any reflected one of the
 * same text, since the database named it. Without a canonical text, a named
 * one compares by name only and an unnamed one by its text as written.
 */
function compareChecks(
  name: TableName,
  model: Table,
  db: Table,
  ctx: CompareContext,
  out: ConstraintChanges,
  incl: (type: string, n: string | null, reflected: boolean) => boolean,
  kind: 'check' | 'exclude',
): void {
  type Checked = CheckConstraint | ExclusionConstraint
  const objectType = kind === 'check' ? 'check_constraint' : 'exclude_constraint'
  const checks = (t: Table) => t.constraints.filter((c): c is Checked => c.kind === kind)
  const modelChecks = checks(model).filter((c) => incl(objectType, c.name, false))
  const unmatchedDb = new Set(checks(db).filter((c) => incl(objectType, c.name, true)))
  const dbText = (c: Checked) => constraintText(c, ctx.dialect)
  const add = (check: Checked) => out.adds.push(ctx.plan(AddConstraintOp.of(name, check)))
  const drop = (check: Checked) => {
    if (check.name !== null) out.drops.push(ctx.plan(new DropConstraintOp(check.name, name, { type: kind, existing: check })))
  }
  const unnamed: Checked[] = []
  for (const check of modelChecks) {
    if (check.name === null) {
      unnamed.push(check)
      continue
    }
    const same = [...unmatchedDb].find((d) => d.name === check.name)
    if (same === undefined) {
      add(check)
      continue
    }
    unmatchedDb.delete(same)
    const canonical = ctx.canonicalCheck(check)
    if (canonical !== undefined && canonical !== dbText(same)) {
      drop(same)
      add(check)
    }
  }
  // Named ones first, so an unnamed one never takes the reflected one a named one has.
  for (const check of unnamed) {
    const text = ctx.canonicalCheck(check) ?? constraintText(check, ctx.dialect)
    const same = [...unmatchedDb].find((d) => dbText(d) === text)
    if (same === undefined) add(check)
    else unmatchedDb.delete(same)
  }
  for (const check of unmatchedDb) drop(check)
}
