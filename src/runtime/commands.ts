/**
 * The runtime's commands: upgrade, downgrade, stamp and current, online
 * (on a live database, under the migration lock) or offline (`sql: true`,
 * returning a SQL script). The API and CLI call these; nothing here prints.
 */
import { openConnection } from '../dialect/connect.js'
import type { DatabaseConnection, Dialect } from '../dialect/dialect.js'
import { loadDialect } from '../dialect/registry.js'
import type { MigrationLock, StatementTimeouts } from '../dialect/runtime-support.js'
import { DatabaseError, UsageError } from '../errors.js'
import type { RevisionGraph } from '../script/graph.js'
import type { Revision } from '../script/revision.js'
import { OfflineScript } from './offline-script.js'
import { OfflineShadow } from './offline-shadow.js'
import { journalTableSql, type JournalTableSql } from '../dialect/version-table-sql.js'
import { OnlineExecutor } from './online-executor.js'
import { planDowngrade, planUpgrade, stampRows } from './planning.js'
import { JournaledExecutor, type PendingDecision } from './revision-journal.js'
import { runSteps, type RunnerSettings, type StepResult } from './runner.js'
import { VersionTable } from './version-table.js'
import { consistentRows } from './version-rows.js'
import { runDryRun } from './dry-run.js'
import { readCurrent } from './read-current.js'
import { checksumTableSql, type ChecksumTableSql } from '../dialect/version-table-sql.js'

export type { StepResult } from './runner.js'
export { readCurrent } from './read-current.js'

/** What a run needs of a script directory: its revision graph. A `ScriptDirectory` is one. */
export interface RuntimeScript {
  readonly graph: RevisionGraph
}

/** Settings of one run, resolved from the config and the command line. */
export interface RuntimeOptions {
  url: string
  /** An open connection to run on instead of opening `url` (a scratch database); the run leaves it open. */
  connection?: DatabaseConnection
  versionTable: string
  versionTableSchema?: string
  /** One transaction per revision (true) or one for the whole run (false). */
  transactionPerMigration: boolean
  xArgs: Readonly<Record<string, string>>
  tag?: string
  /** How long to wait for another run's migration lock; default 60000. */
  lockTimeoutMs?: number
  /** Per-statement lock wait and run time of revisions (`ddlLockTimeoutMs`, `statementTimeoutMs`). */
  timeouts?: StatementTimeouts
  /** Longest time one revision's function may take (the config's `stepTimeoutMs`). */
  stepTimeoutMs?: number
  /** Retries of a revision failed on a lock timeout. */
  lockRetries?: { attempts: number; delayMs: number }
  /** Called as each step finishes. */
  onStep?: (step: StepResult) => void
  /** Called while waiting for the lock. */
  onLockWait?: (message: string) => void
}

/** What a run did: the steps in order and the version table's rows after it; `sql` in offline mode. */
export interface RunResult {
  steps: StepResult[]
  current: string[]
  sql?: string
  /** Statements sent to the database during an online run, lock and version table included (for benchmarks). */
  statements?: number
  /** `stamp`: the version table's rows before it (sorted), so a caller can say what changed. */
  previous?: string[]
  /** True for a dry run: `steps` and `current` say what would happen, `sql` what ran before the rollback. */
  dryRun?: true
  /** A dry run on a scratch copy (MySQL, MariaDB): which database it ran in. */
  scratch?: string
}

const DEFAULT_LOCK_TIMEOUT_MS = 60_000

/**
 * Upgrades to `target` (`head`, `heads`, an id, `+N`, `label@head`, …). With
 * `sql: true` writes the SQL instead; the target may then be `FROM:TO`, and
 * without FROM the live database's current revision is read (nothing changes).
 *
 * @example
 * const { steps, current } = await runUpgrade(script, 'head', options)
 */
export async function runUpgrade(script: RuntimeScript, target: string, o: RuntimeOptions & { sql?: boolean; dryRun?: boolean }): Promise<RunResult> {
  const { graph } = script
  if (o.sql === true) return runOffline(script, 'up', target, o)
  if (o.dryRun === true) return runDryRun(script, 'up', (current) => planUpgrade(graph, current, target), o)
  return withMigrationLock(o, (session) => runOnline(script, session, 'up', (current) => planUpgrade(graph, current, target), o), { checksums: true })
}

