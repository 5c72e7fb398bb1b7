/**
 * The ops of schema objects (views, materialized views, functions,
 * triggers, extensions, policies): create, replace, drop — alembic_utils'
 * `create_entity` / `replace_entity` / `drop_entity`. Each carries the whole
 * object, so its reverse can re-create what it removes: a replace knows the
 * definition it replaces, a drop the definition it drops (autogenerate reads
 * both from the database).
 */
import type { SchemaObject } from '../../schema/objects/schema-object.js'
import { describeObject } from '../../schema/objects/schema-object.js'
import type { OperationExecutor } from '../executor.js'
import { Irreversible } from './irreversible.js'
import { runStatements, type MigrateOperation } from './migrate-operation.js'

/**
 * Creates a schema object.
 *
 * @example
 * await op.run(new CreateObjectOp(view('active_users', sql`SELECT id FROM users WHERE active`)))
 */
export class CreateObjectOp implements MigrateOperation {
  readonly kind = 'create_object'
  constructor(readonly object: SchemaObject) {
    Object.freeze(this)
  }
  async run(executor: OperationExecutor): Promise<void> {
    await runStatements(executor, executor.dialect.objects.create(this.object))
  }
  reverse(): DropObjectOp {
    return new DropObjectOp(this.object)
  }
}

/**
 * Replaces a schema object's definition with another (`CREATE OR REPLACE`
 * where the database has it for the kind, else drop and create).
 * `existing` is the definition it replaces, which the reverse restores.
 *
 * @example
 * await op.run(new ReplaceObjectOp(view('v', sql`SELECT 2 AS n`), view('v', sql`SELECT 1 AS n`)))
 */
export class ReplaceObjectOp implements MigrateOperation {
  readonly kind = 'replace_object'
  constructor(
    readonly object: SchemaObject,
    readonly existing: SchemaObject | null = null,
  ) {
    Object.freeze(this)
  }
  async run(executor: OperationExecutor): Promise<void> {
    await runStatements(executor, executor.dialect.objects.replace(this.object, this.existing ?? this.object))
  }
  reverse(): ReplaceObjectOp | Irreversible {
    if (this.existing === null) return new Irreversible(this.kind, `the definition ${describeObject(this.object)} had before is not known`)
    return new ReplaceObjectOp(this.existing, this.object)
  }
}

/** Options of dropping a schema object. */
export interface DropObjectOpOptions {
  readonly ifExists?: boolean
  /** False when only the name is known (`op.dropView('v')`): the drop then has no reverse. */
  readonly definitionKnown?: boolean
}

/**
 * Drops a schema object. Given the whole object (as autogenerate writes it),
 * its reverse creates it again.
 *
 * @example
 * await op.run(new DropObjectOp(view('v', sql`SELECT 1 AS n`)))
 */
export class DropObjectOp implements MigrateOperation {
  readonly kind = 'drop_object'
  constructor(
    readonly object: SchemaObject,
    readonly options: DropObjectOpOptions = {},
  ) {
    Object.freeze(this)
  }
  async run(executor: OperationExecutor): Promise<void> {
    await runStatements(executor, executor.dialect.objects.drop(this.object, this.options.ifExists ? { ifExists: true } : {}))
  }
  reverse(): CreateObjectOp | Irreversible {
    if (this.options.definitionKnown === false) return new Irreversible(this.kind, `the definition of ${describeObject(this.object)} is not known`)
    return new CreateObjectOp(this.object)
  }
}
