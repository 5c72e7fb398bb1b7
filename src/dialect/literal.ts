import { UsageError } from '../errors.js'

/** How one dialect writes the literal kinds that differ between databases. */
export interface LiteralStyle {
  string(value: string): string
  boolean(value: boolean): string
  bytes(value: Uint8Array): string
  date(value: Date): string
}

/**
 * Renders a JavaScript value as a SQL literal in the given style. Shared by the
 * dialects; what differs between databases lives in the {@link LiteralStyle}.
 *
 * @example
 * renderLiteralWith(style, null) // 'NULL'
 */
export function renderLiteralWith(style: LiteralStyle, value: unknown): string {
  if (value === null || value === undefined) return 'NULL'
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new UsageError(`cannot render ${value} as a SQL literal`)
    return String(value)
  }
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'boolean') return style.boolean(value)
  if (typeof value === 'string') return style.string(value)
  if (value instanceof Date) return style.date(value)
  if (value instanceof Uint8Array) return style.bytes(value)
  if (typeof value === 'object') return style.string(JSON.stringify(value))
  throw new UsageError(`cannot render a value of type ${typeof value} as a SQL literal`)
}

/** Doubles single quotes and wraps in quotes: the SQL-standard string literal. */
export function standardStringLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`
}

/** Hex digits of a byte array. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')
}