/**
 * Downgrades to `target` (`-1`, `base`, an id, `label@-1`, …). With
 * `sql: true` the target must be a range `FROM:TO`.
 *
 * @example
 * await runDowngrade(script, 'base', options)
 */
export async function runDowngrade(script: RuntimeScript, target: string, o: RuntimeOptions & { sql?: boolean; dryRun?: boolean }): Promise<RunResult> {
  const { graph } = script
  if (o.sql === true) return runOffline(script, 'down', target, o)
  if (o.dryRun === true) return runDryRun(script, 'down', (current) => planDowngrade(graph, current, target), o)
  return withMigrationLock(o, (session) => runOnline(script, session, 'down', (current) => planDowngrade(graph, current, target), o), { checksums: true })
}

/**
 * Runs exactly `revisions`, in that order and `direction`, whatever the
 * version table says: `check --roundtrip` steps one revision up and down.
 * The caller picks revisions whose parents (up) or children (down) are in
 * the state the step needs.
 *
 * @example
 * await runRevisions(script, 'down', [script.graph.get('a1')], { ...options, connection: scratch })
 */
export async function runRevisions(script: RuntimeScript, direction: 'up' | 'down', revisions: readonly Revision[], o: RuntimeOptions): Promise<RunResult> {
  let given = false
  const plan = (): Revision[] => (given ? [] : ((given = true), [...revisions]))
  return withMigrationLock(o, (session) => runOnline(script, session, direction, plan, o), { checksums: true })
}

/**
 * Sets the version table to `targets` without running any revision. Each
 * target replaces the rows on its own line of history; `purge` empties the
 * table first (also clearing rows no revision file defines).
 *
 * @example
 * await runStamp(script, ['head'], options) // adopt a database built by other means
 */
export async function runStamp(
  script: RuntimeScript,
  targets: readonly string[],
  o: RuntimeOptions & { purge?: boolean; sql?: boolean },
): Promise<RunResult> {
  const { graph } = script
  const purge = o.purge === true
  if (o.sql === true) {
    const dialect = await loadDialect(o.url)
    const table = new VersionTable(dialect, o.versionTable, o.versionTableSchema)
    const current = purge ? [] : await readCurrent(script, o)
    const next = stampRows(graph, current, targets, purge)
    const out = new OfflineScript(dialect)
    await out.run(table.sql.create)
    await out.begin()
    if (purge) await out.run(table.sql.deleteAll)
    for (const statement of table.transition(purge ? [] : current, next)) await out.run(statement)
    await out.commit()
    return { steps: [], current: next, sql: out.text() }
  }
  return withMigrationLock(o, async ({ conn, table, lock, journal }) => {
    const executor = new OnlineExecutor(conn, lock)
    await executor.begin()
    try {
      const current = await table.readExisting(conn)
      const next = stampRows(graph, current, targets, purge)
      if (purge) await executor.run(table.sql.deleteAll)
      for (const statement of table.transition(purge ? [] : current, next)) await executor.run(statement)
      // Stamping says what the database is: a revision a killed run left half done is settled by it.
      if (journal !== undefined) await executor.run(journal.clear)
      await executor.commit()
      return { steps: [], current: [...next].sort(), previous: [...current].sort() }
    } catch (error) {
      await executor.rollback().catch(() => undefined)
      throw error
    }
  })
}

/**
 * Finishes the revision a killed run left half done, and nothing else. Only
 * databases whose DDL commits by itself (MySQL, MariaDB) can be left so;
 * elsewhere, and when nothing was interrupted, it returns no steps.
 * `decision` says whether the one statement whose effect was uncertain ran,
 * for when the catalog cannot tell (`upgrade` then stops with an
 * `InterruptedRevisionError`).
 *
 * @example
 * await runResume(script, { ...options, decision: 'applied' }) // { steps: [{ revision, direction, ms }], current }
 */
export async function runResume(script: RuntimeScript, o: RuntimeOptions & { decision?: PendingDecision }): Promise<RunResult> {
  return withMigrationLock(o, (session) => runOnline(script, session, 'up', () => [], o, o.decision), { checksums: true })
}

