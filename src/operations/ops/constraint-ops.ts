import type { AddConstraintOptions, ConstraintKind, ExistenceOptions, TableName } from '../../dialect/ddl-compiler.js'
import type { ForeignKeyOptions } from '../../schema/column.js'
import type { Constraint, ForeignKeyConstraint } from '../../schema/constraints.js'
import type { OperationExecutor } from '../executor.js'
import { Irreversible } from './irreversible.js'
import { runStatements, runTableChange, tableName, type MigrateOperation, type TableChangeOperation } from './migrate-operation.js'

/** Alembic's op name for adding each kind of constraint. */
const ADD_CONSTRAINT_KINDS = Object.freeze({
  primaryKey: 'create_primary_key',
  unique: 'create_unique_constraint',
  check: 'create_check_constraint',
  foreignKey: 'create_foreign_key',
  exclude: 'create_exclude_constraint',
} as const satisfies Record<ConstraintKind, string>)

/** The op kind of adding constraint `C`: `AddConstraintKind<UniqueConstraint>` is `'create_unique_constraint'`. */
export type AddConstraintKind<C extends Constraint> = (typeof ADD_CONSTRAINT_KINDS)[C['kind']]

/**
 * The add-constraint op for each kind in `C`, as a union:
 * `AddConstraintOpOf<Constraint>` is `AddConstraintOp<PrimaryKeyConstraint> | AddConstraintOp<UniqueConstraint> | …`.
 */
export type AddConstraintOpOf<C extends Constraint> = C extends Constraint ? AddConstraintOp<C> : never

/** Options of `createForeignKey`. */
export interface CreateForeignKeyOptions extends Omit<ForeignKeyOptions, 'name'>, AddConstraintOptions {
  readonly sourceSchema?: string
  readonly referentSchema?: string
}

/**
 * ALTER TABLE … ADD CONSTRAINT: Alembic's create_primary_key,
 * create_unique_constraint, create_check_constraint, create_foreign_key and
 * create_exclude_constraint (PostgreSQL),
 * told apart by the constraint's kind (and typed by it: an
 * `AddConstraintOp<UniqueConstraint>` has kind `create_unique_constraint`).
 */
export class AddConstraintOp<C extends Constraint = Constraint> implements TableChangeOperation {
  readonly kind: AddConstraintKind<C>
  readonly constraint: C
  constructor(
    readonly table: TableName,
    constraint: C,
    readonly options: AddConstraintOptions = {},
  ) {
    this.kind = ADD_CONSTRAINT_KINDS[constraint.kind as C['kind']]
    this.constraint = Object.freeze(constraint)
    Object.freeze(this)
  }

  /**
   * The op that adds `constraint`, typed by its kind (what `op.createUniqueConstraint`, `op.createPrimaryKey`, … build).
   *
   * @example
   * AddConstraintOp.of({ name: 'account', schema: null }, { kind: 'unique', name: 'uq_email', columns: ['email'] })
   */
  static of<C extends Constraint>(table: TableName, constraint: C, options: AddConstraintOptions = {}): AddConstraintOpOf<C> {
    return new AddConstraintOp(table, constraint, options.notValid ? { notValid: true } : {}) as unknown as AddConstraintOpOf<C>
  }

  /**
   * The op `op.createForeignKey` and `b.createForeignKey` build (Alembic's argument order).
   *
   * @example
   * AddConstraintOp.foreignKey('fk_order_account', 'order', 'account', ['account_id'], ['id'], { onDelete: 'cascade' })
   */
  static foreignKey(
    name: string | null,
    source: string,
    referent: string,
    localColumns: readonly string[],
    remoteColumns: readonly string[],
    options: CreateForeignKeyOptions = {},
  ): AddConstraintOp<ForeignKeyConstraint> {
    return new AddConstraintOp(tableName(source, options.sourceSchema), {
      kind: 'foreignKey',
      name,
      columns: [...localColumns],
      referredSchema: options.referentSchema ?? null,
      referredTable: referent,
      referredColumns: [...remoteColumns],
      onDelete: options.onDelete ?? null,
      onUpdate: options.onUpdate ?? null,
      deferrable: options.deferrable ?? false,
      ...(options.match ? { match: options.match } : {}),
    }, options.notValid ? { notValid: true } : {})
  }

  toChange() {
    return { kind: 'addConstraint' as const, constraint: this.constraint }
  }
  async run(executor: OperationExecutor): Promise<void> {
    await runTableChange(executor, this.table, this.toChange(), () => executor.dialect.compiler.addConstraint(this.table, this.constraint, this.options))
  }
  reverse(): DropConstraintOp | Irreversible {
    // A table has one primary key: where the database names none (SQLite) or needs no name to drop it (MySQL), '' finds it.
    if (this.constraint.name === null && this.constraint.kind === 'primaryKey') return new DropConstraintOp('', this.table, { type: 'primaryKey', existing: this.constraint })
    if (this.constraint.name === null) return new Irreversible(this.kind, 'an unnamed constraint cannot be dropped by name')
    return new DropConstraintOp(this.constraint.name, this.table, { type: this.constraint.kind, existing: this.constraint })
  }
}

/**
 * ALTER TABLE … VALIDATE CONSTRAINT on PostgreSQL: checks the rows a
 * constraint added `notValid` skipped, holding only a SHARE UPDATE EXCLUSIVE
 * lock, so writes go on. Nothing elsewhere: MySQL and SQLite check (or not)
 * when the constraint is added. Its reverse validates again, which is
 * harmless: a validated constraint cannot be un-validated, and a downgrade
 * that reaches it finds the constraint as the upgrade left it.
 */
export class ValidateConstraintOp implements MigrateOperation {
  readonly kind = 'validate_constraint'
  constructor(
    readonly name: string,
    readonly table: TableName,
  ) {
    Object.freeze(this)
  }
  async run(executor: OperationExecutor): Promise<void> {
    await runStatements(executor, executor.dialect.compiler.validateConstraint(this.table, this.name))
  }
  reverse(): ValidateConstraintOp {
    return this
  }
}

/** ALTER TABLE … DROP CONSTRAINT (`type` picks MySQL's DROP FOREIGN KEY / INDEX / PRIMARY KEY). */
export class DropConstraintOp implements TableChangeOperation {
  readonly kind = 'drop_constraint'
  constructor(
    readonly name: string,
    readonly table: TableName,
    readonly options: ExistenceOptions & { type?: ConstraintKind; existing?: Constraint } = {},
  ) {
    Object.freeze(this)
  }

  /** The constraint's kind, as given or as the dropped definition says; null when neither tells. */
  get constraintKind(): ConstraintKind | null {
    return this.options.type ?? this.options.existing?.kind ?? null
  }

  toChange() {
    return { kind: 'dropConstraint' as const, name: this.name, constraintKind: this.constraintKind }
  }
  async run(executor: OperationExecutor): Promise<void> {
    const change = this.toChange()
    await runTableChange(executor, this.table, change, () =>
      executor.dialect.compiler.dropConstraint(this.table, this.name, change.constraintKind, { ifExists: this.options.ifExists ?? false }),
    )
  }
  reverse(): AddConstraintOpOf<Constraint> | Irreversible {
    if (!this.options.existing) return new Irreversible(this.kind, `the definition of constraint "${this.name}" is not known`)
    return AddConstraintOp.of(this.table, this.options.existing)
  }
}
