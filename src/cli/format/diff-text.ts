/** Differences, data loss and not-carried facts as one line each, for the CLI's text output. */
import type { DataLoss, NotCarriedFact, SchemaDiff } from '../../api.js'

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

/**
 * A fact the models cannot carry as a line (after `not carried: `).
 *
 * @example
 * formatNotCarried({ table: 'docs', schema: null, object: 'index ix_docs_body', fact: 'method gin' }) // 'docs: index ix_docs_body: method gin'
 */
export function formatNotCarried(fact: NotCarriedFact): string {
  const table = fact.schema === null ? fact.table : `${fact.schema}.${fact.table}`
  return `${table}: ${fact.object === undefined ? '' : `${fact.object}: `}${fact.fact}`
}
