import type { ConstraintKind, TableName } from '../dialect/ddl-compiler.js'
import type { ColumnInput } from '../schema/column.js'
import type { SqlFragment } from '../schema/sql.js'
import { AddColumnOp, AlterColumnOp, DropColumnOp, type AlterColumnOptions } from './ops/column-ops.js'
import { AddConstraintOp, DropConstraintOp, type CreateForeignKeyOptions } from './ops/constraint-ops.js'
import { CreateIndexOp, DropIndexOp, type CreateIndexOptions } from './ops/index-ops.js'
import { fragment } from './ops/migrate-operation.js'
import type { TableChangeOp } from './ops/op-kinds.js'
import { CreateTableCommentOp, DropTableCommentOp } from './ops/table-ops.js'

/**
 * The `b` in `op.batchAlterTable('t', (b) => { … })`: the table-level ops,
 * without the table argument, collected and applied together. Each builds
 * the same op as its `op.*` namesake.
 *
 * @example
 * await op.batchAlterTable('account', (b) => {
 *   b.alterColumn('name', { nullable: false })
 *   b.dropColumn('legacy')
 * })
 */
export class BatchOperations {
  readonly #table: TableName
  readonly #ops: TableChangeOp[] = []

  constructor(table: TableName) {
    this.#table = table
  }

  /** The ops collected so far, in call order. */
  get ops(): readonly TableChangeOp[] {
    return [...this.#ops]
  }

  /** `b.addColumn('last_login', t.datetime())` */
  addColumn(name: string, input: ColumnInput, options: { ifNotExists?: boolean } = {}): void {
    this.#ops.push(AddColumnOp.of(this.#table, name, input, options))
  }
  /** `b.dropColumn('legacy')` */
  dropColumn(name: string, options: { ifExists?: boolean } = {}): void {
    this.#ops.push(DropColumnOp.of(this.#table, name, options))
  }
  /** `b.alterColumn('name', { type: t.string(100), existingType: t.string(50) })` */
  alterColumn(name: string, options: Omit<AlterColumnOptions, 'schema'>): void {
    this.#ops.push(AlterColumnOp.of(this.#table, name, options))
  }
  /** `b.createIndex('ix_account_name', ['name'], { unique: true })` */
  createIndex(name: string, columns: readonly (string | SqlFragment)[], options: Omit<CreateIndexOptions, 'schema'> = {}): void {
    this.#ops.push(CreateIndexOp.of(name, this.#table, columns, options))
  }
  /** `b.dropIndex('ix_account_name')` */
  dropIndex(name: string, options: { ifExists?: boolean; concurrently?: boolean } = {}): void {
    this.#ops.push(new DropIndexOp(name, this.#table, options))
  }
  /** `b.createUniqueConstraint('uq_email', ['email'])` */
  createUniqueConstraint(name: string | null, columns: readonly string[]): void {
    this.#ops.push(AddConstraintOp.of(this.#table, { kind: 'unique', name, columns: [...columns] }))
  }
  /** ``b.createCheckConstraint('ck_age', sql`age >= 0`)`` */
  createCheckConstraint(name: string | null, condition: SqlFragment | string): void {
    this.#ops.push(AddConstraintOp.of(this.#table, { kind: 'check', name, expression: fragment(condition) }))
  }
  /** ``b.createExcludeConstraint('no_overlap', sql`USING gist (during WITH &&)`)`` (PostgreSQL) */
  createExcludeConstraint(name: string | null, definition: SqlFragment | string): void {
    this.#ops.push(AddConstraintOp.of(this.#table, { kind: 'exclude', name, definition: fragment(definition) }))
  }
  /** `b.createPrimaryKey('pk_account', ['id'])` */
  createPrimaryKey(name: string | null, columns: readonly string[]): void {
    this.#ops.push(AddConstraintOp.of(this.#table, { kind: 'primaryKey', name, columns: [...columns] }))
  }
  /** `b.createForeignKey('fk_order_account', 'account', ['account_id'], ['id'], { onDelete: 'cascade' })` */
  createForeignKey(name: string | null, referent: string, localColumns: readonly string[], remoteColumns: readonly string[], options: Omit<CreateForeignKeyOptions, 'sourceSchema'> = {}): void {
    const source = this.#table.schema ? { sourceSchema: this.#table.schema } : {}
    this.#ops.push(AddConstraintOp.foreignKey(name, this.#table.name, referent, localColumns, remoteColumns, { ...options, ...source }))
  }
  /** `b.dropConstraint('fk_order_account', { type: 'foreignKey' })` */
  dropConstraint(name: string, options: { type?: ConstraintKind; ifExists?: boolean } = {}): void {
    this.#ops.push(new DropConstraintOp(name, this.#table, options))
  }
  /** `b.createTableComment('people who log in')` */
  createTableComment(comment: string, options: { existingComment?: string | null } = {}): void {
    this.#ops.push(new CreateTableCommentOp(this.#table, comment, options.existingComment ?? null))
  }
  /** `b.dropTableComment({ existingComment: 'people who log in' })` */
  dropTableComment(options: { existingComment?: string | null } = {}): void {
    this.#ops.push(new DropTableCommentOp(this.#table, options.existingComment ?? null))
  }
}
