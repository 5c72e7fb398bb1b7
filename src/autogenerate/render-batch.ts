/**
 * `op.batchAlterTable(table, (b) => { … })`: each change as the `b.*` call
 * that builds it. One entry per kind a batch can hold: a table-change kind
 * without a batch form does not compile.
 */
import type { BatchAlterTableOp } from '../operations/ops/batch-ops.js'
import type { AddConstraintOp } from '../operations/ops/constraint-ops.js'
import { byKind, type AnyOp, type KindTable, type TableChangeOpKind } from '../operations/ops/op-kinds.js'
import type { Constraint } from '../schema/constraints.js'
import {
  alterColumnEntries,
  batchCall,
  batchCallOpening,
  constraintArgs,
  flagEntries,
  foreignKeyOptions,
  indexParts,
  nameArg,
  opCallOpening,
  optionsArg,
  schemaEntry,
  type Tracker,
} from './render-calls.js'
import { renderColumn, renderString } from './render-values.js'

/**
 * The batch, with each change's notes (review, data loss) as comments above it.
 *
 * @example
 * renderBatch(batch, r, () => []) // ["await op.batchAlterTable('users', (b) => {", "  b.dropColumn('bio')", '})']
 */
export function renderBatch(o: BatchAlterTableOp, r: Tracker, notes: (inner: AnyOp) => readonly string[]): string[] {
  const lines = [opCallOpening('batchAlterTable', [renderString(o.table.name)], '(b) => {')]
  for (const inner of o.ops) {
    for (const note of notes(inner)) lines.push(`  ${note}`)
    for (const line of byKind(BATCH_RENDERERS, inner, r)) lines.push(`  ${line}`)
  }
  const schema = optionsArg(schemaEntry(o.table))
  lines.push(`}${schema ? `, ${schema}` : ''})`)
  return lines
}

function constraintCall(c: Constraint, r: Tracker): string {
  const head = [nameArg(c.name), ...constraintArgs(c, r)]
  switch (c.kind) {
    case 'unique':
      return batchCall('createUniqueConstraint', head)
    case 'primaryKey':
      return batchCall('createPrimaryKey', head)
    case 'check':
      return batchCall('createCheckConstraint', head)
    case 'exclude':
      return batchCall('createExcludeConstraint', head)
    case 'foreignKey':
      return batchCall('createForeignKey', [...head, optionsArg([...foreignKeyOptions(c), ...(c.referredSchema ? [`referentSchema: ${renderString(c.referredSchema)}`] : [])])])
  }
}

const addConstraint = (o: AddConstraintOp, r: Tracker) => [constraintCall(o.constraint, r)]

const BATCH_RENDERERS: KindTable<TableChangeOpKind, [Tracker], string[]> = {
  add_column: (o, r) => {
    const inline = o.inline
    return [
      batchCall('addColumn', [renderString(o.column.name), r.scan(renderColumn(o.column)), optionsArg(flagEntries(o.options, ['ifNotExists']))]),
      ...inline.constraints.map((c) => constraintCall(c, r)),
      ...inline.indexes.map((i) => createIndexCall(i, [], r)),
    ]
  },
  drop_column: (o) => [batchCall('dropColumn', [renderString(o.column), optionsArg(flagEntries(o.options, ['ifExists']))])],
  alter_column: (o, r) => [batchCallOpening('alterColumn', [renderString(o.alteration.column)], '{'), ...alterColumnEntries(o.alteration, r).map((e) => `  ${e},`), '})'],
  create_index: (o, r) => [createIndexCall(o.index, flagEntries(o.options, ['ifNotExists', 'concurrently']), r)],
  drop_index: (o) => [batchCall('dropIndex', [renderString(o.name), optionsArg(flagEntries(o.options, ['ifExists', 'concurrently']))])],
  create_primary_key: addConstraint,
  create_unique_constraint: addConstraint,
  create_check_constraint: addConstraint,
  create_exclude_constraint: addConstraint,
  create_foreign_key: addConstraint,
  drop_constraint: (o) => {
    const kind = o.constraintKind
    return [batchCall('dropConstraint', [renderString(o.name), optionsArg([...(kind ? [`type: ${renderString(kind)}`] : []), ...flagEntries(o.options, ['ifExists'])])])]
  },
  create_table_comment: (o) => {
    const existing = o.existingComment === null ? [] : [`existingComment: ${renderString(o.existingComment)}`]
    return [batchCall('createTableComment', [renderString(o.comment), optionsArg(existing)])]
  },
  drop_table_comment: (o) => [batchCall('dropTableComment', [optionsArg(o.existingComment === null ? [] : [`existingComment: ${renderString(o.existingComment)}`])])],
}

function createIndexCall(index: Parameters<typeof indexParts>[0], flags: readonly string[], r: Tracker): string {
  const { columns, options } = indexParts(index, r)
  return batchCall('createIndex', [renderString(index.name), columns, optionsArg([...options, ...flags])])
}

/** The op kinds a batch renders: every table-change kind (a test holds it to the registry). */
export const BATCH_RENDERED_KINDS: readonly TableChangeOpKind[] = Object.freeze(Object.keys(BATCH_RENDERERS) as TableChangeOpKind[])
