/**
 * What an application does with its database as it starts: upgrade it, refuse
 * to start unless it is up to date, or leave it alone.
 */
import type { Athanor, RunResult, StepResult } from '../api.js'
import { NotUpToDateError, UsageError } from '../errors.js'
import { migrationStatus, type MigrationStatus } from './migration-status.js'

/**
 * `upgrade`: `upgrade head` under the database's migration lock, so instances
 * starting at once apply each revision once. `require-up-to-date`: refuse to
 * start when the database is behind or ahead of the code. `none`: nothing.
 */
export type StartPolicy = 'upgrade' | 'require-up-to-date' | 'none'

/** The start policies, for validating options. */
export const START_POLICIES: readonly StartPolicy[] = ['upgrade', 'require-up-to-date', 'none']

/** Listeners for what a start policy does; each integration passes its framework's logger. */
export interface StartListeners {
  /** Called as each revision of an `upgrade` start finishes. */
  onStep?: (step: StepResult) => void
  /** Called while this instance waits for another one's migration lock. */
  onLockWait?: (message: string) => void
}

/** What a start policy did: the upgrade's result, or the status it checked. */
export type StartOutcome =
  | { readonly policy: 'upgrade'; readonly result: RunResult }
  | { readonly policy: 'require-up-to-date'; readonly status: MigrationStatus }
  | { readonly policy: 'none' }

/**
 * Runs `policy` on the database of `athanor`.
 *
 * @throws NotUpToDateError when `require-up-to-date` finds the database behind or ahead
 * @example
 * await runStartPolicy(athanor, 'require-up-to-date') // throws unless the database is at the heads
 */
export async function runStartPolicy(athanor: Athanor, policy: StartPolicy, listeners: StartListeners = {}): Promise<StartOutcome> {
  if (policy === 'none') return { policy }
  if (policy === 'upgrade') {
    // Only the listeners: callers pass their whole options object.
    const { onStep, onLockWait } = listeners
    const run = { ...(onStep === undefined ? {} : { onStep }), ...(onLockWait === undefined ? {} : { onLockWait }) }
    return { policy, result: await athanor.upgrade('head', run) }
  }
  if (policy !== 'require-up-to-date') throw unknownPolicy(policy)
  const status = await migrationStatus(athanor)
  if (!status.upToDate) throw notUpToDate(status)
  return { policy, status }
}

/**
 * Checks an `onStart` value given at run time (a config object from JavaScript is not type-checked).
 *
 * @example
 * checkStartPolicy(process.env.ATHANOR_ON_START ?? 'upgrade')
 */
export function checkStartPolicy(value: unknown): StartPolicy {
  if (START_POLICIES.includes(value as StartPolicy)) return value as StartPolicy
  throw unknownPolicy(value)
}

function unknownPolicy(value: unknown): UsageError {
  return new UsageError(`unknown onStart policy ${JSON.stringify(value)}`, { hint: `use one of ${START_POLICIES.map((p) => `'${p}'`).join(', ')}` })
}

function notUpToDate(status: MigrationStatus): NotUpToDateError {
  const data = { current: status.current, pending: status.pending.map((p) => p.revision), unknown: status.unknown }
  if (status.unknown.length > 0) {
    const rows = status.unknown.join(', ')
    return new NotUpToDateError(
      `the database is ahead of the code: it is at ${rows}, which no revision in the migrations folder defines`,
      data,
      { hint: 'deploy the code that has this revision, or downgrade the database with that code first' },
    )
  }
  const count = status.pending.length
  const listed = status.pending.map((p) => `${p.revision} ${p.message}`).join(', ')
  return new NotUpToDateError(`the database is behind the code: ${count} revision${count === 1 ? '' : 's'} to apply (${listed})`, data, {
    hint: "run `athanor upgrade` first, or start with onStart: 'upgrade'",
  })
}
