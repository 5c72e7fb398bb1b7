/**
 * Ops written as `op.*` calls of the public API, one statement each (a new
 * table is its `createTable` followed by its `createIndex` calls). One entry
 * per op kind: a kind without an entry does not compile.
 */
import type { TableName } from '../dialect/ddl-compiler.js'
import { byKind, type AnyOp, type KindTable, type OpKind } from '../operations/ops/op-kinds.js'
import type { AddConstraintOp } from '../operations/ops/constraint-ops.js'
import { renderBatch } from './render-batch.js'
import { alterColumnEntries, flagEntries, opCall, opCallOpening, optionsArg, schemaEntry, tracker, type RenderedImport, type Tracker } from './render-calls.js'
import { renderAddConstraint, renderCreateIndex, renderCreateTable, type RenderOpOptions } from './render-create-table.js'
import { renderBulkInsert, renderExecute } from './render-data.js'
import { renderCreateObject, renderDropObject, renderReplaceObject } from './render-objects.js'
import { renderColumn, renderOptions, renderString, renderValue } from './render-values.js'

export type { RenderedImport } from './render-calls.js'
export type { RenderOpOptions } from './render-create-table.js'

/** Source lines of one op, and the names they use. */
export interface RenderedOp {
  readonly lines: string[]
  readonly imports: ReadonlySet<RenderedImport>
}

/** The notes (review, data loss) written as comments above an op inside a batch. */
export type InnerNotes = (inner: AnyOp) => readonly string[]

/**
 * The `await op.…` statement(s) for one op.
 *
 * @example
 * renderOp(new DropColumnOp({ name: 'users', schema: null }, 'legacy')).lines // ["await op.dropColumn('users', 'legacy')"]
 */
export function renderOp(operation: AnyOp, options: RenderOpOptions = {}, notes: InnerNotes = () => []): RenderedOp {
  const imports = new Set<RenderedImport>()
  const lines = byKind(RENDERERS, operation, { options, notes, r: tracker(imports) })
  return { lines, imports }
}

interface RenderContext {
  readonly options: RenderOpOptions
  readonly notes: InnerNotes
  readonly r: Tracker
}

/** The options argument: the given entries, then the table's schema; left out when empty. */
const withSchema = (table: TableName, entries: readonly string[] = []) => optionsArg([...entries, ...schemaEntry(table)])

const addConstraint = (o: AddConstraintOp, { r }: RenderContext) => [renderAddConstraint(o.table, o.constraint, r, flagEntries(o.options, ['notValid']))]

