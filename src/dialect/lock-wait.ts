import { DatabaseError } from '../errors.js'
import type { LockRequest } from './runtime-support.js'

const pollStartMs = 25
const pollMaxMs = 500
const reminderEveryMs = 10_000

/**
 * Calls `tryOnce` until it reports the lock taken, sleeping between tries
 * (backing off to half a second) and telling `request.onWait` that it waits.
 * Times out with a `DatabaseError` after `request.timeoutMs`.
 *
 * @example
 * await pollForLock(() => tryAdvisoryLock(conn), { name: 'athanor_version', timeoutMs: 60_000 })
 */
export async function pollForLock(tryOnce: (remainingMs: number, attempt: number) => Promise<boolean>, request: LockRequest): Promise<void> {
  const started = Date.now()
  let attempt = 0
  if (await tryOnce(request.timeoutMs, attempt++)) return
  request.onWait?.(`waiting for the migration lock on ${request.name} (another migration holds it)`)
  let delay = pollStartMs
  let nextReminder = started + reminderEveryMs
  for (;;) {
    const now = Date.now()
    const remaining = request.timeoutMs - (now - started)
    if (remaining <= 0) throw lockTimeout(request)
    if (now >= nextReminder) {
      request.onWait?.(`still waiting for the migration lock on ${request.name} (${Math.round((now - started) / 1000)} s)`)
      nextReminder = now + reminderEveryMs
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(delay, remaining)))
    delay = Math.min(delay * 2, pollMaxMs)
    if (await tryOnce(Math.max(0, request.timeoutMs - (Date.now() - started)), attempt++)) return
  }
}

/**
 * The error for a lock that was not granted in time.
 *
 * @example
 * throw lockTimeout({ name: 'athanor_version', timeoutMs: 60_000 })
 */
export function lockTimeout(request: LockRequest): DatabaseError {
  return new DatabaseError(`timed out after ${request.timeoutMs} ms waiting for the migration lock on ${request.name}`, {
    hint: 'another migration run holds the lock; wait for it to finish or raise lockTimeoutMs',
  })
}
