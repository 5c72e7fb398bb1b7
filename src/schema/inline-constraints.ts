/**
 * A column's own constraint settings (`primaryKey()`, `unique()`,
 * `references()`, `index()`) turned into table constraints and indexes.
 * This is the only place that expansion happens: a model table, `op.addColumn`
 * and SQLite's batch rebuild all call it, so one column yields the same
 * constraints, under the same names, whichever way it reaches the database.
 */
import { resolveTarget, type Column } from './column.js'
import type { ForeignKeyConstraint, Index, PrimaryKeyConstraint, UniqueConstraint } from './constraints.js'
import { constraintName, indexName, type ConstraintNaming } from './naming-convention.js'

/** What columns declare on themselves, as table parts. */
export interface InlineConstraints {
  /** Over every column marked `primaryKey()`, in column order; null when none is. */
  readonly primaryKey: PrimaryKeyConstraint | null
  /** Per column in order: its unique constraint, then its foreign key. */
  readonly constraints: readonly (UniqueConstraint | ForeignKeyConstraint)[]
  readonly indexes: readonly Index[]
}

/**
 * The constraints and indexes `columns` of table `table` declare inline,
 * named by `naming`.
 *
 * @example
 * const email = t.string(255).unique().index().build('email', 'users')
 * inlineConstraints({ name: 'users', schema: null }, [email], { convention: DEFAULT_NAMING_CONVENTION, situation: 'existingTable' })
 * // { primaryKey: null, constraints: [{ kind: 'unique', name: 'uq_users_email', … }], indexes: [{ name: 'ix_users_email', … }] }
 */
export function inlineConstraints(
  table: { readonly name: string; readonly schema: string | null },
  columns: readonly Column[],
  naming: ConstraintNaming,
): InlineConstraints {
  const tableName = table.name
  const keyColumns = columns.filter((c) => c.primaryKey).map((c) => c.name)
  const primaryKey: PrimaryKeyConstraint | null =
    keyColumns.length === 0 ? null : { kind: 'primaryKey', name: constraintName('pk', { tableName, columns: keyColumns }, null, naming), columns: keyColumns }

  const constraints: (UniqueConstraint | ForeignKeyConstraint)[] = []
  for (const column of columns) {
    const own = [column.name]
    if (column.unique) constraints.push({ kind: 'unique', name: constraintName('uq', { tableName, columns: own }, null, naming), columns: own })
    if (column.references) {
      const ref = column.references
      const target = resolveTarget(ref.target)
      const context = { tableName, columns: own, referredTable: target.table, referredColumns: [target.column] }
      constraints.push({
        kind: 'foreignKey',
        name: constraintName('fk', context, ref.name ?? null, naming),
        columns: own,
        referredSchema: target.schema,
        referredTable: target.table,
        referredColumns: [target.column],
        onDelete: ref.onDelete ?? null,
        onUpdate: ref.onUpdate ?? null,
        deferrable: ref.deferrable ?? false,
        ...(ref.notValid ? { notValid: true } : {}),
        ...(ref.match ? { match: ref.match } : {}),
      })
    }
  }

  const indexes: Index[] = columns
    .filter((c) => c.index)
    .map((c) => ({
      kind: 'index',
      name: indexName({ tableName, columns: [c.name] }, null, naming),
      table: tableName,
      schema: table.schema,
      expressions: [c.name],
      unique: false,
      where: null,
    }))
  return { primaryKey, constraints, indexes }
}

/**
 * The column without the settings {@link inlineConstraints} turns into table
 * parts, for code that adds those parts itself.
 *
 * @example
 * withoutInlineConstraints(email).unique // false
 */
export function withoutInlineConstraints(column: Column): Column {
  if (!column.primaryKey && !column.unique && !column.index && column.references === null) return column
  return Object.freeze({ ...column, primaryKey: false, unique: false, index: false, references: null })
}
