/**
 * The `op` methods of schema objects, one create/replace/drop triple per
 * kind (`op.createView`, `op.replaceFunction`, `op.dropTrigger`…). Each takes
 * the object as a models module declares it (`view(…)`, `fn(…)`,
 * `trigger(…)`), so a revision and the models read alike. `Operations`
 * inherits them; they run through its queue like every other op.
 */
import { sql } from '../schema/sql.js'
import type { ExtensionObject, FunctionObject, ObjectOfType, PolicyObject, SchemaObject, SchemaObjectType, TriggerObject, ViewObject } from '../schema/objects/schema-object.js'
import type { LintAllowance, LintOption } from './lint-allowance.js'
import type { MigrateOperation } from './ops/migrate-operation.js'
import { CreateObjectOp, DropObjectOp, ReplaceObjectOp } from './ops/object-ops.js'

/** Options of a replace: the definition being replaced, which the generated downgrade restores. */
export interface ReplaceObjectOptions<O> extends LintOption {
  readonly existing?: O
}

/** Options of a drop by name: where the object is (a trigger's or policy's table), and IF EXISTS. */
export interface DropSchemaObjectOptions extends LintOption {
  readonly schema?: string
  readonly table?: string
  readonly ifExists?: boolean
}

/** An object known by name only, for a drop: it has no definition, so the drop has no reverse. */
function byName(type: SchemaObjectType, name: string, options: DropSchemaObjectOptions): SchemaObject {
  const schema = options.schema ?? null
  const empty = sql.raw('')
  const base = { kind: 'schema_object' as const, name, schema }
  switch (type) {
    case 'view':
    case 'materialized_view':
      return { ...base, type, query: empty }
    case 'function': {
      // `drop_fn(integer)`: the argument types name one overload.
      const open = name.indexOf('(')
      return open > 0 ? { ...base, type, name: name.slice(0, open), args: name.slice(open + 1, name.lastIndexOf(')')), definition: empty } : { ...base, type, args: '', definition: empty }
    }
    case 'trigger':
      return { ...base, type, table: options.table ?? '', event: '', body: empty }
    case 'policy':
      return { ...base, type, table: options.table ?? '', permissive: true, command: 'all', roles: [], using: null, withCheck: null }
    case 'extension':
      return { ...base, type }
  }
}

/**
 * Schema object methods of the `op` facade.
 *
 * @example
 * export async function upgrade(op: Operations) {
 *   await op.createView(view('active_users', sql`SELECT id FROM users WHERE active`))
 * }
 */
export abstract class ObjectOperations {
  /** Runs an op object through the queue (see `Operations.run`). */
  abstract run(operation: MigrateOperation, lint?: LintAllowance): Promise<void>

