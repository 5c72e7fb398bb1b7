/**
 * compareSchemas: what must change in the database for it to match the
 * models, as ops in an order that runs (Alembic's `compare_metadata` plus
 * `produce_migrations`).
 */
import { AddEnumValueOp } from '../operations/ops/enum-ops.js'
import { CreateIndexOp } from '../operations/ops/index-ops.js'
import { CreateTableCommentOp, CreateTableOp, DropTableCommentOp, DropTableOp, RenameTableOp } from '../operations/ops/table-ops.js'
import { enumTypesOf } from '../schema/types.js'
import { AddConstraintOp, DropConstraintOp } from '../operations/ops/constraint-ops.js'
import type { ForeignKeyConstraint } from '../schema/constraints.js'
import { foreignKeysClosingCycles, tablesInDependencyOrder } from '../schema/dependency-order.js'
import { Table } from '../schema/table.js'
import { groupIntoBatch } from './batch-grouping.js'
import { compareColumns } from './compare-columns.js'
import { compareConstraints, named } from './compare-constraints.js'
import { compareObjects } from './compare-objects.js'
import { compareContext, type CompareContext } from './compare-context.js'
import { compareStorage } from './compare-storage.js'
import type { NotCarriedFact } from '../dialect/not-carried.js'
import { SCRATCH_TABLE_PREFIX } from './model-canonicalizer.js'
import type { CompareOptions, EnumTypeInfo, SchemaSnapshot } from './compare-options.js'
import type { Comparison, PlannedChange, RenameCandidate, RenameDecision } from './schema-diff.js'
import { isBookkeepingTable } from '../dialect/version-table-sql.js'

/**
 * Compares the models with the reflected database. The result's `changes`
 * run in this order: new enum values, new tables (referred tables first)
 * with their indexes, foreign keys to drop, then per table: table rename,
 * dropped indexes and constraints, column renames, added and altered
 * columns, added constraints and indexes, dropped columns, comments; then
 * dropped tables, and foreign keys to add. Where the database rebuilds
 * tables to alter them (SQLite), one table's changes, its foreign keys
 * included, form one batch. Undoing them in reverse order is the downgrade.
 *
 * @example
 * const { changes, diffs } = await compareSchemas({ tables: metadata.tables }, reflected, { dialect })
 */
