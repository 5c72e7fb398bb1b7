/**
 * Bounds one revision's function: it must settle within `stepTimeoutMs`, and
 * it must not wait on a promise nothing can ever settle. The second is seen
 * as Node's event loop emptying while the step is still pending — the moment
 * the process would otherwise exit silently (code 13 for a top-level await)
 * — and the first catches a wait that keeps the process alive (a timer, a
 * socket) but never ends.
 */

/**
 * A revision's function that did not settle: it timed out, or it awaits a
 * promise nothing can settle. Not a database error; the runner rolls the
 * revision back and reports it as the revision's failure.
 *
 * @example
 * throw new RevisionStalledError('upgrade(op) did not settle within stepTimeoutMs (500 ms)')
 */
export class RevisionStalledError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'RevisionStalledError'
  }
}

/** How one step is bounded. */
export interface StepBounds {
  /** The function being run, for the message: `upgrade` or `downgrade`. */
  readonly fn: 'upgrade' | 'downgrade'
  /** Longest time the step may take; undefined for no limit. */
  readonly timeoutMs: number | undefined
}

/**
 * Runs `work` and rejects with a {@link RevisionStalledError} when it does not
 * settle within `timeoutMs`, or when the event loop empties while it is
 * pending. `onStall` runs first, so the caller can fence off whatever the
 * abandoned work might still try to do.
 *
 * @example
 * await guardStep(() => module.upgrade(op), { fn: 'upgrade', timeoutMs: 30_000 }, (error) => op.close(error))
 */
export async function guardStep(work: () => Promise<void>, bounds: StepBounds, onStall: (error: RevisionStalledError) => void): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  let onEmptyLoop: (() => void) | undefined
  const stalled = new Promise<never>((_, reject) => {
    const stall = (error: RevisionStalledError): void => {
      onStall(error)
      reject(error)
    }
    // 'beforeExit' fires only when nothing is left to run: the pending step can then never settle.
    onEmptyLoop = () => stall(new RevisionStalledError(`${bounds.fn}(op) awaits a promise that can never settle (nothing was left for it to wait on)`))
    process.once('beforeExit', onEmptyLoop)
    if (bounds.timeoutMs !== undefined) {
      timer = setTimeout(() => stall(new RevisionStalledError(`${bounds.fn}(op) did not settle within stepTimeoutMs (${bounds.timeoutMs} ms)`)), bounds.timeoutMs)
      // The timer alone must not keep a process alive whose step can never settle: the empty loop is the sooner answer.
      timer.unref()
    }
  })
  const running = work()
  // The abandoned work may still reject later; that is no longer anyone's failure to report.
  running.catch(() => undefined)
  try {
    await Promise.race([running, stalled])
  } finally {
    if (timer !== undefined) clearTimeout(timer)
    if (onEmptyLoop !== undefined) process.removeListener('beforeExit', onEmptyLoop)
  }
}
