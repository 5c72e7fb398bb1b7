import type { ExistenceOptions, StorageChange, TableName } from '../../dialect/ddl-compiler.js'
import type { Table } from '../../schema/table.js'
import type { OperationExecutor } from '../executor.js'
import { Irreversible } from './irreversible.js'
import { runStatements, runTableChange, tableName, type MigrateOperation, type TableChangeOperation } from './migrate-operation.js'

/** CREATE TABLE, with its constraints, indexes, comments (and PostgreSQL enum types). */
export class CreateTableOp implements MigrateOperation {
  readonly kind = 'create_table'
  constructor(
    readonly table: Table,
    readonly options: ExistenceOptions = {},
  ) {
    Object.freeze(this)
  }
  async run(executor: OperationExecutor): Promise<void> {
    await runStatements(executor, executor.dialect.compiler.createTable(this.table, this.options))
  }
  reverse(): DropTableOp {
    return new DropTableOp(tableName(this.table.name, this.table.schema), { existing: this.table, ...(this.options.ifNotExists ? { ifExists: true } : {}) })
  }
}

/** DROP TABLE; on PostgreSQL also drops enum types no other column uses. */
export class DropTableOp implements MigrateOperation {
  readonly kind = 'drop_table'
  constructor(
    readonly table: TableName,
    readonly options: ExistenceOptions & { existing?: Table } = {},
  ) {
    Object.freeze(this)
  }
  async run(executor: OperationExecutor): Promise<void> {
    const known = this.options.existing === undefined ? await executor.needsTypeCleanup?.(this.table) : undefined
    await runStatements(executor, executor.dialect.compiler.dropTable(this.table, known === false ? { ...this.options, typeCleanup: false } : this.options))
  }
  reverse(): CreateTableOp | Irreversible {
    if (!this.options.existing) return new Irreversible(this.kind, `the definition of "${this.table.name}" is not known`)
    return new CreateTableOp(this.options.existing, this.options.ifExists ? { ifNotExists: true } : {})
  }
}

/** ALTER TABLE … RENAME TO. */
export class RenameTableOp implements MigrateOperation {
  readonly kind = 'rename_table'
  constructor(
    readonly table: TableName,
    readonly newName: string,
  ) {
    Object.freeze(this)
  }
  async run(executor: OperationExecutor): Promise<void> {
    await runStatements(executor, executor.dialect.compiler.renameTable(this.table, this.newName))
  }
  reverse(): RenameTableOp {
    return new RenameTableOp(tableName(this.newName, this.table.schema), this.table.name)
  }
}

/** Sets a table comment (`existingComment` makes it reversible). */
export class CreateTableCommentOp implements TableChangeOperation {
  readonly kind = 'create_table_comment'
  constructor(
    readonly table: TableName,
    readonly comment: string,
    readonly existingComment: string | null = null,
  ) {
    Object.freeze(this)
  }
  toChange() {
    return { kind: 'setTableComment' as const, comment: this.comment }
  }
  async run(executor: OperationExecutor): Promise<void> {
    await runTableChange(executor, this.table, this.toChange(), () => executor.dialect.compiler.setTableComment(this.table, this.comment))
  }
  reverse(): CreateTableCommentOp | DropTableCommentOp {
    return this.existingComment === null
      ? new DropTableCommentOp(this.table, this.comment)
      : new CreateTableCommentOp(this.table, this.existingComment, this.comment)
  }
}

/** Removes a table comment (`existingComment` makes it reversible). */
export class DropTableCommentOp implements TableChangeOperation {
  readonly kind = 'drop_table_comment'
  constructor(
    readonly table: TableName,
    readonly existingComment: string | null = null,
  ) {
    Object.freeze(this)
  }
  toChange() {
    return { kind: 'setTableComment' as const, comment: null }
  }
  async run(executor: OperationExecutor): Promise<void> {
    await runTableChange(executor, this.table, this.toChange(), () => executor.dialect.compiler.setTableComment(this.table, null))
  }
  reverse(): CreateTableCommentOp | Irreversible {
    if (this.existingComment === null) return new Irreversible(this.kind, 'the comment being dropped is not known (pass existingComment)')
    return new CreateTableCommentOp(this.table, this.existingComment)
  }
}

/**
 * Changes a table's storage (PostgreSQL): `SET LOGGED`/`SET UNLOGGED`, and
 * storage parameters set or reset. `existing` states them before the change,
 * which makes it reversible.
 */
export class AlterTableStorageOp implements MigrateOperation {
  readonly kind = 'alter_table_storage'
  constructor(
    readonly table: TableName,
    readonly change: StorageChange,
    readonly existing: StorageChange | null = null,
  ) {
    Object.freeze(this)
  }
  async run(executor: OperationExecutor): Promise<void> {
    await runStatements(executor, executor.dialect.compiler.alterTableStorage(this.table, this.change))
  }
  reverse(): AlterTableStorageOp | Irreversible {
    if (this.existing === null) return new Irreversible(this.kind, `the storage of "${this.table.name}" before the change is not known (pass existing)`)
    return new AlterTableStorageOp(this.table, this.existing, this.change)
  }
}
