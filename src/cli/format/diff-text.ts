/** Differences, data loss and not-carried facts as one line each, for the CLI's text output. */
import type { DataLoss, SchemaDiff } from '../../api.js'
export { formatNotCarried } from '../../dialect/not-carried.js'

/**
 * One difference as a line: kind, where, and what changed.
 *
 * @example
 * formatDiff({ kind: 'modify_type', table: 'users', column: 'name', detail: 'VARCHAR(50) -> VARCHAR(100)' })
 * // 'modify_type users.name: VARCHAR(50) -> VARCHAR(100)'
 */
export function formatDiff(diff: SchemaDiff): string {
  const table = diff.schema ? `${diff.schema}.${diff.table}` : diff.table
  const where = diff.column ? `${table}.${diff.column}` : table
  const name = diff.name && diff.name !== diff.column ? ` ${diff.name}` : ''
  const subject = diff.column || !diff.name ? `${where}${name}` : `${diff.name} on ${table}`
  return `${diff.kind} ${subject}${diff.detail ? `: ${diff.detail}` : ''}`
}

/**
 * A data-loss step as a line.
 *
 * @example
 * formatDataLoss({ table: 'users', column: 'bio', what: 'drops column "bio" and its values' }) // 'users: drops column "bio" and its values'
 */
export function formatDataLoss(loss: DataLoss): string {
  return `${loss.table}: ${loss.what}`
}

