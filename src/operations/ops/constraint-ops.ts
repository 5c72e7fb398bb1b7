import type { ConstraintKind, ExistenceOptions, TableName } from '../../dialect/ddl-compiler.js'
import type { Constraint } from '../../schema/constraints.js'
import type { OperationExecutor } from '../executor.js'
import { irreversible, runTableChange, type TableChangeOperation } from './migrate-operation.js'

const KIND_NAMES: Record<ConstraintKind, string> = {
  primaryKey: 'create_primary_key',
  unique: 'create_unique_constraint',
  check: 'create_check_constraint',
  foreignKey: 'create_foreign_key',
}

/**
 * ALTER TABLE … ADD CONSTRAINT: Alembic's create_primary_key,
 * create_unique_constraint, create_check_constraint and create_foreign_key,
 * told apart by the constraint's kind.
 */
export class AddConstraintOp implements TableChangeOperation {
  readonly kind: string
  constructor(
    readonly table: TableName,
    readonly constraint: Constraint,
  ) {
    this.kind = KIND_NAMES[constraint.kind]
  }
  toChange() {
    return { kind: 'addConstraint' as const, constraint: this.constraint }
  }
  async run(executor: OperationExecutor): Promise<void> {
    await runTableChange(executor, this.table, this.toChange(), () => executor.dialect.compiler.addConstraint(this.table, this.constraint))
  }
  reverse(): DropConstraintOp {
    if (this.constraint.name === null) irreversible(this.kind, 'an unnamed constraint cannot be dropped by name')
    return new DropConstraintOp(this.constraint.name, this.table, { type: this.constraint.kind, existing: this.constraint })
  }
}

/** ALTER TABLE … DROP CONSTRAINT (`type` picks MySQL's DROP FOREIGN KEY / INDEX / PRIMARY KEY). */
export class DropConstraintOp implements TableChangeOperation {
  readonly kind = 'drop_constraint'
  constructor(
    readonly name: string,
    readonly table: TableName,
    readonly options: ExistenceOptions & { type?: ConstraintKind; existing?: Constraint } = {},
  ) {}
  toChange() {
    return { kind: 'dropConstraint' as const, name: this.name, constraintKind: this.options.type ?? this.options.existing?.kind ?? null }
  }
  async run(executor: OperationExecutor): Promise<void> {
    const change = this.toChange()
    await runTableChange(executor, this.table, change, () =>
      executor.dialect.compiler.dropConstraint(this.table, this.name, change.constraintKind, { ifExists: this.options.ifExists ?? false }),
    )
  }
  reverse(): AddConstraintOp {
    if (!this.options.existing) irreversible(this.kind, `the definition of constraint "${this.name}" is not known`)
    return new AddConstraintOp(this.table, this.options.existing)
  }
}
