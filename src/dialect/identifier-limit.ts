/**
 * The longest name a database keeps. PostgreSQL cuts a longer identifier to
 * 63 bytes without an error, so a model naming a longer one would differ from
 * the database forever (a phantom diff on every compare); MariaDB refuses
 * names over 64 characters only when the statement runs. athanor refuses both
 * up front, where the name is given.
 */
import { UsageError } from '../errors.js'
import type { Table } from '../schema/table.js'

/** How long an identifier may be on one database. */
export interface IdentifierLimit {
  readonly max: number
  /** PostgreSQL counts the bytes of the UTF-8 name, MariaDB its characters. */
  readonly unit: 'bytes' | 'characters'
  /** The database's name, for the message. */
  readonly database: string
}

/**
 * The error for a name over `limit`, or null when it fits.
 *
 * @example
 * identifierTooLong('x'.repeat(64), { max: 63, unit: 'bytes', database: 'PostgreSQL' })?.message
 * // 'identifier "xxx…" is 64 bytes long; PostgreSQL keeps at most 63 (it would silently cut the rest)'
 */
export function identifierTooLong(name: string, limit: IdentifierLimit): UsageError | null {
  const length = limit.unit === 'bytes' ? Buffer.byteLength(name, 'utf8') : [...name].length
  if (length <= limit.max) return null
  const shown = name.length > 40 ? `${name.slice(0, 40)}…` : name
  return new UsageError(`identifier "${shown}" is ${length} ${limit.unit} long; ${limit.database} keeps at most ${limit.max}`, {
    hint: 'choose a shorter name (or a naming convention that makes shorter ones)',
  })
}

/**
 * Throws for the first name over `limit`.
 *
 * @example
 * const quote = (name: string) => `"${checkedIdentifier(name, limit)}"`
 */
export function checkedIdentifier(name: string, limit: IdentifierLimit): string {
  const error = identifierTooLong(name, limit)
  if (error) throw error
  return name
}

/**
 * Every name a table gives the database: its own, its schema's, its columns',
 * indexes' and named constraints'.
 *
 * @example
 * tableIdentifiers(users) // ['users', 'id', 'email', 'ix_users_email', …]
 */
export function tableIdentifiers(table: Table): string[] {
  const names = [table.name, ...(table.schema ? [table.schema] : []), ...table.columnList.map((c) => c.name)]
  for (const item of [table.primaryKey, ...table.constraints, ...table.indexes]) {
    if (item !== null && item.name !== null) names.push(item.name)
  }
  return names
}