  #create(object: SchemaObject, options: LintOption): Promise<void> {
    return this.run(new CreateObjectOp(object), options.lint)
  }

  #replace(object: SchemaObject, options: ReplaceObjectOptions<SchemaObject>): Promise<void> {
    return this.run(new ReplaceObjectOp(object, options.existing ?? null), options.lint)
  }

  #drop<T extends SchemaObjectType>(type: T, target: ObjectOfType<T> | string, options: DropSchemaObjectOptions): Promise<void> {
    const object = typeof target === 'string' ? byName(type, target, options) : target
    return this.run(new DropObjectOp(object, { ...(options.ifExists ? { ifExists: true } : {}), ...(typeof target === 'string' ? { definitionKnown: false } : {}) }), options.lint)
  }

  /** CREATE VIEW. `await op.createView(view('active_users', sql\`SELECT id FROM users WHERE active\`))` */
  createView(object: ViewObject<'view'>, options: LintOption = {}): Promise<void> {
    return this.#create(object, options)
  }

  /** Replaces a view's query (`CREATE OR REPLACE VIEW`; SQLite: drop and create). `await op.replaceView(view('v', sql\`SELECT 2\`), { existing: view('v', sql\`SELECT 1\`) })` */
  replaceView(object: ViewObject<'view'>, options: ReplaceObjectOptions<ViewObject<'view'>> = {}): Promise<void> {
    return this.#replace(object, options)
  }

  /** DROP VIEW; given the view (not its name), the drop can be reversed. `await op.dropView('active_users')` */
  dropView(target: ViewObject<'view'> | string, options: DropSchemaObjectOptions = {}): Promise<void> {
    return this.#drop('view', target, options)
  }

  /** CREATE MATERIALIZED VIEW (PostgreSQL). `await op.createMaterializedView(materializedView('totals', sql\`SELECT …\`))` */
  createMaterializedView(object: ViewObject<'materialized_view'>, options: LintOption = {}): Promise<void> {
    return this.#create(object, options)
  }

  /** Replaces a materialized view (drop and create: PostgreSQL has no CREATE OR REPLACE for them). */
  replaceMaterializedView(object: ViewObject<'materialized_view'>, options: ReplaceObjectOptions<ViewObject<'materialized_view'>> = {}): Promise<void> {
    return this.#replace(object, options)
  }

  /** DROP MATERIALIZED VIEW. `await op.dropMaterializedView('totals')` */
  dropMaterializedView(target: ViewObject<'materialized_view'> | string, options: DropSchemaObjectOptions = {}): Promise<void> {
    return this.#drop('materialized_view', target, options)
  }

  /** CREATE FUNCTION (PostgreSQL, MariaDB). `await op.createFunction(fn('add_one(x integer)', sql\`RETURNS integer LANGUAGE sql AS $$ SELECT x + 1 $$\`))` */
  createFunction(object: FunctionObject, options: LintOption = {}): Promise<void> {
    return this.#create(object, options)
  }

  /** Replaces a function's definition (`CREATE OR REPLACE FUNCTION`). */
  replaceFunction(object: FunctionObject, options: ReplaceObjectOptions<FunctionObject> = {}): Promise<void> {
    return this.#replace(object, options)
  }

  /** DROP FUNCTION; by name, `'add_one(integer)'` names one overload. `await op.dropFunction('add_one(integer)')` */
  dropFunction(target: FunctionObject | string, options: DropSchemaObjectOptions = {}): Promise<void> {
    return this.#drop('function', target, options)
  }

  /** CREATE TRIGGER. `await op.createTrigger(trigger('touch', { table: 'items', event: 'BEFORE UPDATE', body: sql\`FOR EACH ROW EXECUTE FUNCTION touch()\` }))` */
  createTrigger(object: TriggerObject, options: LintOption = {}): Promise<void> {
    return this.#create(object, options)
  }

  /** Replaces a trigger (drop and create; MariaDB `CREATE OR REPLACE TRIGGER`). */
  replaceTrigger(object: TriggerObject, options: ReplaceObjectOptions<TriggerObject> = {}): Promise<void> {
    return this.#replace(object, options)
  }

  /** DROP TRIGGER. `await op.dropTrigger('touch', { table: 'items' })` */
  dropTrigger(target: TriggerObject | string, options: DropSchemaObjectOptions = {}): Promise<void> {
    return this.#drop('trigger', target, options)
  }

  /** CREATE EXTENSION (PostgreSQL). `await op.createExtension(extension('pg_trgm'))` */
  createExtension(object: ExtensionObject, options: LintOption = {}): Promise<void> {
    return this.#create(object, options)
  }

  /** DROP EXTENSION. `await op.dropExtension('pg_trgm')` */
  dropExtension(target: ExtensionObject | string, options: DropSchemaObjectOptions = {}): Promise<void> {
    return this.#drop('extension', target, options)
  }

  /** CREATE POLICY (PostgreSQL row-level security). `await op.createPolicy(policy('own_rows', { table: 'documents', using: sql\`owner = current_user\` }))` */
  createPolicy(object: PolicyObject, options: LintOption = {}): Promise<void> {
    return this.#create(object, options)
  }

  /** Replaces a policy (drop and create). */
  replacePolicy(object: PolicyObject, options: ReplaceObjectOptions<PolicyObject> = {}): Promise<void> {
    return this.#replace(object, options)
  }

  /** DROP POLICY. `await op.dropPolicy('own_rows', { table: 'documents' })` */
  dropPolicy(target: PolicyObject | string, options: DropSchemaObjectOptions = {}): Promise<void> {
    return this.#drop('policy', target, options)
  }
}
