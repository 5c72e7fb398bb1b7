import type { ConstraintKind, TableName } from '../dialect/ddl-compiler.js'
import type { ColumnInput } from '../schema/column.js'
import type { SqlFragment } from '../schema/sql.js'
import { opConstructors, type AlterColumnOptions, type CreateForeignKeyOptions, type CreateIndexOptions } from './op-constructors.js'
import type { TableChangeOperation } from './ops/migrate-operation.js'

/**
 * The `b` in `op.batchAlterTable('t', (b) => { … })`: the table-level ops,
 * without the table argument, collected and applied together.
 *
 * @example
 * await op.batchAlterTable('account', (b) => {
 *   b.alterColumn('name', { nullable: false })
 *   b.dropColumn('legacy')
 * })
 */
export class BatchOperations {
  readonly #table: TableName
  readonly #ops: TableChangeOperation[] = []

  constructor(table: TableName) {
    this.#table = table
  }

  /** The ops collected so far, in call order. */
  get ops(): readonly TableChangeOperation[] {
    return [...this.#ops]
  }

  addColumn(name: string, input: ColumnInput): void {
    this.#ops.push(opConstructors.addColumn(this.#table, name, input))
  }
  dropColumn(name: string): void {
    this.#ops.push(opConstructors.dropColumn(this.#table, name))
  }
  alterColumn(name: string, options: Omit<AlterColumnOptions, 'schema'>): void {
    this.#ops.push(opConstructors.alterColumn(this.#table, name, options))
  }
  createIndex(name: string, columns: readonly (string | SqlFragment)[], options: Omit<CreateIndexOptions, 'schema'> = {}): void {
    this.#ops.push(opConstructors.createIndex(name, this.#table, columns, options))
  }
  dropIndex(name: string): void {
    this.#ops.push(opConstructors.dropIndex(name, this.#table))
  }
  createUniqueConstraint(name: string | null, columns: readonly string[]): void {
    this.#ops.push(opConstructors.addConstraint(this.#table, { kind: 'unique', name, columns: [...columns] }))
  }
  createCheckConstraint(name: string | null, condition: SqlFragment | string): void {
    this.#ops.push(opConstructors.addConstraint(this.#table, { kind: 'check', name, expression: opConstructors.checkExpression(condition) }))
  }
  createPrimaryKey(name: string | null, columns: readonly string[]): void {
    this.#ops.push(opConstructors.addConstraint(this.#table, { kind: 'primaryKey', name, columns: [...columns] }))
  }
  createForeignKey(name: string | null, referent: string, localColumns: readonly string[], remoteColumns: readonly string[], options: Omit<CreateForeignKeyOptions, 'sourceSchema'> = {}): void {
    this.#ops.push(opConstructors.createForeignKey(name, this.#table.name, referent, localColumns, remoteColumns, { ...options, ...(this.#table.schema ? { sourceSchema: this.#table.schema } : {}) }))
  }
  dropConstraint(name: string, options: { type?: ConstraintKind } = {}): void {
    this.#ops.push(opConstructors.dropConstraint(name, this.#table, options))
  }
}