export async function compareSchemas(models: SchemaSnapshot, reflected: SchemaSnapshot, options: CompareOptions): Promise<Comparison> {
  const ctx = compareContext(options, models.tables)
  const key = (t: Table) => `${ctx.schemaOf(t.schema) ?? ''}.${t.name}`
  const modelTables = models.tables.filter((t) => ctx.include({ type: 'table', name: t.name, schema: ctx.schemaOf(t.schema), reflected: false }))
  const dbTables = reflected.tables.filter(
    // Another autogenerate's MySQL scratch table (or one a crash left behind) is never the user's.
    (t) =>
      (options.versionTable === undefined || !isBookkeepingTable(t.name, options.versionTable)) &&
      !t.name.startsWith(SCRATCH_TABLE_PREFIX) &&
      ctx.include({ type: 'table', name: t.name, schema: ctx.schemaOf(t.schema), reflected: true }),
  )
  const dbByKey = new Map(dbTables.map((t) => [key(t), t]))
  const modelKeys = new Set(modelTables.map(key))
  const created = modelTables.filter((t) => !dbByKey.has(key(t)))
  const dropped = dbTables.filter((t) => !modelKeys.has(key(t)))

  const renames: (RenameCandidate & { decision: RenameDecision })[] = []
  const pairs: [Table, Table][] = modelTables.filter((t) => dbByKey.has(key(t))).map((t) => [t, dbByKey.get(key(t))!])
  const tableRenames: PlannedChange[] = []
  const renamedFrom = new Set<Table>()
  const renamedTo = new Set<Table>()
  for (const [from, to] of tableRenamePairs(dropped, created, ctx)) {
    const candidate: RenameCandidate = { kind: 'table', table: to.name, schema: ctx.schemaOf(to.schema), from: from.name, to: to.name }
    const decision = await ctx.decideRename(candidate)
    renames.push({ ...candidate, decision })
    if (decision === 'drop-add') continue
    renamedFrom.add(from)
    renamedTo.add(to)
    pairs.push([to, from])
    tableRenames.push(
      ctx.plan(new RenameTableOp(ctx.nameOf(from), to.name), {
        ...(decision === 'review' ? { review: `table "${from.name}" disappeared and "${to.name}" of the same shape appeared: written as a rename; if they are unrelated, replace this with dropTable + createTable` } : {}),
      }),
    )
  }

  const enumValues = compareEnums(models, reflected, ctx)
  const createdTables = created.filter((t) => !renamedTo.has(t))
  const droppedTables = dropped.filter((t) => !renamedFrom.has(t))
  // Keys closing a cycle wait until every table exists, and go before any table is dropped. Where the
  // database checks no referred table at CREATE (SQLite, whose ALTER would mean rebuilding), they stay inline.
  const cycleOf = (tables: readonly Table[]) => (ctx.dialect.rebuilder ? new Map<Table, ForeignKeyConstraint[]>() : foreignKeysClosingCycles(tables))
  const createCycles = withNotValidKeys(cycleOf(createdTables), createdTables, ctx)
  const dropCycles = cycleOf(droppedTables)
  const creates = tablesInDependencyOrder(createdTables).flatMap((t) => createTable(withoutForeignKeys(t, createCycles.get(t)), ctx))
  const dropFks: PlannedChange[] = [...dropCycles].flatMap(([t, fks]) =>
    fks.filter((fk) => fk.name !== null).map((fk) => ctx.plan(new DropConstraintOp(fk.name!, ctx.nameOf(t), { type: 'foreignKey', existing: fk }))),
  )
  const perTable: PlannedChange[] = [...tableRenames]
  const addFks: PlannedChange[] = [...createCycles].flatMap(([t, fks]) =>
    fks.map((fk) => ctx.plan(new AddConstraintOp(ctx.nameOf(t), named(fk, t.name), fk.notValid ? { notValid: true } : {}))),
  )
  const storageFacts: NotCarriedFact[] = []
  // Tables whose columns change or which are renamed or dropped: what views over them and triggers on them must make way for.
  const changedTables = new Set<string>([...renamedFrom, ...droppedTables].map((t) => t.name))
  for (const [model, db] of pairs) {
    const columns = await compareColumns(model, db, ctx)
    renames.push(...columns.candidates)
    const renamedColumns = new Map(
      columns.candidates.filter((c) => c.decision !== 'drop-add').map((c) => [c.from, c.to] as const),
    )
    const constraints = compareConstraints(model, db, ctx, renamedColumns)
    const storage = compareStorage(model, db, ctx)
    storageFacts.push(...storage.notCarried)
    // Drops first: what they drop is described by the old column names, which renames change.
    if ([...columns.renames, ...columns.alters, ...columns.drops].length > 0) changedTables.add(model.name)
    // Storage first: a MySQL table's new collation converts its columns, which the column changes then refine.
    const tableChanges = [...storage.changes, ...constraints.drops, ...columns.renames, ...columns.adds, ...columns.alters, ...constraints.adds, ...columns.drops, ...tableComment(model, db, ctx)]
    if (ctx.dialect.rebuilder) {
      // Where altering means rebuilding, the table's foreign keys ride in its one rebuild.
      perTable.push(...groupIntoBatch(ctx.nameOf(model), [...constraints.dropFks, ...tableChanges, ...constraints.addFks]))
    } else {
      dropFks.push(...constraints.dropFks)
      perTable.push(...tableChanges)
      addFks.push(...constraints.addFks)
    }
  }
  const drops = tablesInDependencyOrder(droppedTables)
    .reverse()
    .map((t) => ctx.plan(new DropTableOp(ctx.nameOf(t), { existing: withoutForeignKeys(t, dropCycles.get(t)) })))

  const objects = options.objects ? compareObjects(options.objects, changedTables, ctx) : { first: [], before: [], after: [], last: [] }
  const changes = [...objects.first, ...enumValues, ...creates, ...objects.before, ...dropFks, ...perTable, ...drops, ...addFks, ...objects.after, ...objects.last]
  const compared = new Set(dbTables.map(key))
  const notCarried = [...(reflected.notCarried ?? []).filter((f) => compared.has(`${ctx.schemaOf(f.schema) ?? ''}.${f.table}`)), ...storageFacts]
  return { changes, diffs: changes.flatMap((c) => c.diffs), renames, notCarried }
}

function createTable(table: Table, ctx: CompareContext): PlannedChange[] {
  const name = ctx.nameOf(table)
  const indexes = table.indexes.filter((i) => ctx.include({ type: 'index', name: i.name, schema: name.schema, reflected: false }))
  return [
    // Indexes follow as their own ops (as Alembic writes them), so the table is created without them.
    ctx.plan(new CreateTableOp(withoutIndexes(table))),
    ...indexes.map((index) => ctx.plan(new CreateIndexOp(index))),
  ]
}

