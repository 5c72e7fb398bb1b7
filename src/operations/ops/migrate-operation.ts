import { UsageError } from '../../errors.js'
import type { TableChange, TableName } from '../../dialect/ddl-compiler.js'
import type { SqlStatement } from '../../dialect/dialect.js'
import { isSqlFragment, sql, type SqlFragment } from '../../schema/sql.js'
import type { OperationExecutor } from '../executor.js'

/**
 * An op as data: what autogenerate emits, the renderer writes as code and
 * the runner compiles to SQL. `kind` is Alembic's name for it. Ops are
 * frozen once built.
 *
 * @example
 * const op = new AddColumnOp({ name: 'account', schema: null }, toColumn('note', t.text()))
 * await op.run(executor); op.reverse() // DropColumnOp
 */
export interface MigrateOperation {
  readonly kind: string
  /** Compiles the op with the executor's dialect and runs (or, offline, emits) its SQL. */
  run(executor: OperationExecutor): Promise<void>
  /** The op that undoes this one, or an {@link Irreversible} saying why there is none. */
  reverse(): MigrateOperation
}

/** An op that is one change to one table, which batch mode can group with others. */
export interface TableChangeOperation extends MigrateOperation {
  readonly table: TableName
  toChange(): TableChange
}

/** True for an op that can take part in a batch. */
export function isTableChangeOperation(op: MigrateOperation): op is TableChangeOperation {
  return typeof (op as Partial<TableChangeOperation>).toChange === 'function'
}

/** Runs statements in order. */
export async function runStatements(executor: OperationExecutor, statements: readonly SqlStatement[]): Promise<void> {
  for (const statement of statements) await executor.run(statement)
}

/**
 * Runs one table change: as the compiler's ALTER statements where the
 * database can, by a table rebuild (SQLite move-and-copy) where it cannot.
 */
export async function runTableChange(
  executor: OperationExecutor,
  table: TableName,
  change: TableChange,
  compile: () => SqlStatement[] | Promise<SqlStatement[]>,
): Promise<void> {
  const { dialect } = executor
  if (dialect.compiler.needsRebuild(change)) {
    if (!dialect.rebuilder) throw new UsageError(`${change.kind} on "${table.name}" needs a table rebuild, which this database cannot do`)
    await dialect.rebuilder.rebuild(executor, table, [change])
    return
  }
  await runStatements(executor, await compile())
}

/** `{ name, schema }` from a name and an optional schema. */
export function tableName(name: string, schema?: string | null): TableName {
  return Object.freeze({ name, schema: schema ?? null })
}

/** SQL text as a fragment: ops accept either where they take an expression. `fragment('a > 0')` */
export function fragment(value: SqlFragment | string): SqlFragment {
  return isSqlFragment(value) ? value : sql.raw(value)
}
