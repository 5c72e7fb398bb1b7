import { UsageError } from '../../errors.js'
import type { TableName } from '../../dialect/ddl-compiler.js'
import type { Table } from '../../schema/table.js'
import type { OperationExecutor } from '../executor.js'
import type { MigrateOperation, TableChangeOperation } from './migrate-operation.js'

/** When batch mode rebuilds the table: when needed (default), always, or never. */
export type RecreateMode = 'auto' | 'always' | 'never'

/**
 * Several changes to one table applied together. Where any change needs a
 * rebuild (SQLite), all of them are done by one move-and-copy; elsewhere each
 * runs as its own ALTER, as in Alembic.
 */
export class BatchAlterTableOp implements MigrateOperation {
  readonly kind = 'batch_alter_table'
  constructor(
    readonly table: TableName,
    readonly ops: readonly TableChangeOperation[],
    readonly options: { recreate?: RecreateMode; copyFrom?: Table } = {},
  ) {}

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

  /** The reversed changes in reverse order; the shape given for offline use no longer applies. */
  reverse(): BatchAlterTableOp {
    const reversed = [...this.ops].reverse().map((op) => op.reverse() as TableChangeOperation)
    return new BatchAlterTableOp(this.table, reversed, this.options.recreate ? { recreate: this.options.recreate } : {})
  }
}
