import { UsageError } from '../../errors.js'
import type { TableName } from '../../dialect/ddl-compiler.js'
import type { Table } from '../../schema/table.js'
import type { OperationExecutor } from '../executor.js'
import { Irreversible } from './irreversible.js'
import type { MigrateOperation } from './migrate-operation.js'
import type { TableChangeOp } from './op-kinds.js'

/** When batch mode rebuilds the table: when needed (default), always, or never. */
export type RecreateMode = 'auto' | 'always' | 'never'

/**
 * Several changes to one table applied together. Where any change needs a
 * rebuild (SQLite), all of them are done by one move-and-copy; elsewhere each
 * runs as its own ALTER, as in Alembic.
 */
export class BatchAlterTableOp implements MigrateOperation {
  readonly kind = 'batch_alter_table'
  readonly ops: readonly TableChangeOp[]
  constructor(
    readonly table: TableName,
    ops: readonly TableChangeOp[],
    readonly options: { recreate?: RecreateMode; copyFrom?: Table } = {},
  ) {
    this.ops = Object.freeze([...ops])
    Object.freeze(this)
  }

  async run(executor: OperationExecutor): Promise<void> {
    const { dialect } = executor
    const changes = this.ops.map((op) => op.toChange())
    const recreate = this.options.recreate ?? 'auto'
    const needed = changes.some((c) => dialect.compiler.needsRebuild(c))
    if (needed && recreate === 'never') {
      throw new UsageError(`batch on "${this.table.name}" needs a table rebuild on ${dialect.name}, but recreate is 'never'`)
    }
    const rebuild = recreate === 'always' || needed
    if (rebuild && dialect.rebuilder) {
      await dialect.rebuilder.rebuild(executor, this.table, changes, {
        ...(this.options.copyFrom ? { shape: this.options.copyFrom } : {}),
        always: recreate === 'always',
      })
      return
    }
    if (rebuild && recreate === 'always') throw new UsageError(`recreate: 'always' is not available on ${dialect.name}`)
    for (const op of this.ops) await op.run(executor)
  }

  /**
   * The reversed changes in reverse order; the shape given for offline use
   * no longer applies. Irreversible when one of the changes is.
   */
  reverse(): BatchAlterTableOp | Irreversible {
    const reversed: TableChangeOp[] = []
    for (const op of [...this.ops].reverse()) {
      const undo = op.reverse()
      if (undo instanceof Irreversible) return new Irreversible(this.kind, `its ${undo.operation} cannot be undone: ${undo.reason}`)
      reversed.push(undo)
    }
    return this.withOps(reversed)
  }

  /** The same batch (table, recreate mode) over other changes. */
  withOps(ops: readonly TableChangeOp[]): BatchAlterTableOp {
    return new BatchAlterTableOp(this.table, ops, this.options.recreate ? { recreate: this.options.recreate } : {})
  }
}
