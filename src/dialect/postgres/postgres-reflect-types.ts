import type { SqlType } from '../../schema/types.js'

/**
 * Maps PostgreSQL's `format_type()` text back to the portable vocabulary.
 * Anything without a portable kind (`character(3)`, `citext`, `tsvector`,
 * domains, `interval`, `point`) stays `custom` with the text as its name, so
 * nothing is lost. Enum types are resolved by the caller from `pg_enum`.
 *
 * @example
 * postgresTypeFromText('character varying(255)') // { kind: 'string', length: 255 }
 * postgresTypeFromText('integer[]') // { kind: 'array', of: { kind: 'integer' } }
 */
export function postgresTypeFromText(text: string): SqlType {
  if (text.endsWith('[]')) return { kind: 'array', of: postgresTypeFromText(text.replace(/(\[\])+$/, '')) }
  const match = /^([a-z ]+?)(?:\((\d+)(?:,(\d+))?\))?( with(?:out)? time zone)?$/.exec(text)
  if (!match) return { kind: 'custom', name: text }
  const [, base, first, second, zone] = match
  const n1 = first === undefined ? null : Number(first)
  switch (base) {
    case 'integer':
      return { kind: 'integer' }
    case 'bigint':
      return { kind: 'bigint' }
    case 'smallint':
      return { kind: 'smallint' }
    case 'boolean':
      return { kind: 'boolean' }
    case 'character varying':
      return { kind: 'string', length: n1 }
    case 'text':
      return { kind: 'text' }
    case 'date':
      return { kind: 'date' }
    case 'timestamp':
      return { kind: 'datetime', timezone: zone === ' with time zone', ...(n1 === null ? {} : { precision: n1 }) }
    case 'time':
      return zone === ' with time zone' ? { kind: 'custom', name: text } : { kind: 'time', ...(n1 === null ? {} : { precision: n1 }) }
    case 'numeric':
      return { kind: 'numeric', precision: n1, scale: second === undefined ? (n1 === null ? null : 0) : Number(second) }
    case 'real':
      return { kind: 'float' }
    case 'double precision':
      return { kind: 'double' }
    case 'json':
      return { kind: 'json' }
    case 'jsonb':
      return { kind: 'jsonb' }
    case 'uuid':
      return { kind: 'uuid' }
    case 'inet':
      return { kind: 'inet' }
    case 'bytea':
      return { kind: 'binary', length: null }
    default:
      return { kind: 'custom', name: text }
  }
}
