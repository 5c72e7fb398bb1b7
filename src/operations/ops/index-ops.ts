import type { IndexOptions, TableName } from '../../dialect/ddl-compiler.js'
import { sortOrder, type Index, type IndexAccessOptions } from '../../schema/constraints.js'
import type { SqlFragment } from '../../schema/sql.js'
import type { OperationExecutor } from '../executor.js'
import { Irreversible } from './irreversible.js'
import { fragment, runTableChange, tableName, type TableChangeOperation } from './migrate-operation.js'

/** Options of `createIndex`. */
export interface CreateIndexOptions extends IndexAccessOptions {
  readonly schema?: string
  readonly unique?: boolean
  readonly where?: SqlFragment | string
  readonly ifNotExists?: boolean
  /** PostgreSQL CREATE INDEX CONCURRENTLY; run it inside `op.autocommitBlock`. Ignored elsewhere. */
  readonly concurrently?: boolean
}

/** CREATE [UNIQUE] INDEX, over columns or expressions, optionally partial. */
export class CreateIndexOp implements TableChangeOperation {
  readonly kind = 'create_index'
  constructor(
    readonly index: Index,
    readonly options: IndexOptions = {},
  ) {
    Object.freeze(this)
  }

  /**
   * The op `op.createIndex` and `b.createIndex` build.
   *
   * @example
   * CreateIndexOp.of('ix_account_name', { name: 'account', schema: null }, ['name'], { unique: true })
   */
  static of(name: string, table: TableName, columns: readonly (string | SqlFragment)[], options: CreateIndexOptions = {}): CreateIndexOp {
    return new CreateIndexOp(
      Object.freeze({
        kind: 'index' as const,
        name,
        table: table.name,
        schema: table.schema,
        expressions: Object.freeze([...columns]),
        unique: options.unique ?? false,
        where: options.where === undefined ? null : fragment(options.where),
        ...accessOf(options),
      }),
      { ...(options.ifNotExists ? { ifNotExists: true } : {}), ...(options.concurrently ? { concurrently: true } : {}) },
    )
  }

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
    return new DropIndexOp(this.index.name, this.table, {
      existing: this.index,
      ...(this.options.ifNotExists ? { ifExists: true } : {}),
      ...(this.options.concurrently ? { concurrently: true } : {}),
    })
  }
}

/** DROP INDEX. MySQL needs the table's name. */
export class DropIndexOp implements TableChangeOperation {
  readonly kind = 'drop_index'
  constructor(
    readonly name: string,
    readonly table: TableName,
    readonly options: IndexOptions & { existing?: Index } = {},
  ) {
    Object.freeze(this)
  }
  toChange() {
    return { kind: 'dropIndex' as const, name: this.name }
  }
  async run(executor: OperationExecutor): Promise<void> {
    await runTableChange(executor, this.table, this.toChange(), () =>
      executor.dialect.compiler.dropIndex(this.table, this.name, this.options),
    )
  }
  reverse(): CreateIndexOp | Irreversible {
    if (!this.options.existing) return new Irreversible(this.kind, `the definition of index "${this.name}" is not known`)
    return new CreateIndexOp(this.options.existing, {
      ...(this.options.ifExists ? { ifNotExists: true } : {}),
      ...(this.options.concurrently ? { concurrently: true } : {}),
    })
  }
}

/** The access options stated in `options` (method, operator classes, sort orders, INCLUDE, NULLS NOT DISTINCT, prefix lengths). */
function accessOf(options: IndexAccessOptions): IndexAccessOptions {
  const { method, opclasses, sortOrders, include, nullsNotDistinct, prefixLengths } = options
  return {
    ...(method ? { method } : {}),
    ...(opclasses ? { opclasses: Object.freeze([...opclasses]) } : {}),
    ...(sortOrders ? { sortOrders: Object.freeze(sortOrders.map(sortOrder)) } : {}),
    ...(include ? { include: Object.freeze([...include]) } : {}),
    ...(nullsNotDistinct ? { nullsNotDistinct: true } : {}),
    ...(prefixLengths ? { prefixLengths: Object.freeze([...prefixLengths]) } : {}),
  }
}
