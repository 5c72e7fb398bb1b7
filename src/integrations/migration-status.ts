/**
 * Where the database stands against the code's revisions: what a readiness
 * probe, a status route and `onStart: 'require-up-to-date'` all read.
 */
import type { Athanor } from '../api.js'
import { MissingDatabaseError } from '../errors.js'

/** One revision an upgrade to the heads would apply. */
export interface PendingRevision {
  readonly revision: string
  readonly message: string
}

/** The JSON a status route answers. */
export interface MigrationStatus {
  /** Revision ids the version table holds (empty at base). */
  readonly current: readonly string[]
  /** The code's head revision ids. */
  readonly heads: readonly string[]
  /** True when nothing is pending and the database holds no revision the code lacks. */
  readonly upToDate: boolean
  /** What `upgrade heads` would apply, in order. */
  readonly pending: readonly PendingRevision[]
  /** Version-table rows no revision of the code defines: the database is ahead of the code. */
  readonly unknown: readonly string[]
}

/**
 * Reads the database's revisions and compares them with the code's graph.
 * Changes nothing (no version table is created).
 *
 * @example
 * const { upToDate, pending } = await migrationStatus(athanor)
 */
export async function migrationStatus(athanor: Athanor): Promise<MigrationStatus> {
  // A database file not made yet is at base: every revision is pending.
  const atBaseWhenMissing = (error: unknown): string[] => {
    if (error instanceof MissingDatabaseError) return []
    throw error
  }
  const [heads, current] = await Promise.all([athanor.heads(), athanor.current().catch(atBaseWhenMissing)])
  const { graph } = athanor.script
  const unknown = current.filter((id) => !graph.has(id))
  // A row the graph lacks makes every walk meaningless; nothing is pending from an unknown place.
  const pending = unknown.length > 0 ? [] : graph.upgradePlan(current, 'heads').map((r) => ({ revision: r.id, message: r.message }))
  return {
    current,
    heads: heads.map((h) => h.revision),
    upToDate: unknown.length === 0 && pending.length === 0,
    pending,
    unknown,
  }
}
