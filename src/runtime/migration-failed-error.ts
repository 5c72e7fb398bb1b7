import { DatabaseError, ErrorCode, type ErrorOptions } from '../errors.js'
import type { StepResult } from './runner.js'

/** The revision a run stopped at, and why. */
export interface FailedStep {
  readonly revision: string
  /** The SQL the database refused; null when the script itself threw. */
  readonly statement: string | null
  /** The reason: the database's (or the script's) error message. */
  readonly error: string
}

/** What a run did before it failed, in the shape of a run's result plus the failed step. */
export interface RunProgress {
  /** The revisions that finished before the failure, in order (see the docs on single-transaction runs). */
  readonly steps: readonly StepResult[]
  /** The version table's rows after the failure, read back from the database when it can be. */
  readonly current: readonly string[]
  readonly failed: FailedStep
}

/**
 * An upgrade or downgrade whose revision failed. Like Kysely's
 * `MigrationResultSet`, it says what did run: `steps`, `current` and
 * `failed`. Exit code 1.
 *
 * @example
 * try {
 *   await athanor.upgrade('head')
 * } catch (error) {
 *   if (error instanceof MigrationFailedError) console.log(error.steps.length, error.current, error.failed.statement)
 * }
 */
export class MigrationFailedError extends DatabaseError implements RunProgress {
  readonly steps: readonly StepResult[]
  readonly current: readonly string[]
  readonly failed: FailedStep

  constructor(message: string, progress: RunProgress, options: ErrorOptions = {}) {
    super(message, { ...options, code: ErrorCode.MigrationFailed })
    this.steps = Object.freeze([...progress.steps])
    this.current = Object.freeze([...progress.current])
    this.failed = Object.freeze({ ...progress.failed })
  }

  override get data(): Readonly<Record<string, unknown>> {
    return { steps: this.steps, current: this.current, failed: this.failed }
  }
}
