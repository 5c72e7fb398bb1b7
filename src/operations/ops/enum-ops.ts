import type { ExistenceOptions } from '../../dialect/ddl-compiler.js'
import type { OperationExecutor } from '../executor.js'
import { Irreversible } from './irreversible.js'
import { runStatements, type MigrateOperation } from './migrate-operation.js'

/** CREATE TYPE … AS ENUM on PostgreSQL; nothing where enums are inline (MySQL, SQLite). */
export class CreateEnumOp implements MigrateOperation {
  readonly kind = 'create_enum'
  constructor(
    readonly name: string,
    readonly values: readonly string[],
    readonly schema: string | null = null,
    readonly options: ExistenceOptions = {},
  ) {
    Object.freeze(this)
  }
  async run(executor: OperationExecutor): Promise<void> {
    const type = { kind: 'enum' as const, name: this.name, values: this.values }
    await runStatements(executor, executor.dialect.compiler.createEnum(type, this.schema, this.options))
  }
  reverse(): DropEnumOp {
    return new DropEnumOp(this.name, this.schema, { existingValues: this.values, ...(this.options.ifNotExists ? { ifExists: true } : {}) })
  }
}

/** DROP TYPE on PostgreSQL; nothing elsewhere. */
export class DropEnumOp implements MigrateOperation {
  readonly kind = 'drop_enum'
  constructor(
    readonly name: string,
    readonly schema: string | null = null,
    readonly options: ExistenceOptions & { existingValues?: readonly string[] } = {},
  ) {
    Object.freeze(this)
  }
  async run(executor: OperationExecutor): Promise<void> {
    await runStatements(executor, executor.dialect.compiler.dropEnum(this.name, this.schema, this.options))
  }
  reverse(): CreateEnumOp | Irreversible {
    if (!this.options.existingValues) return new Irreversible(this.kind, `the values of enum "${this.name}" are not known`)
    return new CreateEnumOp(this.name, this.options.existingValues, this.schema, this.options.ifExists ? { ifNotExists: true } : {})
  }
}

/** ALTER TYPE … ADD VALUE on PostgreSQL. PostgreSQL cannot remove an enum value, so it has no reverse. */
export class AddEnumValueOp implements MigrateOperation {
  readonly kind = 'add_enum_value'
  constructor(
    readonly name: string,
    readonly value: string,
    readonly schema: string | null = null,
    readonly options: { before?: string; after?: string; ifNotExists?: boolean } = {},
  ) {
    Object.freeze(this)
  }
  async run(executor: OperationExecutor): Promise<void> {
    await runStatements(executor, executor.dialect.compiler.addEnumValue(this.name, this.schema, this.value, this.options))
  }
  reverse(): Irreversible {
    return new Irreversible(this.kind, 'PostgreSQL cannot remove a value from an enum type')
  }
}
