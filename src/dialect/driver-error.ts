import { maskPasswords } from './secret-mask.js'
import { ConfigError, DatabaseError } from '../errors.js'

/**
 * Wraps an error a driver threw while running a statement as a
 * {@link DatabaseError} carrying the driver's message (passwords masked) and
 * the original error as `cause`, so callers can still read driver codes.
 *
 * @example
 * try { await client.query(sql) } catch (error) { throw statementFailed(error) }
 */
export function statementFailed(error: unknown): DatabaseError {
  if (error instanceof DatabaseError) return error
  const message = error instanceof Error ? error.message : String(error)
  return new DatabaseError(maskPasswords(message), { cause: error })
}

/**
 * The error for a database that cannot be reached or opened: one line naming
 * the URL (password masked) and the driver's reason.
 *
 * @example
 * throw connectFailed('postgres://u:pw@db/app', error) // cannot connect to postgres://u:***@db/app: …
 */
export function connectFailed(url: string, error: unknown): DatabaseError {
  const reason = error instanceof Error ? error.message || error.name : String(error)
  return new DatabaseError(`cannot connect to ${maskPasswords(url)}: ${maskPasswords(reason)}`, {
    hint: 'check that the database server is running and the URL is right',
    cause: error,
  })
}

/**
 * Imports an optional driver package, turning "not installed" into a
 * {@link ConfigError} that says which package to install.
 *
 * @example
 * const pg = await importDriver<typeof import('pg')>('pg', 'postgres')
 */
export async function importDriver<T>(packageName: string, dialectLabel: string): Promise<T> {
  try {
    return (await import(packageName)) as T
  } catch (error) {
    const code = (error as { code?: string }).code
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new ConfigError(`the ${dialectLabel} driver "${packageName}" is not installed`, {
        hint: `npm install ${packageName}`,
        cause: error,
      })
    }
    throw error
  }
}

/**
 * The driver's error among `error` and its causes that `test` accepts, or
 * undefined: athanor wraps driver errors (a statement failure, a database
 * error), so a driver code sits somewhere down the `cause` chain.
 *
 * @example
 * const pgError = findCause(error, (e) => e.code === '55P03')
 */
export function findCause(error: unknown, test: (e: Record<string, unknown>) => boolean): Record<string, unknown> | undefined {
  let current: unknown = error
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
    const e = current as Record<string, unknown>
    if (test(e)) return e
    current = e['cause']
  }
  return undefined
}