/**
 * Adds the NOT VALID foreign keys of new tables to the keys created after
 * every table: NOT VALID exists only in ALTER TABLE … ADD CONSTRAINT. Where
 * altering means rebuilding (SQLite) there is no such state to keep.
 */
function withNotValidKeys(after: Map<Table, ForeignKeyConstraint[]>, tables: readonly Table[], ctx: CompareContext): Map<Table, ForeignKeyConstraint[]> {
  if (ctx.dialect.rebuilder) return after
  for (const table of tables) {
    const notValid = table.foreignKeys.filter((fk) => fk.notValid === true && !(after.get(table) ?? []).includes(fk))
    if (notValid.length > 0) after.set(table, [...(after.get(table) ?? []), ...notValid])
  }
  return after
}

/** The table without `foreignKeys` (the keys of a cycle, created and dropped on their own). */
function withoutForeignKeys(table: Table, foreignKeys: readonly ForeignKeyConstraint[] | undefined): Table {
  if (foreignKeys === undefined || foreignKeys.length === 0) return table
  const left = new Set(foreignKeys)
  const constraints = table.constraints.filter((c) => !(c.kind === 'foreignKey' && left.has(c)))
  // A column's own references() would bring the key back when the table is built again.
  const columns = table.columnList.map((c) => (c.references !== null && foreignKeys.some((fk) => fk.columns.length === 1 && fk.columns[0] === c.name) ? Object.freeze({ ...c, references: null }) : c))
  return new Table({ name: table.name, schema: table.schema, comment: table.comment, storage: table.storage, columns, parts: { primaryKey: table.primaryKey, constraints, indexes: table.indexes } })
}

function withoutIndexes(table: Table): Table {
  return new Table({
    name: table.name,
    schema: table.schema,
    comment: table.comment,
    storage: table.storage,
    columns: table.columnList,
    parts: { primaryKey: table.primaryKey, constraints: table.constraints, indexes: [] },
  })
}

function tableComment(model: Table, db: Table, ctx: CompareContext): PlannedChange[] {
  if (!ctx.comments || (model.comment || null) === (db.comment || null)) return []
  const name = ctx.nameOf(model)
  return [ctx.plan(model.comment ? new CreateTableCommentOp(name, model.comment, db.comment || null) : new DropTableCommentOp(name, db.comment))]
}

/** New values of PostgreSQL enum types, appended after the value they follow in the model. */
function compareEnums(models: SchemaSnapshot, reflected: SchemaSnapshot, ctx: CompareContext): PlannedChange[] {
  if (!ctx.equivalence.namedEnums || reflected.enums === undefined) return []
  const existing = new Map(reflected.enums.map((e) => [`${ctx.schemaOf(e.schema) ?? ''}.${e.name}`, e]))
  const seen = new Set<string>()
  const out: PlannedChange[] = []
  for (const table of models.tables) {
    for (const column of table.columnList) {
      for (const type of enumTypesOf(column.type)) {
        const schema = ctx.schemaOf(table.schema)
        const id = `${schema ?? ''}.${type.name}`
        const db: EnumTypeInfo | undefined = existing.get(id)
        if (seen.has(id) || db === undefined) continue
        seen.add(id)
        type.values.forEach((value, i) => {
          if (db.values.includes(value)) return
          // Values before it already exist or are added just before, so "after the previous one" keeps the model's order.
          const place = i > 0 ? { after: type.values[i - 1]! } : db.values[0] !== undefined ? { before: db.values[0] } : {}
          // The downgrade cannot remove the value, so the next upgrade meets it again: IF NOT EXISTS.
          out.push(ctx.plan(new AddEnumValueOp(type.name, value, schema, { ...place, ifNotExists: true }), { site: { table: table.name, column: column.name } }))
        })
      }
    }
  }
  return out
}

/** Dropped and created tables with the same columns (names and types): one table renamed. */
function tableRenamePairs(dropped: readonly Table[], created: readonly Table[], ctx: CompareContext): [Table, Table][] {
  const alike = (from: Table, to: Table) =>
    ctx.schemaOf(from.schema) === ctx.schemaOf(to.schema) &&
    from.columnList.length === to.columnList.length &&
    to.columnList.every((c) => {
      const old = from.column(c.name)
      return old !== undefined && ctx.equivalence.typesEquivalent(c.type, old.type)
    })
  const pairs: [Table, Table][] = []
  for (const from of dropped) {
    const matches = created.filter((to) => alike(from, to))
    if (matches.length !== 1) continue
    if (dropped.filter((other) => alike(other, matches[0]!)).length === 1) pairs.push([from, matches[0]!])
  }
  return pairs
}

