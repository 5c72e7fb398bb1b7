/**
 * Reads a revision's ops without running them: the revision's own
 * `upgrade(op)` is called with an `op` whose ops are kept as data, each
 * with where it ran (inside an autocommit block or not) and what its
 * `lint` option allows. Nothing reaches a database.
 */
import type { Dialect, Row, SqlStatement } from '../dialect/dialect.js'
import type { OperationExecutor } from '../operations/executor.js'
import type { LintAllowance } from '../operations/lint-allowance.js'
import type { AnyOp } from '../operations/ops/op-kinds.js'
import type { MigrateOperation } from '../operations/ops/migrate-operation.js'
import { Operations } from '../operations/operations.js'

/** One op a revision called, as lint sees it. */
export interface RecordedOp {
  readonly op: AnyOp
  readonly allowance: LintAllowance | undefined
  /** The op ran in `op.autocommitBlock`: outside the revision's transaction. */
  readonly autocommit: boolean
  /** Which transaction the op ran in, counted across the whole lint run; equal numbers share one. */
  readonly transaction: number
}

/**
 * The executor behind a recording `op`: statements go nowhere, queries read
 * no rows, and autocommit blocks are noted so each op knows whether it ran
 * in a transaction.
 */
class RecordingExecutor implements OperationExecutor {
  // Offline as `--sql` is: a script that checks op.context.offline skips its queries.
  readonly offline = true
  readonly connection = undefined
  autocommitDepth = 0
  transaction = 0

  constructor(readonly dialect: Dialect) {}

  async run(_statement: SqlStatement): Promise<void> {}

  async query(_statement: SqlStatement): Promise<Row[]> {
    return []
  }

  async autocommit<T>(fn: () => Promise<T>): Promise<T> {
    this.autocommitDepth += 1
    this.transaction += 1
    try {
      return await fn()
    } finally {
      this.autocommitDepth -= 1
      this.transaction += 1
    }
  }
}

/**
 * An `op` that records instead of running.
 *
 * @example
 * const recorder = new OpRecorder(postgresDialect)
 * await module.upgrade(recorder.operations('up', revisionId))
 * recorder.recorded // [{ op: CreateIndexOp, autocommit: false, … }]
 */
export class OpRecorder {
  readonly recorded: RecordedOp[] = []
  readonly #executor: RecordingExecutor
  readonly #xArgs: Readonly<Record<string, string>>

  constructor(dialect: Dialect, xArgs: Readonly<Record<string, string>> = {}) {
    this.#executor = new RecordingExecutor(dialect)
    this.#xArgs = xArgs
  }

  /** Starts a new transaction: the runner commits between revisions when each has its own. */
  nextTransaction(): void {
    this.#executor.transaction += 1
  }

  /** A fresh `op` for one revision's function. */
  operations(direction: 'up' | 'down', revision: string): Operations {
    const executor = this.#executor
    const recorded = this.recorded
    const context = { dialect: executor.dialect.name, xArgs: this.#xArgs, tag: undefined, offline: true, revision, direction }
    return new (class extends Operations {
      protected override async perform(operation: MigrateOperation, allowance: LintAllowance | undefined): Promise<void> {
        recorded.push({ op: operation as AnyOp, allowance, autocommit: executor.autocommitDepth > 0, transaction: executor.transaction })
      }
    })(executor, context)
  }
}
