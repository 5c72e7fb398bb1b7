import type { ConstraintKind, StorageChange } from '../dialect/ddl-compiler.js'
import type { TableStorage } from '../schema/table-storage.js'
import type { DatabaseConnection, Row, SqlStatement } from '../dialect/dialect.js'
import { UsageError } from '../errors.js'
import type { Column, ColumnBuilder, ColumnInput } from '../schema/column.js'
import type { ConstraintSpec, IndexSpec } from '../schema/constraints.js'
import { sql as sqlTag, type SqlFragment } from '../schema/sql.js'
import { table as defineTable, Table } from '../schema/table.js'
import { BatchOperations } from './batch-operations.js'
import { ObjectOperations } from './object-operations.js'
import { checkParams } from './storable-value.js'
import type { MigrationContextInfo, OperationExecutor } from './executor.js'
import { BatchAlterTableOp, type RecreateMode } from './ops/batch-ops.js'
import { AddColumnOp, AlterColumnOp, DropColumnOp, type AlterColumnOptions } from './ops/column-ops.js'
import { AddConstraintOp, DropConstraintOp, ValidateConstraintOp, type CreateForeignKeyOptions } from './ops/constraint-ops.js'
import type { LintAllowance, LintOption } from './lint-allowance.js'
import { BackfillColumnOp, BulkInsertOp, ExecuteOp } from './ops/data-ops.js'
import { AddEnumValueOp, CreateEnumOp, DropEnumOp } from './ops/enum-ops.js'
import { CreateIndexOp, DropIndexOp, type CreateIndexOptions } from './ops/index-ops.js'
import { fragment, tableName, type MigrateOperation } from './ops/migrate-operation.js'
import { AlterTableStorageOp, CreateTableCommentOp, CreateTableOp, DropTableCommentOp, DropTableOp, RenameTableOp } from './ops/table-ops.js'

/** Options shared by ops that address one table; every op also takes `lint` (see {@link LintAllowance}). */
export interface SchemaOption extends LintOption {
  readonly schema?: string
}

/** Options of `createTable` given column builders. */
export interface CreateTableOptions extends SchemaOption {
  readonly comment?: string
  /** UNLOGGED, storage parameters, partitioning (PostgreSQL): `{ partitionBy: 'RANGE (at)' }`. */
  readonly storage?: TableStorage
  readonly ifNotExists?: boolean
  readonly indexes?: (columns: Record<string, Column>) => IndexSpec[]
  readonly constraints?: (columns: Record<string, Column>) => ConstraintSpec[]
}

/**
 * The `op` object a revision's `upgrade(op)` / `downgrade(op)` receives.
 *
 * Every op returns a promise that settles when its SQL has run. Ops run one at
 * a time in call order, and the runner calls {@link Operations.drain} before it
 * commits, so an op whose promise the script forgot to await still runs inside
 * the revision's transaction (and its failure still fails the revision).
 *
 * @example
 * export async function upgrade(op: Operations) {
 *   await op.execute('CREATE TABLE account (id INTEGER PRIMARY KEY)')
 *   const rows = await op.query('SELECT count(*) AS n FROM account')
 * }
 */
export class Operations extends ObjectOperations {
  readonly #executor: OperationExecutor
  readonly #context: MigrationContextInfo
  #queue: Promise<unknown> = Promise.resolve()
  #firstFailure: { error: unknown } | undefined

  constructor(executor: OperationExecutor, context: MigrationContextInfo) {
    super()
    this.#executor = executor
    this.#context = context
  }

  /** Facts about the current run: dialect, `-x` args, `--tag`, offline flag. */
  get context(): MigrationContextInfo {
    return this.#context
  }

  /**
   * The raw database connection of this run, for what the ops do not cover
   * (a driver feature, a query with many result sets). Its statements run in
   * the revision's transaction but outside the op queue: `await
   * op.drain()` first when earlier ops must have run.
   *
   * @throws UsageError in `--sql` mode and dry runs, where there is no connection
   * @example
   * await op.drain()
   * const rows = await op.connection.query('SELECT count(*) AS n FROM account')
   */
  get connection(): DatabaseConnection {
    const connection = this.#executor.connection
    if (connection === undefined) {
      throw new UsageError('op.connection is not available: this run writes SQL (--sql) or reads the ops without a database', {
        hint: 'check op.context.offline first, or use op.execute/op.query, which work offline too',
      })
    }
    return connection
  }

