import { runWithXArgs } from '../config/x-args.js'
import { AthanorError, DatabaseError, UsageError } from '../errors.js'
import { Operations } from '../operations/operations.js'
import type { RevisionGraph } from '../script/graph.js'
import type { Revision } from '../script/revision.js'
import { MigrationFailedError } from './migration-failed-error.js'
import type { RevisionModule } from './revision-module.js'
import { InterruptedRevisionError, type JournaledExecutor, type JournalEntry, type PendingDecision } from './revision-journal.js'
import { LoadedScripts, preflight } from './preflight.js'
import { StatementFailedError, statementExcerpt, type RunExecutor } from './run-executor.js'
import type { VersionTable } from './version-table.js'
import type { StatementTimeouts } from '../dialect/runtime-support.js'
import type { ChecksumTableSql } from '../dialect/version-table-sql.js'
import { revisionChecksum } from '../script/revision-checksum.js'
import { guardStep } from './step-guard.js'

/** One revision applied or un-applied, as reported to callers. */
export interface StepResult {
  readonly revision: string
  readonly message: string
  readonly direction: 'up' | 'down'
  /** Wall time of the step in milliseconds: its transaction's BEGIN and COMMIT included when it has its own. */
  readonly ms: number
}

/** How a run executes its plan. */
export interface RunnerSettings {
  readonly graph: RevisionGraph
  readonly executor: RunExecutor
  readonly versionTable: VersionTable
  readonly direction: 'up' | 'down'
  readonly transactionPerMigration: boolean
  readonly xArgs: Readonly<Record<string, string>>
  readonly tag: string | undefined
  readonly onStep?: ((step: StepResult) => void) | undefined
  /** Reads the version table (online only): used inside transactions and to report the truth after a failure. */
  readonly readCurrent?: (() => Promise<string[]>) | undefined
  /**
   * True when the lock is the write transaction itself (SQLite): the version
   * table is then read inside every transaction, and revisions another
   * process applied meanwhile are skipped.
   */
  readonly rereadEachTransaction: boolean
  /**
   * Where DDL commits by itself: the executor's journal of the running
   * revision. A revision a killed run left half done is then finished first.
   */
  readonly journal?: JournaledExecutor | undefined
  /** `athanor resume --applied|--not-applied`: what the user says about the one uncertain statement. */
  readonly pendingDecision?: PendingDecision | undefined
  /** The checksum side table (online runs): each applied revision's source checksum is recorded in the step's transaction. */
  readonly checksums?: ChecksumTableSql | undefined
  /** The config's per-statement limits; a revision's own `export const ddlLockTimeoutMs` / `statementTimeoutMs` win. */
  readonly timeouts?: StatementTimeouts | undefined
  /** Retries of a revision that failed on a lock timeout (transactional-DDL databases only), waiting `delayMs`, doubled each time. */
  readonly lockRetries?: { readonly attempts: number; readonly delayMs: number } | undefined
  /** The config's longest time one revision's function may take; a revision's own `export const stepTimeoutMs` wins. */
  readonly stepTimeoutMs?: number | undefined
}

/** What a run did. */
export interface StepsOutcome {
  readonly steps: StepResult[]
  readonly current: string[]
}

/**
 * Applies a plan revision by revision. `start` is the version table's rows
 * when already read under the lock; pass `undefined` where the lock is the
 * transaction and the rows must be read inside it. `plan` turns rows into the
 * revisions to run, in order.
 *
 * Every plan is preflighted first: the scripts it will run are loaded and
 * validated before its first step, so a broken one applies nothing.
 * Each revision: `upgrade(op)`/`downgrade(op)` runs,
 * every op is drained, the version table is written, and (per migration) the
 * transaction commits. A failure rolls back and throws one
 * `MigrationFailedError` naming the revision, the statement, the cause and
 * what the version table now says, and carrying the steps that finished.
 *
 * @example
 * await runSteps(settings, ['a1'], (current) => graph.upgradePlan(current, 'head'))
 */
