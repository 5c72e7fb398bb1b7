import type { StatementTimeouts } from '../dialect/runtime-support.js'
import type { TableName } from '../dialect/ddl-compiler.js'
import type { DatabaseConnection, Dialect, Row, SqlStatement } from '../dialect/dialect.js'
import type { JournalTableSql } from '../dialect/version-table-sql.js'
import { DatabaseError, ErrorCode } from '../errors.js'
import { statementExcerpt, type RunExecutor } from './run-executor.js'

/** The revision a run was in the middle of, as its journal row says. */
export interface JournalEntry {
  readonly revision: string
  readonly direction: 'up' | 'down'
  /** Statements of the revision known to have finished. */
  readonly statementsDone: number
  /** The statement that had been sent when the run stopped; null when none was in flight. */
  readonly pendingStatement: string | null
}

/** What the user says about the uncertain statement (`athanor resume --applied` / `--not-applied`). */
export type PendingDecision = 'applied' | 'not-applied'

/**
 * A revision a killed run left half done, whose uncertain statement the
 * catalog cannot settle (or that no longer replays as it ran). The journal is
 * kept; `athanor resume --applied|--not-applied` or `athanor stamp` is the way
 * out. Exit code 1.
 *
 * @example
 * if (error instanceof InterruptedRevisionError) console.log(error.revision, error.statement)
 */
export class InterruptedRevisionError extends DatabaseError {
  readonly revision: string
  readonly direction: 'up' | 'down'
  readonly statement: string | null

  constructor(entry: JournalEntry, reason: string, hint: string) {
    super(`${entry.direction === 'up' ? 'upgrade' : 'downgrade'} ${entry.revision} was interrupted ${reason}`, {
      hint,
      code: ErrorCode.RevisionInterrupted,
    })
    this.revision = entry.revision
    this.direction = entry.direction
    this.statement = entry.pendingStatement
  }

  override get data(): Readonly<Record<string, unknown>> {
    return { revision: this.revision, direction: this.direction, statement: this.statement }
  }
}

/**
 * The online executor of a database whose DDL commits by itself (MySQL,
 * MariaDB), journaling each statement of the running revision in a side
 * table next to the version table. Before statement n it records "n done,
 * this one pending" in the current transaction; a DDL statement's implicit
 * commit makes that durable before the DDL runs, and a data statement's
 * journal write commits with it or not at all. So after a crash the journal
 * names the revision, how many statements surely ran, and at most one whose
 * effect is uncertain, and only if it is DDL. The entry is cleared in the
 * transaction that writes the version table.
 *
 * The next run replays the interrupted revision: statements before the
 * pending one are skipped, the pending one is settled from the catalog
 * (`dialect.runtime.statementEffect`), the rest run.
 *
 * @example
 * const executor = new JournaledExecutor(new OnlineExecutor(conn, lock), conn, journalTableSql(conn.dialect, 'athanor_version'))
 * const entry = await executor.interrupted() // undefined after a clean run
 */
export class JournaledExecutor implements RunExecutor {
  readonly offline = false
  readonly #base: RunExecutor
  readonly #conn: DatabaseConnection
  readonly #sql: JournalTableSql
  #index = 0
  /** True between startRevision and finishRevision: the revision's own statements are journaled, the version write is not. */
  #journaling = false
  #started = false
  #replay: { entry: JournalEntry; decision: PendingDecision | undefined } | undefined

  constructor(base: RunExecutor, conn: DatabaseConnection, sql: JournalTableSql) {
    this.#base = base
    this.#conn = conn
    this.#sql = sql
  }

  get dialect(): Dialect {
    return this.#base.dialect
  }

  /**
   * The base executor's connection, for `op.connection`. What a revision
   * sends through it directly is not journaled: only ops are settled after a crash.
   */
  get connection(): DatabaseConnection | undefined {
    return this.#base.connection
  }

  /** The base executor's answer: the journal writes change no column. */
  needsTypeCleanup(table: TableName, column?: string): Promise<boolean | undefined> {
    return this.#base.needsTypeCleanup?.(table, column) ?? Promise.resolve(undefined)
  }

  /** Statements of the running revision reached so far, those an interrupted run did included. */
  get statementsInStep(): number {
    return this.#index
  }

  startStep(): void {
    this.#base.startStep()
  }

