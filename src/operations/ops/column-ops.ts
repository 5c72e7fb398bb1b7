import type { ColumnAlteration, ExistenceOptions, TableName } from '../../dialect/ddl-compiler.js'
import type { Column } from '../../schema/column.js'
import type { OperationExecutor } from '../executor.js'
import { irreversible, runTableChange, type TableChangeOperation } from './migrate-operation.js'

/** ALTER TABLE … ADD COLUMN (SQLite rebuilds when the column carries a constraint). */
export class AddColumnOp implements TableChangeOperation {
  readonly kind = 'add_column'
  constructor(
    readonly table: TableName,
    readonly column: Column,
    readonly options: ExistenceOptions = {},
  ) {}
  toChange() {
    return { kind: 'addColumn' as const, column: this.column }
  }
  async run(executor: OperationExecutor): Promise<void> {
    await runTableChange(executor, this.table, this.toChange(), () => executor.dialect.compiler.addColumn(this.table, this.column, this.options))
  }
  reverse(): DropColumnOp {
    return new DropColumnOp(this.table, this.column.name, { existing: this.column })
  }
}

/** ALTER TABLE … DROP COLUMN (SQLite rebuilds, keeping the table's other constraints). */
export class DropColumnOp implements TableChangeOperation {
  readonly kind = 'drop_column'
  constructor(
    readonly table: TableName,
    readonly column: string,
    readonly options: ExistenceOptions & { existing?: Column } = {},
  ) {}
  toChange() {
    return { kind: 'dropColumn' as const, column: this.column, ...(this.options.ifExists ? { ifExists: true } : {}) }
  }
  async run(executor: OperationExecutor): Promise<void> {
    await runTableChange(executor, this.table, this.toChange(), () =>
      executor.dialect.compiler.dropColumn(this.table, this.column, this.options),
    )
  }
  reverse(): AddColumnOp {
    if (!this.options.existing) irreversible(this.kind, `the definition of column "${this.column}" is not known`)
    return new AddColumnOp(this.table, this.options.existing)
  }
}

/** Changes a column's type, nullability, default, comment or name. */
export class AlterColumnOp implements TableChangeOperation {
  readonly kind = 'alter_column'
  constructor(
    readonly table: TableName,
    readonly alteration: ColumnAlteration,
  ) {}
  toChange() {
    return { kind: 'alterColumn' as const, alteration: this.alteration }
  }
  async run(executor: OperationExecutor): Promise<void> {
    await runTableChange(executor, this.table, this.toChange(), () => executor.dialect.compiler.alterColumn(this.table, this.alteration))
  }
  /** Swaps each changed attribute with its `existing*` value; an attribute changed without one cannot be undone. */
  reverse(): AlterColumnOp {
    const a = this.alteration
    const need = (what: string, value: unknown) => {
      if (value === undefined) irreversible(this.kind, `${what} of "${a.column}" changed without its existing value`)
    }
    if (a.type !== undefined) need('the type', a.existingType)
    if (a.nullable !== undefined) need('nullability', a.existingNullable)
    if (a.serverDefault !== undefined) need('the server default', a.existingServerDefault)
    if (a.comment !== undefined) need('the comment', a.existingComment)
    const name = a.newName ?? a.column
    return new AlterColumnOp(this.table, {
      column: name,
      ...(a.newName !== undefined && a.newName !== a.column ? { newName: a.column } : {}),
      ...(a.type !== undefined ? { type: a.existingType!, existingType: a.type } : a.existingType !== undefined ? { existingType: a.existingType } : {}),
      ...(a.nullable !== undefined ? { nullable: a.existingNullable!, existingNullable: a.nullable } : a.existingNullable !== undefined ? { existingNullable: a.existingNullable } : {}),
      ...(a.serverDefault !== undefined
        ? { serverDefault: a.existingServerDefault!, existingServerDefault: a.serverDefault }
        : a.existingServerDefault !== undefined
          ? { existingServerDefault: a.existingServerDefault }
          : {}),
      ...(a.comment !== undefined ? { comment: a.existingComment!, existingComment: a.comment } : a.existingComment !== undefined ? { existingComment: a.existingComment } : {}),
      ...(a.existingAutoincrement !== undefined ? { existingAutoincrement: a.existingAutoincrement } : {}),
    })
  }
}