/**
 * Alembic's `ensure_version`: creates the version table (and its checksum
 * side table) when missing and changes nothing else. With `sql: true`
 * returns the statements instead.
 *
 * @example
 * await runEnsureVersion(options) // { steps: [], current: [] } on a new database, the table now there
 */
export async function runEnsureVersion(o: RuntimeOptions & { sql?: boolean }): Promise<RunResult> {
  if (o.sql === true) {
    const dialect = await loadDialect(o.url)
    const out = new OfflineScript(dialect)
    await out.run(new VersionTable(dialect, o.versionTable, o.versionTableSchema).sql.create)
    await out.run(checksumTableSql(dialect, o.versionTable, o.versionTableSchema).create)
    return { steps: [], current: [], sql: out.text() }
  }
  return withMigrationLock(o, async ({ conn, table }) => ({ steps: [], current: await table.readExisting(conn) }), { checksums: true })
}

/** What a function run under the migration lock gets. */
export interface LockedSession {
  readonly conn: DatabaseConnection
  readonly table: VersionTable
  readonly lock: MigrationLock
  /** The checksum side table's SQL, when the run asked for it (the table then exists). */
  readonly checksums: ChecksumTableSql | undefined
  /** The revision journal's SQL where DDL commits by itself (the table then exists); undefined where a revision rolls back whole. */
  readonly journal: JournalTableSql | undefined
}

/**
 * Opens the database, takes the migration lock, makes sure the version table
 * (and with `checksums` its side table) exists, runs `fn`, and cleans up.
 *
 * @example
 * await withMigrationLock(options, async ({ conn, table }) => ({ steps: [], current: await table.readExisting(conn) }))
 */
export async function withMigrationLock<T extends object>(
  o: RuntimeOptions,
  fn: (session: LockedSession) => Promise<T>,
  want: { checksums?: boolean } = {},
): Promise<T & { statements: number }> {
  const conn = o.connection ?? (await openConnection(o.url))
  try {
    const table = new VersionTable(conn.dialect, o.versionTable, o.versionTableSchema)
    const checksums = want.checksums === true ? checksumTableSql(conn.dialect, o.versionTable, o.versionTableSchema) : undefined
    const journal = conn.dialect.transactionalDdl ? undefined : journalTableSql(conn.dialect, table.name, table.schema)
    const lock = await conn.dialect.runtime.acquireLock(conn, {
      name: table.qualifiedName,
      timeoutMs: o.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS,
      onWait: o.onLockWait,
    })
    try {
      // Inside a locked transaction: on SQLite that is what waits for (and reports) a busy write lock.
      await lock.begin()
      const made = (await table.exists(conn)) ? [] : [journal, checksums, table.sql].filter((t) => t !== undefined)
      await conn.execute(table.sql.create.sql)
      if (journal !== undefined) await conn.execute(journal.create.sql)
      if (checksums !== undefined) await conn.execute(checksums.create.sql)
      await conn.commit()
      try {
        const result = await fn({ conn, table, lock, checksums, journal })
        await lock.release()
        return { ...result, statements: conn.statementCount }
      } catch (error) {
        await conn.rollback().catch(() => undefined)
        // A run refused or failed before it recorded anything leaves no version table it made behind.
        await dropUnused(conn, lock, made).catch(() => undefined)
        throw error
      }
    } catch (error) {
      await conn.rollback().catch(() => undefined)
      await lock.release()
      throw error
    }
  } finally {
    if (o.connection === undefined) await conn.close()
  }
}

/** Drops the bookkeeping tables this run made, when none of them holds a row (another run may have written them since). */
async function dropUnused(conn: DatabaseConnection, lock: MigrationLock, made: ReadonlyArray<{ select: { sql: string }; drop: { sql: string } }>): Promise<void> {
  if (made.length === 0) return
  await lock.begin()
  for (const t of made) {
    if ((await conn.query(t.select.sql)).length > 0) return conn.rollback()
  }
  for (const t of made) await conn.execute(t.drop.sql)
  await conn.commit()
}