  /**
   * Alembic's `op.f(name)`: marks a name as final, not to be run through a
   * naming convention. athanor's ops never rename a name they are given, so
   * the name comes back as it is; scripts ported from Alembic keep working.
   *
   * @example
   * await op.createIndex(op.f('ix_account_email'), 'account', ['email'])
   */
  f(name: string): string {
    return name
  }

  /** The executor ops compile into; for op implementations, not for scripts. */
  protected get executor(): OperationExecutor {
    return this.#executor
  }

  /**
   * Runs one SQL statement (with `?` placeholders for `params`).
   *
   * @example
   * await op.execute('UPDATE account SET active = ? WHERE id = ?', [true, 1])
   */
  execute(sql: string | SqlFragment, params?: readonly unknown[], options: LintOption = {}): Promise<void> {
    return this.run(new ExecuteOp(sql, params), options.lint)
  }

  /**
   * Runs a query and returns its rows, for data migrations. Not available in
   * offline (`--sql`) mode, where nothing can be read back.
   *
   * @example
   * const rows = await op.query<{ id: number }>('SELECT id FROM account')
   */
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]> {
    const statement: SqlStatement = params === undefined ? { sql } : { sql, params }
    return this.enqueue(async () => {
      if (params !== undefined) checkParams(params, 'op.query')
      return this.#executor.query(statement)
    }) as Promise<R[]>
  }

  /**
   * Runs `fn` outside the migration's transaction: the transaction so far is
   * committed, `fn`'s statements run in autocommit mode, and a new transaction
   * begins after. For statements that refuse a transaction, such as
   * PostgreSQL's `CREATE INDEX CONCURRENTLY` or `ALTER TYPE … ADD VALUE`.
   *
   * @example
   * await op.autocommitBlock(async () => {
   *   await op.execute('CREATE INDEX CONCURRENTLY ix_a ON t (a)')
   * })
   */
  autocommitBlock<T>(fn: () => Promise<T>): Promise<T> {
    return this.enqueue(() =>
      this.#executor.autocommit(async () => {
        // Ops called inside fn queue behind this block; run them with a fresh queue.
        const outer = this.#queue
        this.#queue = Promise.resolve()
        try {
          const result = await fn()
          await this.drain()
          return result
        } finally {
          this.#queue = outer
        }
      }),
    )
  }

  /**
   * Runs an op object (what autogenerate emits), queued like every other op.
   *
   * @example
   * await op.run(new AddColumnOp(tableName('account'), toColumn('note', t.text())))
   */
  run(operation: MigrateOperation, lint?: LintAllowance): Promise<void> {
    return this.enqueue(() => this.perform(operation, lint))
  }

  /**
   * Where every op ends up, in queue order: runs it on the executor. `athanor
   * lint` overrides this to read the ops of a revision instead of running them.
   */
  protected perform(operation: MigrateOperation, _lint: LintAllowance | undefined): Promise<void> {
    return operation.run(this.#executor)
  }

  /**
   * CREATE TABLE from column builders (or a ready `Table`). Resolves to the
   * table, handy for a following `bulkInsert`.
   *
   * @example
   * const account = await op.createTable('account', {
   *   id: t.integer().primaryKey().autoincrement(),
   *   name: t.string(50).notNull(),
   * })
   */
  async createTable(
    nameOrTable: string | Table,
    columns?: Record<string, ColumnBuilder | Column>,
    options: CreateTableOptions = {},
  ): Promise<Table> {
    const built =
      nameOrTable instanceof Table
        ? nameOrTable
        : defineTable(nameOrTable, columns ?? {}, {
            ...(options.schema ? { schema: options.schema } : {}),
            ...(options.comment ? { comment: options.comment } : {}),
            ...(options.storage ? { storage: options.storage } : {}),
            ...(options.indexes ? { indexes: options.indexes } : {}),
            ...(options.constraints ? { constraints: options.constraints } : {}),
          })
    await this.run(new CreateTableOp(built as unknown as Table, options.ifNotExists ? { ifNotExists: true } : {}), options.lint)
    return built as unknown as Table
  }

  /** DROP TABLE (on PostgreSQL, also enum types left unused). `op.dropTable('account')` */
  dropTable(name: string, options: SchemaOption & { ifExists?: boolean } = {}): Promise<void> {
    return this.run(new DropTableOp(tableName(name, options.schema), options.ifExists ? { ifExists: true } : {}), options.lint)
  }

  /**
   * Changes a table's storage (PostgreSQL): `unlogged`, and storage parameters
   * to set (a value) or reset (null). `existing` makes the change reversible.
   *
   * @example
   * await op.alterTableStorage('sessions', { unlogged: true, parameters: { fillfactor: '70' } }, { existing: { unlogged: false, parameters: { fillfactor: null } } })
   */
  alterTableStorage(table: string, change: StorageChange, options: SchemaOption & { existing?: StorageChange } = {}): Promise<void> {
    return this.run(new AlterTableStorageOp(tableName(table, options.schema), change, options.existing ?? null), options.lint)
  }

  /** ALTER TABLE … RENAME TO. `op.renameTable('account', 'accounts')` */
  renameTable(oldName: string, newName: string, options: SchemaOption = {}): Promise<void> {
    return this.run(new RenameTableOp(tableName(oldName, options.schema), newName), options.lint)
  }

  /**
   * Adds a column: table name, column name, then a type or column builder.
   *
   * @example
   * await op.addColumn('account', 'last_login', t.datetime({ timezone: true }))
   */
  addColumn(table: string, name: string, column: ColumnInput, options: SchemaOption & { ifNotExists?: boolean } = {}): Promise<void> {
    return this.run(AddColumnOp.of(tableName(table, options.schema), name, column, options), options.lint)
  }

  /** Drops a column (SQLite: by table rebuild). `op.dropColumn('account', 'legacy')` */
  dropColumn(table: string, name: string, options: SchemaOption & { ifExists?: boolean } = {}): Promise<void> {
    return this.run(DropColumnOp.of(tableName(table, options.schema), name, options.ifExists ? { ifExists: true } : {}), options.lint)
  }

  /**
   * Changes a column's type, nullability, default, comment or name. Give the
   * `existing*` values: MySQL restates the whole column, and reverse() needs them.
   *
   * @example
   * await op.alterColumn('account', 'name', { type: t.string(100), nullable: false, existingType: t.string(50) })
   */
  alterColumn(table: string, column: string, options: AlterColumnOptions & LintOption): Promise<void> {
    return this.run(AlterColumnOp.of(tableName(table, options.schema), column, options), options.lint)
  }

  /**
   * CREATE INDEX over columns or `sql` expressions.
   *
   * @example
   * await op.createIndex('ix_account_name', 'account', ['name'], { unique: true, where: sql`name IS NOT NULL` })
   */
  createIndex(name: string, table: string, columns: readonly (string | SqlFragment)[], options: CreateIndexOptions & LintOption = {}): Promise<void> {
    return this.run(CreateIndexOp.of(name, tableName(table, options.schema), columns, options), options.lint)
  }

  /** DROP INDEX; the table is needed on MySQL. `op.dropIndex('ix_account_name', 'account')` */
  dropIndex(name: string, table?: string, options: SchemaOption & { ifExists?: boolean; concurrently?: boolean } = {}): Promise<void> {
    const { schema, lint, ...rest } = options
    return this.run(new DropIndexOp(name, tableName(table ?? '', schema), rest), lint)
  }

  /** ALTER TABLE … ADD CONSTRAINT … UNIQUE. `op.createUniqueConstraint('uq_email', 'account', ['email'])` */
  createUniqueConstraint(name: string | null, table: string, columns: readonly string[], options: SchemaOption = {}): Promise<void> {
    return this.run(AddConstraintOp.of(tableName(table, options.schema), { kind: 'unique', name, columns: [...columns] }), options.lint)
  }

  /**
   * ALTER TABLE … ADD CONSTRAINT … EXCLUDE (PostgreSQL): what follows `EXCLUDE`.
   *
   * @example
   * await op.createExcludeConstraint('no_double_booking', 'booking', sql`USING gist (room WITH =, during WITH &&)`)
   */
  createExcludeConstraint(name: string | null, table: string, definition: SqlFragment | string, options: SchemaOption = {}): Promise<void> {
    return this.run(AddConstraintOp.of(tableName(table, options.schema), { kind: 'exclude', name, definition: fragment(definition) }), options.lint)
  }

  /**
   * ALTER TABLE … ADD CONSTRAINT … CHECK; `notValid` (PostgreSQL) skips checking
   * the existing rows, which a later {@link validateConstraint} does.
   *
   * @example
   * await op.createCheckConstraint('ck_age', 'account', sql`age >= 0`, { notValid: true })
   */
  createCheckConstraint(name: string | null, table: string, condition: SqlFragment | string, options: SchemaOption & { notValid?: boolean } = {}): Promise<void> {
    return this.run(
      AddConstraintOp.of(tableName(table, options.schema), { kind: 'check', name, expression: fragment(condition) }, options),
      options.lint,
    )
  }

  /**
   * PostgreSQL ALTER TABLE … VALIDATE CONSTRAINT: checks the rows a `notValid`
   * foreign key or check skipped, without blocking writes. Nothing elsewhere.
   *
   * @example
   * await op.validateConstraint('fk_order_account', 'order')
   */
  validateConstraint(name: string, table: string, options: SchemaOption = {}): Promise<void> {
    return this.run(new ValidateConstraintOp(name, tableName(table, options.schema)), options.lint)
  }

  /** ALTER TABLE … ADD CONSTRAINT … PRIMARY KEY. `op.createPrimaryKey('pk_account', 'account', ['id'])` */
  createPrimaryKey(name: string | null, table: string, columns: readonly string[], options: SchemaOption = {}): Promise<void> {
    return this.run(AddConstraintOp.of(tableName(table, options.schema), { kind: 'primaryKey', name, columns: [...columns] }), options.lint)
  }

  /**
   * ALTER TABLE … ADD CONSTRAINT … FOREIGN KEY (Alembic's argument order).
   *
   * @example
   * await op.createForeignKey('fk_order_account', 'order', 'account', ['account_id'], ['id'], { onDelete: 'cascade' })
   */
  createForeignKey(
    name: string | null,
    source: string,
    referent: string,
    localColumns: readonly string[],
    remoteColumns: readonly string[],
    options: CreateForeignKeyOptions & LintOption = {},
  ): Promise<void> {
    return this.run(AddConstraintOp.foreignKey(name, source, referent, localColumns, remoteColumns, options), options.lint)
  }

  /** ALTER TABLE … DROP CONSTRAINT; `type` is needed on MySQL. `op.dropConstraint('fk_x', 'order', { type: 'foreignKey' })` */
  dropConstraint(name: string, table: string, options: SchemaOption & { type?: ConstraintKind; ifExists?: boolean } = {}): Promise<void> {
    const { schema, lint, ...rest } = options
    return this.run(new DropConstraintOp(name, tableName(table, schema), rest), lint)
  }

  /** Sets a table comment. `op.createTableComment('account', 'people who log in')` */
  createTableComment(table: string, comment: string, options: SchemaOption & { existingComment?: string | null } = {}): Promise<void> {
    return this.run(new CreateTableCommentOp(tableName(table, options.schema), comment, options.existingComment ?? null), options.lint)
  }

  /** Removes a table comment. `op.dropTableComment('account')` */
  dropTableComment(table: string, options: SchemaOption & { existingComment?: string | null } = {}): Promise<void> {
    return this.run(new DropTableCommentOp(tableName(table, options.schema), options.existingComment ?? null), options.lint)
  }

  /** PostgreSQL CREATE TYPE … AS ENUM (nothing on MySQL/SQLite, whose enums are inline). */
  createEnum(name: string, values: readonly string[], options: SchemaOption & { ifNotExists?: boolean } = {}): Promise<void> {
    return this.run(new CreateEnumOp(name, values, options.schema ?? null, options.ifNotExists ? { ifNotExists: true } : {}), options.lint)
  }

  /** PostgreSQL DROP TYPE (nothing on MySQL/SQLite). */
  dropEnum(name: string, options: SchemaOption & { ifExists?: boolean } = {}): Promise<void> {
    return this.run(new DropEnumOp(name, options.schema ?? null, options.ifExists ? { ifExists: true } : {}), options.lint)
  }

  /** PostgreSQL ALTER TYPE … ADD VALUE. `op.addEnumValue('mood', 'meh', { after: 'ok' })` */
  addEnumValue(name: string, value: string, options: SchemaOption & { before?: string; after?: string; ifNotExists?: boolean } = {}): Promise<void> {
    const { schema, lint, ...placement } = options
    return this.run(new AddEnumValueOp(name, value, schema ?? null, placement), lint)
  }

  /**
   * Copies column `from` into `to` where `to` is still NULL, in batches of
   * `batchSize` rows by ranges of the integer `key` (default `id`, 10,000):
   * inside `op.autocommitBlock` each batch commits by itself. The expand step
   * of an expand/contract rename; offline it is one UPDATE.
   *
   * @example
   * await op.autocommitBlock(async () => {
   *   await op.backfillColumn('account', 'login', 'email', { key: 'id', batchSize: 10000 })
   * })
   */
  backfillColumn(table: string, from: string, to: string, options: SchemaOption & { key?: string; batchSize?: number } = {}): Promise<void> {
    const { schema, lint, key, batchSize } = options
    return this.run(new BackfillColumnOp(tableName(table, schema), from, to, { key: key ?? 'id', batchSize: batchSize ?? 10_000 }), lint)
  }

  /**
   * Inserts rows with multi-row INSERTs (bound parameters online, literals offline).
   *
   * @example
   * const account = table('account', { id: t.integer(), name: t.string(50) })
   * await op.bulkInsert(account, [{ id: 1, name: 'ada' }, { id: 2, name: "o'hara" }])
   */
  bulkInsert(target: Table<any>, rows: readonly Readonly<Record<string, unknown>>[], options: LintOption = {}): Promise<void> {
    return this.run(new BulkInsertOp(target as Table, rows), options.lint)
  }

  /**
   * A value as an inline SQL literal, for statements that must be written out
   * in full offline. `op.execute(sql\`UPDATE t SET s = ${op.inlineLiteral("it's")}\`)`
   */
  inlineLiteral(value: unknown): SqlFragment {
    return sqlTag.literal(value)
  }

  /**
   * Several changes to one table at once. On SQLite, changes it cannot make
   * with ALTER are done by one move-and-copy that keeps rows, indexes and
   * constraints; elsewhere each change is a plain ALTER. Offline the table's
   * shape is the one the revisions being rendered gave it (or the live
   * database's); `copyFrom` gives it outright.
   *
   * @example
   * await op.batchAlterTable('account', (b) => {
   *   b.alterColumn('name', { type: t.string(100), nullable: false })
   *   b.dropColumn('legacy')
   * })
   */
  batchAlterTable(
    table: string,
    fn: (batch: BatchOperations) => void | Promise<void>,
    options: SchemaOption & { recreate?: RecreateMode; copyFrom?: Table } = {},
  ): Promise<void> {
    const batch = new BatchOperations(tableName(table, options.schema))
    // Collect now, run in queue order: a sync callback must not let later op calls overtake the batch.
    const collected = Promise.resolve(fn(batch))
    return this.enqueue(async () => {
      await collected
      const op = new BatchAlterTableOp(tableName(table, options.schema), batch.ops, {
        ...(options.recreate ? { recreate: options.recreate } : {}),
        ...(options.copyFrom ? { copyFrom: options.copyFrom } : {}),
      })
      const { revision } = this.#context
      await this.perform(op, options.lint).catch((error: unknown) => {
        // An offline batch that cannot learn the table's shape is the revision's problem: say which one.
        if (!(error instanceof UsageError) || revision === undefined || error.message.includes(revision)) throw error
        throw new UsageError(`revision ${revision}: ${error.message}`, { hint: error.hint, cause: error })
      })
    })
  }

  /**
   * Waits until every op called so far has settled, then rethrows the first
   * failure among them. The runner calls this before committing a revision.
   */
  async drain(): Promise<void> {
    let seen: Promise<unknown> | undefined
    while (seen !== this.#queue) {
      seen = this.#queue
      await seen.catch(() => undefined)
    }
    if (this.#firstFailure) {
      const { error } = this.#firstFailure
      this.#firstFailure = undefined
      throw error
    }
  }

  /**
   * Refuses every op called from now on, rejecting it with `reason`. The
   * runner calls it when a step is abandoned (it timed out, or awaits what
   * can never settle), so a revision function still running cannot reach
   * the database after its transaction was rolled back.
   *
   * @example
   * op.close(new Error('the step timed out')) // a later op.execute(…) rejects with it
   */
  close(reason: unknown): void {
    this.#firstFailure ??= { error: reason }
  }

  /**
   * Queues `task` behind every op called before it. After a failure, later ops
   * are not run; they reject with the same error.
   */
  protected enqueue<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(() => {
      if (this.#firstFailure) throw this.#firstFailure.error
      return task()
    })
    this.#queue = result.catch((error: unknown) => {
      this.#firstFailure ??= { error }
    })
    return result
  }
}