const RENDERERS: KindTable<OpKind, [RenderContext], string[]> = {
  create_table: (o, { options, r }) => renderCreateTable(o, options, r),
  drop_table: (o) => [opCall('dropTable', [renderString(o.table.name), withSchema(o.table, flagEntries(o.options, ['ifExists']))])],
  rename_table: (o) => [opCall('renameTable', [renderString(o.table.name), renderString(o.newName), withSchema(o.table)])],
  create_table_comment: (o) => {
    const existing = o.existingComment === null ? [] : [`existingComment: ${renderString(o.existingComment)}`]
    return [opCall('createTableComment', [renderString(o.table.name), renderString(o.comment), withSchema(o.table, existing)])]
  },
  drop_table_comment: (o) => {
    const existing = o.existingComment === null ? [] : [`existingComment: ${renderString(o.existingComment)}`]
    return [opCall('dropTableComment', [renderString(o.table.name), withSchema(o.table, existing)])]
  },
  alter_table_storage: (o) => {
    const existing = o.existing === null ? [] : [`existing: ${renderOptions(o.existing)}`]
    return [opCall('alterTableStorage', [renderString(o.table.name), renderOptions(o.change), withSchema(o.table, existing)])]
  },
  add_column: (o, { r }) => {
    const inline = o.inline
    return [
      opCall('addColumn', [renderString(o.table.name), renderString(o.column.name), r.scan(renderColumn(o.column)), withSchema(o.table, flagEntries(o.options, ['ifNotExists']))]),
      // renderColumn leaves out the column's own constraints; they follow as the named constraints the op adds.
      ...inline.constraints.map((c) => renderAddConstraint(o.table, c, r)),
      ...inline.indexes.map((i) => renderCreateIndex(i, [], r)),
    ]
  },
  drop_column: (o) => [opCall('dropColumn', [renderString(o.table.name), renderString(o.column), withSchema(o.table, flagEntries(o.options, ['ifExists']))])],
  alter_column: (o, { r }) => {
    const entries = [...alterColumnEntries(o.alteration, r), ...schemaEntry(o.table)]
    return [opCallOpening('alterColumn', [renderString(o.table.name), renderString(o.alteration.column)], '{'), ...entries.map((e) => `  ${e},`), '})']
  },
  create_index: (o, { r }) => [renderCreateIndex(o.index, flagEntries(o.options, ['ifNotExists', 'concurrently']), r)],
  drop_index: (o) => [opCall('dropIndex', [renderString(o.name), renderString(o.table.name), withSchema(o.table, flagEntries(o.options, ['ifExists', 'concurrently']))])],
  create_primary_key: addConstraint,
  create_unique_constraint: addConstraint,
  create_check_constraint: addConstraint,
  create_exclude_constraint: addConstraint,
  create_foreign_key: addConstraint,
  drop_constraint: (o) => {
    const kind = o.constraintKind
    const entries = [...(kind ? [`type: ${renderString(kind)}`] : []), ...flagEntries(o.options, ['ifExists'])]
    return [opCall('dropConstraint', [renderString(o.name), renderString(o.table.name), withSchema(o.table, entries)])]
  },
  validate_constraint: (o) => [opCall('validateConstraint', [renderString(o.name), renderString(o.table.name), withSchema(o.table)])],
  create_enum: (o) => [
    opCall('createEnum', [renderString(o.name), renderValue([...o.values]), withSchema({ name: o.name, schema: o.schema }, flagEntries(o.options, ['ifNotExists']))]),
  ],
  drop_enum: (o) => [opCall('dropEnum', [renderString(o.name), withSchema({ name: o.name, schema: o.schema }, flagEntries(o.options, ['ifExists']))])],
  add_enum_value: (o) => {
    const place = [
      ...(o.options.before !== undefined ? [`before: ${renderString(o.options.before)}`] : []),
      ...(o.options.after !== undefined ? [`after: ${renderString(o.options.after)}`] : []),
      ...flagEntries(o.options, ['ifNotExists']),
    ]
    const call = opCall('addEnumValue', [renderString(o.name), renderString(o.value), withSchema({ name: o.name, schema: o.schema }, place)])
    // PostgreSQL refuses to use a value added in the same transaction, and before 12 refuses ADD VALUE in one at all.
    return [opCallOpening('autocommitBlock', [], 'async () => {'), `  ${call}`, '})']
  },
  create_object: (o, { r }) => renderCreateObject(o, r),
  replace_object: (o, { r }) => renderReplaceObject(o, r),
  drop_object: (o, { r }) => renderDropObject(o, r),
  bulk_insert: (o, { r }) => renderBulkInsert(o, r),
  execute: (o, { r }) => [renderExecute(o, r)],
  backfill_column: (o) => [
    opCall('backfillColumn', [renderString(o.table.name), renderString(o.from), renderString(o.to), withSchema(o.table, [`key: ${renderString(o.options.key)}`, `batchSize: ${o.options.batchSize}`])]),
  ],
  batch_alter_table: (o, { r, notes }) => renderBatch(o, r, notes),
}

/** The op kinds the renderer writes: every kind (a test holds it to the registry). */
export const RENDERED_KINDS: readonly OpKind[] = Object.freeze(Object.keys(RENDERERS) as OpKind[])