async function runOnline(
  script: RuntimeScript,
  { conn, table, lock, checksums, journal: journalSql }: LockedSession,
  direction: 'up' | 'down',
  plan: (current: readonly string[]) => Revision[],
  o: RuntimeOptions,
  pendingDecision?: PendingDecision,
): Promise<RunResult> {
  const online = new OnlineExecutor(conn, lock)
  // Where DDL commits by itself, each statement is journaled so a crash mid-revision can be settled.
  const journal = journalSql === undefined ? undefined : new JournaledExecutor(online, conn, journalSql)
  const settings: RunnerSettings = {
    graph: script.graph,
    executor: journal ?? online,
    journal,
    pendingDecision,
    versionTable: table,
    direction,
    transactionPerMigration: o.transactionPerMigration,
    xArgs: o.xArgs,
    tag: o.tag,
    onStep: o.onStep,
    readCurrent: async () => consistentRows(script.graph, await table.readExisting(conn), table.qualifiedName),
    rereadEachTransaction: !lock.spansTransactions,
    timeouts: o.timeouts,
    lockRetries: o.lockRetries,
    stepTimeoutMs: o.stepTimeoutMs,
    checksums,
  }
  // Where the lock spans transactions, the rows read now stay true for the whole run.
  const start = lock.spansTransactions ? await settings.readCurrent!() : undefined
  const { steps, current } = await runSteps(settings, start, plan)
  return { steps, current: [...current].sort() }
}

async function runOffline(script: RuntimeScript, direction: 'up' | 'down', range: string, o: RuntimeOptions): Promise<RunResult> {
  const { graph } = script
  const colon = range.lastIndexOf(':')
  const from = colon === -1 ? undefined : range.slice(0, colon)
  const to = colon === -1 ? range : range.slice(colon + 1)
  if (to === '') throw new UsageError(`"${range}" has no target after the colon`, { hint: 'write FROM:TO, e.g. base:head' })
  if (direction === 'down' && from === undefined) {
    throw new UsageError('downgrade --sql needs a range FROM:TO', { hint: `e.g. downgrade --sql head:${range}` })
  }
  const current =
    from === undefined ? await readLiveCurrent(script, o, to) : from === 'base' || from === '' ? [] : graph.resolve(from).map((r) => r.id)
  const dialect = await loadDialect(o.url)
  // From base the shadow starts empty; from a revision, as the live database is (when it can be read).
  const { openOfflineShadow } = dialect.runtime
  const liveUrl = current.length === 0 ? undefined : o.url
  const shadow = openOfflineShadow === undefined ? undefined : new OfflineShadow(() => openOfflineShadow.call(dialect.runtime, liveUrl))
  try {
    return await renderOffline(script, direction, current, to, o, dialect, new OfflineScript(dialect, shadow))
  } finally {
    await shadow?.close()
  }
}

async function renderOffline(
  script: RuntimeScript,
  direction: 'up' | 'down',
  current: string[],
  to: string,
  o: RuntimeOptions,
  dialect: Dialect,
  out: OfflineScript,
): Promise<RunResult> {
  const { graph } = script
  const table = new VersionTable(dialect, o.versionTable, o.versionTableSchema)
  const plan = direction === 'up' ? planUpgrade(graph, current, to) : planDowngrade(graph, current, to)
  // The script records checksums as an online run does, so a database built from it can be verified.
  const checksums = checksumTableSql(dialect, o.versionTable, o.versionTableSchema)
  if (direction === 'up' && current.length === 0) {
    await out.run(table.sql.create)
    await out.run(checksums.create)
  }
  const { steps, current: after } = await runSteps(
    {
      graph,
      executor: out,
      versionTable: table,
      direction,
      transactionPerMigration: o.transactionPerMigration,
      xArgs: o.xArgs,
      tag: o.tag,
      onStep: o.onStep,
      rereadEachTransaction: false,
      timeouts: o.timeouts,
      stepTimeoutMs: o.stepTimeoutMs,
      checksums,
    },
    current,
    () => plan,
  )
  return { steps, current: [...after].sort(), sql: out.text() }
}

/** `--sql` without FROM reads the live database; when it cannot, say how to do without it. */
async function readLiveCurrent(script: RuntimeScript, o: RuntimeOptions, to: string): Promise<string[]> {
  try {
    return await readCurrent(script, o)
  } catch (error) {
    if (!(error instanceof DatabaseError)) throw error
    throw new DatabaseError(error.message, { hint: `--sql without FROM reads the current revision from the database; to write SQL without one, give a range: base:${to}`, cause: error })
  }
}
