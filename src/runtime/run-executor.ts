import type { SqlStatement } from '../dialect/dialect.js'
import type { StatementTimeouts } from '../dialect/runtime-support.js'
import { DatabaseError } from '../errors.js'
import type { OperationExecutor } from '../operations/executor.js'

/**
 * An {@link OperationExecutor} the runner also drives: it opens and closes
 * the transactions around revisions. The online executor sends these to the
 * database; the offline one writes them into the script.
 */
export interface RunExecutor extends OperationExecutor {
  begin(): Promise<void>
  commit(): Promise<void>
  rollback(): Promise<void>
  /** A note where a revision starts: a `-- Running upgrade …` comment offline, nothing online. */
  note(text: string): void
  /**
   * Bounds the lock waits and run time of the statements that follow, in
   * this transaction and in every one begun after it (an autocommit block's
   * statements get them for the session, put back after the block), until
   * called again; undefined stops setting them.
   */
  setTimeouts(timeouts: StatementTimeouts | undefined): Promise<void>
  /** Statements run since the last {@link RunExecutor.startStep}. */
  readonly statementsInStep: number
  startStep(): void
}

/**
 * A statement the database refused, carrying the statement so the runner can
 * name it in the revision's failure message.
 *
 * @example
 * throw new StatementFailedError({ sql: 'DROP TABLE x' }, driverError)
 */
export class StatementFailedError extends DatabaseError {
  readonly statement: SqlStatement

  constructor(statement: SqlStatement, cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause })
    this.statement = statement
  }
}

/**
 * Shortens a statement to one line for an error message.
 *
 * @example
 * statementExcerpt('CREATE TABLE t (\n  a int\n)') // 'CREATE TABLE t ( a int )'
 */
export function statementExcerpt(sql: string, max = 200): string {
  const flat = sql.replace(/\s+/g, ' ').trim()
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`
}