export async function runSteps(
  settings: RunnerSettings,
  start: string[] | undefined,
  plan: (current: readonly string[]) => Revision[],
): Promise<StepsOutcome> {
  const { executor } = settings
  const steps: StepResult[] = []
  const loaded = new LoadedScripts(settings.xArgs)
  const planned = async (rows: readonly string[]): Promise<Revision[]> => {
    const revisions = plan(rows)
    await preflight(loaded, revisions)
    return revisions
  }
  let current = start ?? []
  // The rows as of the last commit: what the version table says when a failure cannot read it back.
  let committed = current
  const single = !settings.transactionPerMigration
  let active: Revision | undefined
  let remaining: Revision[] | undefined
  try {
    // A revision a killed run left half done is finished first, in its own transaction.
    const entry = start === undefined ? undefined : await settings.journal?.interrupted()
    if (entry !== undefined) {
      const revision = settings.graph.get(entry.revision)
      await preflight(loaded, [revision])
      const started = performance.now()
      await executor.begin()
      active = revision
      current = await runStep(settings, loaded, revision, current, entry.direction, { entry, decision: settings.pendingDecision })
      await executor.commit()
      committed = current
      active = undefined
      report(settings, steps, revision, started, entry.direction)
    }
    remaining = start === undefined ? undefined : await planned(current)
    if (single) {
      if (remaining !== undefined && remaining.length === 0) return { steps, current }
      await executor.begin()
      if (remaining === undefined) {
        current = committed = await readInside(settings)
        remaining = await planned(current)
      }
      for (const revision of remaining) {
        active = revision
        const started = performance.now()
        current = await runStep(settings, loaded, revision, current)
        // Reported before the run's commit: the step's own work is done.
        report(settings, steps, revision, started)
      }
      active = undefined
      await executor.commit()
      return { steps, current }
    }
    const retries = new Map<string, number>()
    // Once the plan is exhausted nothing is left to do, whatever another process did meanwhile.
    while (remaining === undefined || remaining.length > 0) {
      const started = performance.now()
      await executor.begin()
      if (settings.rereadEachTransaction || remaining === undefined) {
        const fresh = await readInside(settings)
        remaining = remaining === undefined ? await planned(fresh) : stillToRun(settings, remaining, current, fresh)
        current = committed = fresh
      }
      const revision = remaining.shift()
      if (revision === undefined) {
        await executor.commit()
        break
      }
      active = revision
      try {
        current = await runStep(settings, loaded, revision, current)
        await executor.commit()
      } catch (error) {
        const attempt = (retries.get(revision.id) ?? 0) + 1
        if (!(await mayRetry(settings, error, attempt))) throw error
        retries.set(revision.id, attempt)
        await executor.rollback()
        remaining.unshift(revision)
        continue
      }
      committed = current
      active = undefined
      report(settings, steps, revision, started)
    }
    return { steps, current }
  } catch (error) {
    await executor.rollback().catch(() => undefined)
    // A statement the catalog could not settle stays journaled for `athanor resume`.
    if (!(error instanceof InterruptedRevisionError)) await settings.journal?.abandon().catch(() => undefined)
    const truth = settings.readCurrent ? await settings.readCurrent().catch(() => undefined) : undefined
    throw stepFailed(settings, active, error, { steps, truth, committed }, single)
  }
}

async function runStep(
  settings: RunnerSettings,
  loaded: LoadedScripts,
  revision: Revision,
  current: string[],
  direction = settings.direction,
  resume?: { entry: JournalEntry; decision: PendingDecision | undefined },
): Promise<string[]> {
  const { executor, graph, journal } = settings
  executor.startStep()
  await journal?.startRevision(revision.id, direction, resume)
  const next = graph.nextCurrent(current, revision, direction)
  executor.note(
    direction === 'up'
      ? `Running upgrade ${revision.downRevisions.join(', ')} -> ${revision.id}, ${revision.message}`
      : `Running downgrade ${revision.id} -> ${revision.downRevisions.join(', ')}, ${revision.message}`,
  )
  await runRevision(settings, revision, loaded.get(revision), direction)
  await journal?.finishRevision()
  for (const statement of settings.versionTable.transition(current, next)) await executor.run(statement)
  if (settings.checksums !== undefined) {
    const statements = direction === 'up' ? settings.checksums.record(revision.id, revisionChecksum(revision.path)) : [settings.checksums.delete(revision.id)]
    for (const statement of statements) await executor.run(statement)
  }
  return next
}

function report(settings: RunnerSettings, steps: StepResult[], revision: Revision, started: number, direction = settings.direction): void {
  const step: StepResult = { revision: revision.id, message: revision.message, direction, ms: performance.now() - started }
  steps.push(step)
  settings.onStep?.(step)
}

/**
 * Calls the revision's function with a fresh `op`, then drains every op it
 * started, awaited or not, so none escapes the transaction.
 */
async function runRevision(settings: RunnerSettings, revision: Revision, module: RevisionModule, direction: 'up' | 'down'): Promise<void> {
  const { executor } = settings
  // The script's functions see this run's -x values through xArg() (its module code saw them in preflight).
  const timeouts = revisionTimeouts(settings, module as unknown as Record<string, unknown>)
  if (timeouts !== undefined) await executor.setTimeouts(timeouts)
  await runWithXArgs(settings.xArgs, async () => {
    const op = new Operations(executor, {
      dialect: executor.dialect.name,
      xArgs: settings.xArgs,
      tag: settings.tag,
      offline: executor.offline,
      revision: revision.id,
      direction,
    })
    const fn = direction === 'up' ? 'upgrade' : 'downgrade'
    const bounds = { fn, timeoutMs: ownDuration(module, 'stepTimeoutMs', settings.stepTimeoutMs) } as const
    await guardStep(
      async () => {
        let failure: { error: unknown } | undefined
        try {
          await module[fn](op)
        } catch (error) {
          failure = { error }
        }
        try {
          await op.drain()
        } catch (error) {
          failure ??= { error }
        }
        if (failure) throw failure.error
      },
      bounds,
      (stalled) => op.close(stalled),
    )
  })
}

