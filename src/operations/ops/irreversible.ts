import { UsageError } from '../../errors.js'
import type { OperationExecutor } from '../executor.js'

/**
 * What `reverse()` returns for an op that has no inverse: a value saying
 * which op and why, so a renderer can write `// cannot undo …` and a caller
 * can tell it apart with `instanceof`, instead of catching an error and
 * reading its message. It is an op only so that `op.run(x.reverse())` reads
 * naturally in a hand-written downgrade: running it fails with
 * {@link IrreversibleError}.
 *
 * @example
 * const undo = new ExecuteOp('UPDATE t SET a = 1').reverse()
 * if (undo instanceof Irreversible) console.log(undo.reason) // 'raw SQL has no known inverse'
 */
export class Irreversible {
  readonly kind = 'irreversible'
  constructor(
    /** The kind of the op that cannot be undone, e.g. `execute`. */
    readonly operation: string,
    readonly reason: string,
  ) {
    Object.freeze(this)
  }

  /** Fails: there is nothing to run. */
  async run(_executor: OperationExecutor): Promise<void> {
    throw new IrreversibleError(this.operation, this.reason)
  }

  /** Still nothing: undoing "cannot undo" cannot undo either. */
  reverse(): Irreversible {
    return this
  }
}

/**
 * Running an {@link Irreversible}: the op it stands for has no inverse.
 *
 * @example
 * await op.run(new ExecuteOp('DELETE FROM t').reverse()) // rejects: execute cannot be reversed: raw SQL has no known inverse
 */
export class IrreversibleError extends UsageError {
  constructor(
    readonly operation: string,
    readonly reason: string,
  ) {
    super(`${operation} cannot be reversed: ${reason}`)
  }
}
