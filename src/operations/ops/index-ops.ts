import type { IndexOptions, TableName } from '../../dialect/ddl-compiler.js'
import type { Index } from '../../schema/constraints.js'
import type { OperationExecutor } from '../executor.js'
import { irreversible, runTableChange, tableName, type TableChangeOperation } from './migrate-operation.js'

/** CREATE [UNIQUE] INDEX, over columns or expressions, optionally partial. */
export class CreateIndexOp implements TableChangeOperation {
  readonly kind = 'create_index'
  constructor(
    readonly index: Index,
    readonly options: IndexOptions = {},
  ) {}
  get table(): TableName {
    return tableName(this.index.table, this.index.schema)
  }
  toChange() {
    return { kind: 'createIndex' as const, index: this.index }
  }
  async run(executor: OperationExecutor): Promise<void> {
    await runTableChange(executor, this.table, this.toChange(), () => executor.dialect.compiler.createIndex(this.index, this.options))
  }
  reverse(): DropIndexOp {
    return new DropIndexOp(this.index.name, this.table, { existing: this.index, ...(this.options.concurrently ? { concurrently: true } : {}) })
  }
}

/** DROP INDEX. MySQL needs the table's name. */
export class DropIndexOp implements TableChangeOperation {
  readonly kind = 'drop_index'
  constructor(
    readonly name: string,
    readonly table: TableName,
    readonly options: IndexOptions & { existing?: Index } = {},
  ) {}
  toChange() {
    return { kind: 'dropIndex' as const, name: this.name }
  }
  async run(executor: OperationExecutor): Promise<void> {
    await runTableChange(executor, this.table, this.toChange(), () =>
      executor.dialect.compiler.dropIndex(this.table, this.name, this.options),
    )
  }
  reverse(): CreateIndexOp {
    if (!this.options.existing) irreversible(this.kind, `the definition of index "${this.name}" is not known`)
    return new CreateIndexOp(this.options.existing)
  }
}
