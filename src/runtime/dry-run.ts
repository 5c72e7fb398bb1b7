/**
 * `upgrade --dry-run` / `downgrade --dry-run`: the pending revisions run for
 * real against the live database, inside one transaction that is rolled back
 * at the end, so `op.query` reads the real rows and every statement meets
 * the real schema, and nothing stays. Where DDL commits itself (MySQL,
 * MariaDB) they run instead in a throwaway database holding a copy of the
 * live schema and version table (no rows of other tables), dropped after.
 */
import { openConnection } from '../dialect/connect.js'
import type { DatabaseConnection, Dialect, Row, SqlStatement } from '../dialect/dialect.js'
import { parseDatabaseUrl } from '../dialect/registry.js'
import type { MigrationLock, ScratchDatabase, StatementTimeouts } from '../dialect/runtime-support.js'
import { checksumTableSql } from '../dialect/version-table-sql.js'
import { UsageError } from '../errors.js'
import type { Revision } from '../script/revision.js'
import { inlineParameters } from './offline-script.js'
import { OnlineExecutor } from './online-executor.js'
import type { RunExecutor } from './run-executor.js'
import { runSteps } from './runner.js'
import { consistentRows } from './version-rows.js'
import { VersionTable } from './version-table.js'
import type { RunResult, RuntimeOptions, RuntimeScript } from './commands.js'

const DEFAULT_LOCK_TIMEOUT_MS = 60_000

/**
 * Runs `plan` (from the rows read inside the transaction) in `direction` and
 * rolls everything back; returns the steps that would run, the rows they
 * would leave, and the SQL that ran (`sql`), with `dryRun: true`.
 *
 * @example
 * const { steps, current, sql } = await runDryRun(script, 'up', (rows) => planUpgrade(script.graph, rows, 'head'), options)
 */
export async function runDryRun(
  script: RuntimeScript,
  direction: 'up' | 'down',
  plan: (current: readonly string[]) => Revision[],
  o: RuntimeOptions,
): Promise<RunResult & { dryRun: true }> {
  const live = o.connection ?? (await openConnection(o.url))
  let scratch: ScratchDatabase | undefined
  try {
    const { dialect } = live
    const table = new VersionTable(dialect, o.versionTable, o.versionTableSchema)
    if (!dialect.transactionalDdl) scratch = await scratchCopy(script, live, table, o)
    const conn = scratch?.connection ?? live
    const checksums = checksumTableSql(dialect, o.versionTable, o.versionTableSchema)
    // On a scratch copy the lock is the copy's own: the live database is only read.
    const lockName = scratch === undefined ? table.qualifiedName : `${table.qualifiedName}_dry_run_${process.pid}_${Date.now()}`
    const lock = await dialect.runtime.acquireLock(conn, { name: lockName, timeoutMs: o.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS, onWait: o.onLockWait })
    const executor = new DryRunExecutor(conn, lock, [table.sql.create, checksums.create], scratch !== undefined)
    try {
      const { steps, current } = await runSteps(
        {
          graph: script.graph,
          executor,
          versionTable: table,
          direction,
          // One transaction for the whole run: its end is the rollback.
          transactionPerMigration: false,
          xArgs: o.xArgs,
          tag: o.tag,
          onStep: o.onStep,
          readCurrent: async () => consistentRows(script.graph, await table.readExisting(conn), table.qualifiedName),
          rereadEachTransaction: false,
          timeouts: o.timeouts,
          stepTimeoutMs: o.stepTimeoutMs,
          checksums,
        },
        undefined,
        plan,
      )
      return { steps, current: [...current].sort(), sql: executor.text(), dryRun: true, ...(scratch === undefined ? {} : { scratch: scratch.description }) }
    } finally {
      await executor.rollback().catch(() => undefined)
      await lock.release()
    }
  } finally {
    await scratch?.dispose()
    if (o.connection === undefined) await live.close()
  }
}

/** A throwaway database with the live one's tables (structure only) and version rows. */
async function scratchCopy(script: RuntimeScript, live: DatabaseConnection, table: VersionTable, o: RuntimeOptions): Promise<ScratchDatabase> {
  const { runtime } = live.dialect
  if (runtime.copySchema === undefined) {
    throw new UsageError('--dry-run cannot run on this database: its DDL commits itself and it has no scratch copy', { hint: 'use --sql to see the statements' })
  }
  const rows = consistentRows(script.graph, await table.read(live), table.qualifiedName)
  const scratch = await runtime.openScratch(parseDatabaseUrl(o.url))
  try {
    await runtime.copySchema(live, scratch.connection)
    await scratch.connection.execute(table.sql.create.sql)
    for (const id of rows) {
      const insert = table.sql.insert(id)
      await scratch.connection.execute(insert.sql, insert.params)
    }
    return scratch
  } catch (error) {
    await scratch.dispose()
    throw error
  }
}

/**
 * An online executor whose transaction never commits: `commit()` rolls back.
 * The bookkeeping tables are made inside the transaction, so a database that
 * had none still has none after. Records each statement of the revisions.
 */
class DryRunExecutor implements RunExecutor {
  readonly offline = false
  readonly #online: OnlineExecutor
  readonly #setup: readonly SqlStatement[]
  readonly #recorded: string[] = []
  /** True on a scratch copy, which is thrown away whole: its transactions commit. */
  readonly #keep: boolean

  constructor(conn: DatabaseConnection, lock: MigrationLock, setup: readonly SqlStatement[], keep: boolean) {
    this.#online = new OnlineExecutor(conn, lock)
    this.#setup = setup
    this.#keep = keep
  }

  get dialect(): Dialect {
    return this.#online.dialect
  }

  get connection(): DatabaseConnection {
    return this.#online.connection
  }

  get statementsInStep(): number {
    return this.#online.statementsInStep
  }

  startStep(): void {
    this.#online.startStep()
  }

  /** The statements that ran, as a script (values inlined), with a `--` line where each revision starts. */
  text(): string {
    return this.#recorded.join('')
  }

  note(text: string): void {
    this.#recorded.push(`-- ${text.replace(/\s*\n\s*/g, ' ')}\n\n`)
  }

  async run(statement: SqlStatement): Promise<void> {
    this.#record(statement)
    await this.#online.run(statement)
  }

  async query(statement: SqlStatement): Promise<Row[]> {
    this.#record(statement)
    return this.#online.query(statement)
  }

  #record(statement: SqlStatement): void {
    const sql = inlineParameters(this.dialect, statement).trimEnd()
    this.#recorded.push(sql.endsWith(';') ? `${sql}\n\n` : `${sql};\n\n`)
  }

  async begin(): Promise<void> {
    await this.#online.begin()
    for (const statement of this.#setup) await this.#online.run(statement)
  }

  /** Ends the run by undoing it (on a scratch copy, commits: the copy goes whole). */
  async commit(): Promise<void> {
    await (this.#keep ? this.#online.commit() : this.#online.rollback())
  }

  async rollback(): Promise<void> {
    await this.#online.rollback()
  }

  async setTimeouts(timeouts: StatementTimeouts | undefined): Promise<void> {
    await this.#online.setTimeouts(timeouts)
  }

  async autocommit<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#keep) return this.#online.autocommit(fn)
    throw new UsageError('op.autocommitBlock cannot run in a dry run: its statements would commit', {
      hint: 'use --sql to see its statements',
    })
  }
}
