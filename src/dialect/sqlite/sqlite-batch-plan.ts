import { UsageError } from '../../errors.js'
import type { Column } from '../../schema/column.js'
import type { Constraint, Index, PrimaryKeyConstraint } from '../../schema/constraints.js'
import { sqlText } from '../../schema/sql.js'
import { Table } from '../../schema/table.js'
import type { TableChange } from '../ddl-compiler.js'
import { mentionsIdentifier } from './sqlite-batch-ddl-parser.js'

/** The table a batch produces, and where each of its columns' rows come from. */
export interface BatchPlan {
  readonly table: Table
  /** New column name → old column name, for columns whose data is copied. */
  readonly copy: ReadonlyMap<string, string>
}

type OtherConstraint = Exclude<Constraint, PrimaryKeyConstraint>

/**
 * Applies a batch's changes to a table's current shape, in order, giving the
 * new shape and the column copy map for INSERT … SELECT. Pure: no database.
 *
 * @example
 * planBatch(shape, [{ kind: 'dropColumn', column: 'legacy' }]).table.columnList
 */
export function planBatch(shape: Table, changes: readonly TableChange[]): BatchPlan {
  let columns: Column[] = [...shape.columnList]
  let primaryKey: PrimaryKeyConstraint | null = shape.primaryKey
  let constraints: OtherConstraint[] = [...shape.constraints]
  let indexes: Index[] = [...shape.indexes]
  const copy = new Map(columns.map((c) => [c.name, c.name]))
  const find = (name: string) => {
    const column = columns.find((c) => c.name === name)
    if (!column) throw new UsageError(`table "${shape.name}" has no column "${name}"`)
    return column
  }
  const renameIn = (list: readonly string[], from: string, to: string) => list.map((c) => (c === from ? to : c))

  for (const change of changes) {
    switch (change.kind) {
      case 'addColumn': {
        const { column, inline } = change
        columns.push({ ...column, table: shape.name, schema: shape.schema })
        if (inline.primaryKey) {
          primaryKey = { kind: 'primaryKey', name: primaryKey?.name ?? inline.primaryKey.name, columns: [...(primaryKey?.columns ?? []), ...inline.primaryKey.columns] }
        }
        constraints.push(...inline.constraints)
        indexes.push(...inline.indexes.map((i) => ({ ...i, table: shape.name, schema: shape.schema })))
        break
      }
      case 'dropColumn': {
        if (change.ifExists && !columns.some((c) => c.name === change.column)) break
        const name = find(change.column).name
        columns = columns.filter((c) => c.name !== name)
        copy.delete(name)
        if (primaryKey?.columns.includes(name)) {
          const rest = primaryKey.columns.filter((c) => c !== name)
          primaryKey = rest.length ? { ...primaryKey, columns: rest } : null
        }
        constraints = constraints.filter((c) =>
          c.kind === 'check' || c.kind === 'exclude' ? !mentionsIdentifier(sqlText(c.kind === 'check' ? c.expression : c.definition), name) : !c.columns.includes(name),
        )
        indexes = indexes.filter(
          (i) =>
            !i.expressions.some((e) => (typeof e === 'string' ? e === name : mentionsIdentifier(sqlText(e), name))) &&
            !(i.where && mentionsIdentifier(sqlText(i.where), name)),
        )
        break
      }
      case 'alterColumn': {
        const a = change.alteration
        const old = find(a.column)
        const name = a.newName ?? old.name
        const updated: Column = {
          ...old,
          name,
          key: name,
          type: a.type ?? old.type,
          nullable: a.nullable ?? old.nullable,
          serverDefault: a.serverDefault !== undefined ? a.serverDefault : old.serverDefault,
          comment: a.comment !== undefined ? a.comment : old.comment,
          collation: a.collation !== undefined ? a.collation : old.collation ?? null,
          onUpdate: a.onUpdate !== undefined ? a.onUpdate : old.onUpdate ?? null,
        }
        columns = columns.map((c) => (c === old ? updated : c))
        if (name !== old.name) {
          const source = copy.get(old.name)
          copy.delete(old.name)
          if (source !== undefined) copy.set(name, source)
          if (primaryKey) primaryKey = { ...primaryKey, columns: renameIn(primaryKey.columns, old.name, name) }
          constraints = constraints.map((c) => (c.kind === 'check' || c.kind === 'exclude' ? c : { ...c, columns: renameIn(c.columns, old.name, name) }))
          indexes = indexes.map((i) => ({ ...i, expressions: i.expressions.map((e) => (e === old.name ? name : e)) }))
        }
        break
      }
      case 'addConstraint':
        if (change.constraint.kind === 'primaryKey') primaryKey = change.constraint
        else constraints.push(change.constraint)
        break
      case 'dropConstraint': {
        if (primaryKey && (primaryKey.name === change.name || (change.constraintKind === 'primaryKey' && change.name === ''))) {
          primaryKey = null
          break
        }
        const before = constraints.length
        constraints = constraints.filter((c) => c.name !== change.name)
        if (constraints.length === before) throw new UsageError(`table "${shape.name}" has no constraint named "${change.name}"`)
        break
      }
      case 'createIndex':
        indexes.push({ ...change.index, table: shape.name, schema: shape.schema })
        break
      case 'dropIndex': {
        const before = indexes.length
        indexes = indexes.filter((i) => i.name !== change.name)
        if (indexes.length === before) throw new UsageError(`table "${shape.name}" has no index named "${change.name}"`)
        break
      }
      case 'setTableComment':
        break
    }
  }
  const table = new Table({
    name: shape.name,
    schema: shape.schema,
    comment: shape.comment,
    columns: columns.map((c) => Object.freeze({ ...c, primaryKey: primaryKey?.columns.includes(c.name) ?? false })),
    parts: { primaryKey, constraints, indexes },
  })
  return { table, copy }
}

/**
 * The columns to drop when every change is a drop of a column no key,
 * constraint, index or check depends on (so SQLite's own DROP COLUMN works);
 * null when any change needs the full move-and-copy. Drops marked `ifExists`
 * of a missing column are left out.
 *
 * @example
 * plainDroppableColumns(shape, [{ kind: 'dropColumn', column: 'legacy' }]) // ['legacy']
 */
export function plainDroppableColumns(shape: Table, changes: readonly TableChange[]): string[] | null {
  const out: string[] = []
  for (const change of changes) {
    if (change.kind !== 'dropColumn') return null
    const column = shape.column(change.column)
    if (!column) {
      if (change.ifExists) continue
      return null // planBatch reports the missing column
    }
    const name = column.name
    const used =
      shape.primaryKey?.columns.includes(name) ||
      shape.constraints.some((c) => (c.kind === 'check' || c.kind === 'exclude' ? mentionsIdentifier(sqlText(c.kind === 'check' ? c.expression : c.definition), name) : c.columns.includes(name))) ||
      shape.indexes.some(
        (i) =>
          i.expressions.some((e) => (typeof e === 'string' ? e === name : mentionsIdentifier(sqlText(e), name))) ||
          (i.where !== null && mentionsIdentifier(sqlText(i.where), name)),
      )
    if (used) return null
    out.push(name)
  }
  return out
}
