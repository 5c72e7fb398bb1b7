import type { SqlType } from '../../schema/types.js'
import { renderGenericType } from '../generic-types.js'

/**
 * How SQLite writes each type in DDL: the generic names, chosen for their
 * column affinity. UUIDs and enums get TEXT affinity (CHAR/VARCHAR) so that
 * values that look like numbers are never converted.
 *
 * @example
 * renderSqliteType({ kind: 'uuid' }) // 'CHAR(36)'
 */
export function renderSqliteType(type: SqlType): string {
  if (type.kind === 'enum') return `VARCHAR(${Math.max(1, ...type.values.map((v) => v.length))})`
  return renderGenericType(type)
}