  /** The limits go to the base executor: SET statements are not revision work, so they are not journaled. */
  setTimeouts(timeouts: StatementTimeouts | undefined): Promise<void> {
    return this.#base.setTimeouts(timeouts)
  }

  note(text: string): void {
    this.#base.note(text)
  }

  /** The journal's entry, or undefined when no revision was left half done. */
  async interrupted(): Promise<JournalEntry | undefined> {
    const [row] = await this.#conn.query(this.#sql.select.sql)
    if (row === undefined) return undefined
    return {
      revision: String(row.revision),
      direction: row.direction === 'down' ? 'down' : 'up',
      statementsDone: Number(row.statements_done),
      pendingStatement: row.pending_statement === null || row.pending_statement === undefined ? null : String(row.pending_statement),
    }
  }

  /**
   * Begins journaling a revision's statements (inside its transaction). With
   * `resume`, the revision replays over the interrupted run's entry instead.
   */
  async startRevision(revision: string, direction: 'up' | 'down', resume?: { entry: JournalEntry; decision?: PendingDecision | undefined }): Promise<void> {
    this.#index = 0
    this.#started = true
    this.#journaling = true
    this.#replay = resume === undefined ? undefined : { entry: resume.entry, decision: resume.decision }
    // Every finished or abandoned revision clears its entry, and one left behind is resumed, not restarted.
    if (resume === undefined) await this.#base.run(this.#sql.start(revision, direction))
  }

  /** Clears the entry; runs in the transaction that writes the version table. */
  async finishRevision(): Promise<void> {
    const replay = this.#replay
    if (replay !== undefined && this.#index < replay.entry.statementsDone + (replay.entry.pendingStatement === null ? 0 : 1)) {
      throw new InterruptedRevisionError(
        replay.entry,
        `after ${replay.entry.statementsDone} statement(s), but its file now has only ${this.#index}: it was changed since`,
        'restore the revision as it ran, or settle the database by hand and set the version table with: athanor stamp REV',
      )
    }
    // The revision's last DDL committed itself and left the session in autocommit: open a
    // transaction again, so the entry's clearing commits with the version write that follows
    // (a kill between the two would otherwise leave neither to recover from).
    await this.#conn.begin()
    await this.#base.run(this.#sql.clear)
    this.#replay = undefined
    this.#journaling = false
  }

  /** After a failed revision was rolled back: nothing of it is uncertain, so its entry goes. */
  async abandon(): Promise<void> {
    if (!this.#started) return
    this.#started = false
    this.#journaling = false
    this.#replay = undefined
    await this.#conn.execute(this.#sql.clear.sql)
    await this.#conn.commit()
  }

  async run(statement: SqlStatement): Promise<void> {
    if (!this.#journaling) return this.#base.run(statement)
    const index = this.#index
    this.#index += 1
    const replay = this.#replay
    if (replay !== undefined && index < replay.entry.statementsDone) return
    if (replay !== undefined && index === replay.entry.statementsDone && replay.entry.pendingStatement !== null) {
      if (await this.#pendingRan(replay.entry, replay.decision)) return
    }
    await this.#base.run(this.#sql.advance(index, statement.sql))
    await this.#base.run(statement)
  }

  query(statement: SqlStatement): Promise<Row[]> {
    return this.#base.query(statement)
  }

  begin(): Promise<void> {
    return this.#base.begin()
  }

  commit(): Promise<void> {
    return this.#base.commit()
  }

  rollback(): Promise<void> {
    return this.#base.rollback()
  }

  autocommit<T>(fn: () => Promise<T>): Promise<T> {
    return this.#base.autocommit(fn)
  }

  /** Settles the statement the interrupted run had sent: did it take effect? */
  async #pendingRan(entry: JournalEntry, decision: PendingDecision | undefined): Promise<boolean> {
    if (decision !== undefined) return decision === 'applied'
    const pending = entry.pendingStatement!
    const effect = this.dialect.runtime.statementEffect?.(pending)
    // A data statement's journal write commits with it: the entry names it only once it committed.
    if (effect?.kind === 'data') return true
    if (effect?.kind === 'schema') return effect.tookEffect(this.#conn)
    throw new InterruptedRevisionError(
      entry,
      `at statement ${entry.statementsDone + 1} "${statementExcerpt(pending)}", and the catalog cannot tell whether it ran`,
      'check the database, then run: athanor resume --applied (it ran) or athanor resume --not-applied (it did not); or set the version table by hand with: athanor stamp REV',
    )
  }
}