/** Waits and says yes when `error` is a lock timeout the settings allow retrying for the `attempt`-th time. */
async function mayRetry(settings: RunnerSettings, error: unknown, attempt: number): Promise<boolean> {
  const retry = settings.lockRetries
  const { dialect } = settings.executor
  if (retry === undefined || attempt > retry.attempts || settings.executor.offline) return false
  // Where DDL commits as it runs, part of the revision may have run: retrying could apply it twice.
  if (!dialect.transactionalDdl || !dialect.runtime.timeouts.isLockTimeout(error)) return false
  await new Promise((resolve) => setTimeout(resolve, retry.delayMs * 2 ** (attempt - 1)))
  return true
}

/** The limits for one revision: its module's own exports over the config's. */
function revisionTimeouts(settings: RunnerSettings, module: Record<string, unknown>): StatementTimeouts | undefined {
  const ddlLockTimeoutMs = ownDuration(module, 'ddlLockTimeoutMs', settings.timeouts?.ddlLockTimeoutMs)
  const statementTimeoutMs = ownDuration(module, 'statementTimeoutMs', settings.timeouts?.statementTimeoutMs)
  if (ddlLockTimeoutMs === undefined && statementTimeoutMs === undefined) return undefined
  return { ddlLockTimeoutMs, statementTimeoutMs }
}

/** A revision module's own `export const NAME = ms`, else the config's `fallback`. */
function ownDuration(module: object, name: 'ddlLockTimeoutMs' | 'statementTimeoutMs' | 'stepTimeoutMs', fallback: number | undefined): number | undefined {
  const value = (module as Record<string, unknown>)[name]
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new UsageError(`revision exports ${name} = ${String(value)}: it must be a number of milliseconds ≥ 0`)
  }
  return value
}

async function readInside(settings: RunnerSettings): Promise<string[]> {
  if (settings.readCurrent === undefined) return []
  return settings.readCurrent()
}

/** After another process moved the version table, drops the revisions it already ran (or un-ran). */
function stillToRun(settings: RunnerSettings, remaining: Revision[], expected: readonly string[], fresh: readonly string[]): Revision[] {
  if (sameRows(expected, fresh)) return remaining
  const applied = settings.graph.applied(fresh)
  return remaining.filter((revision) => (settings.direction === 'up' ? !applied.has(revision.id) : applied.has(revision.id)))
}

function sameRows(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id))
}

/** Where a run stood when it failed: the steps done, the rows read back (if they could be), and those last committed. */
interface FailurePoint {
  readonly steps: readonly StepResult[]
  readonly truth: string[] | undefined
  readonly committed: readonly string[]
}

function stepFailed(settings: RunnerSettings, revision: Revision | undefined, error: unknown, point: FailurePoint, single: boolean): unknown {
  const { truth } = point
  const isStatementFailure = error instanceof StatementFailedError
  // Usage, config and revision-file errors keep their class and exit code, as does a revision left for `resume`.
  if (error instanceof AthanorError && !(error instanceof DatabaseError)) return error
  if (error instanceof InterruptedRevisionError) return error
  if (revision === undefined) return error
  const { executor } = settings
  const verb = settings.direction === 'up' ? 'upgrade' : 'downgrade'
  const reason = error instanceof Error ? error.message : String(error)
  const at = isStatementFailure ? ` at statement "${statementExcerpt(error.statement.sql)}"` : ''
  let message = `${verb} ${revision.id} (${revision.message}) failed${at}: ${reason}`
  const earlier = executor.statementsInStep - (isStatementFailure ? 1 : 0)
  if (!executor.dialect.transactionalDdl && earlier > 0) {
    message += `; this database commits DDL as it runs, so the ${earlier} statement(s) of this revision before the failure may have run and were not rolled back`
  }
  const parts: string[] = []
  if (executor.dialect.runtime.timeouts.isLockTimeout(error)) {
    const limit = settings.timeouts?.ddlLockTimeoutMs
    parts.push(`a statement waited ${limit === undefined ? 'too long' : `more than ddlLockTimeoutMs (${limit} ms)`} for a lock another session holds, and gave up instead of queueing traffic behind it`)
  }
  if (executor.dialect.transactionalDdl && !executor.offline) parts.push(single ? 'the whole run was rolled back' : 'the revision was rolled back')
  if (truth !== undefined) parts.push(`the version table names ${truth.length > 0 ? truth.join(', ') : 'no revision (base)'}`)
  const failed = { revision: revision.id, statement: isStatementFailure ? error.statement.sql : null, error: reason }
  return new MigrationFailedError(
    message,
    { steps: point.steps, current: [...(truth ?? point.committed)].sort(), failed },
    { cause: error, ...(parts.length > 0 ? { hint: parts.join('; ') } : {}) },
  )
}
