/**
 * The status route's answer, the same for every framework: 200 with the
 * migration status when the database is up to date, 503 when it is not or
 * cannot be read, so a readiness probe needs no parsing.
 */
import type { Athanor } from '../api.js'
import { maskPasswords } from '../config/url.js'
import { AthanorError } from '../errors.js'
import { migrationStatus, type MigrationStatus } from './migration-status.js'

/** An HTTP status code and the JSON body to send. */
export interface StatusReply {
  readonly statusCode: 200 | 503
  readonly body: MigrationStatus | { readonly error: { readonly code: string; readonly message: string } }
}

/**
 * Reads the migration status for a status route; never throws.
 *
 * @example
 * const { statusCode, body } = await statusReply(athanor)
 * res.status(statusCode).json(body)
 */
export async function statusReply(athanor: Athanor): Promise<StatusReply> {
  try {
    const status = await migrationStatus(athanor)
    return { statusCode: status.upToDate ? 200 : 503, body: status }
  } catch (error) {
    const code = error instanceof AthanorError ? error.code : 'E_STATUS'
    const message = maskPasswords(error instanceof Error ? error.message : String(error))
    return { statusCode: 503, body: { error: { code, message } } }
  }
}
