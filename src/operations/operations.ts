import type { Row, SqlStatement } from '../dialect/dialect.js'
import type { MigrationContextInfo, OperationExecutor } from './executor.js'

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
export class Operations {
  readonly #executor: OperationExecutor
  readonly #context: MigrationContextInfo
  #queue: Promise<unknown> = Promise.resolve()
  #firstFailure: { error: unknown } | undefined

  constructor(executor: OperationExecutor, context: MigrationContextInfo) {
    this.#executor = executor
    this.#context = context
  }

  /** Facts about the current run: dialect, `-x` args, `--tag`, offline flag. */
  get context(): MigrationContextInfo {
    return this.#context
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
  execute(sql: string, params?: readonly unknown[]): Promise<void> {
    const statement: SqlStatement = params === undefined ? { sql } : { sql, params }
    return this.enqueue(() => this.#executor.run(statement))
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
    return this.enqueue(() => this.#executor.query(statement)) as Promise<R[]>
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
