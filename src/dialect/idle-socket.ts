/**
 * A driver's socket that keeps the process alive only while a statement is
 * in flight. An idle connection holds nothing up, so a revision awaiting a
 * promise that can never settle empties the event loop on a server database
 * as it does on an embedded one, and the runner can report it instead of
 * the process hanging forever.
 */

/** What a socket offers to stop (and start again) holding the process open. */
export interface RefCountable {
  ref(): unknown
  unref(): unknown
}

/**
 * Unrefs `socket` now and returns a wrapper that refs it for the time each
 * statement it wraps is in flight (nested and overlapping ones counted).
 * Without a socket the wrapper just runs the statement.
 *
 * @example
 * const busy = holdWhileBusy(client.connection.stream)
 * const rows = await busy(() => client.query('SELECT 1'))
 */
export function holdWhileBusy(socket: RefCountable | undefined): <T>(send: () => Promise<T>) => Promise<T> {
  if (socket === undefined) return (send) => send()
  socket.unref()
  let inFlight = 0
  return async (send) => {
    if (inFlight++ === 0) socket.ref()
    try {
      return await send()
    } finally {
      if (--inFlight === 0) socket.unref()
    }
  }
}

/**
 * The socket under a driver's client, found at `path` (e.g. `['connection', 'stream']`),
 * or undefined when this version of the driver keeps it elsewhere.
 *
 * @example
 * holdWhileBusy(socketAt(client, ['connection', 'stream']))
 */
export function socketAt(client: unknown, path: readonly string[]): RefCountable | undefined {
  let at: unknown = client
  for (const key of path) at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[key] : undefined
  const socket = at as Partial<RefCountable> | undefined
  return typeof socket?.ref === 'function' && typeof socket.unref === 'function' ? (socket as RefCountable) : undefined
}
