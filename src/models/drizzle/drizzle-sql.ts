/**
 * Drizzle's `sql` template objects as athanor {@link SqlFragment}s: text
 * stays text, columns, tables and `sql.identifier` become identifiers the
 * target dialect quotes, values become literals it renders. So a Drizzle
 * check or default compiles through athanor's dialects like one written with
 * athanor's own `sql`.
 */
import { ConfigError } from '../../errors.js'
import type { SqlFragment, SqlPart } from '../../schema/sql.js'
import { entityKind, isEntity } from './drizzle-entities.js'

const TABLE_NAME = Symbol.for('drizzle:Name')

/**
 * True for a Drizzle SQL object (`sql\`…\``, `sql.raw(…)`).
 *
 * @example
 * isDrizzleSql(sql`now()`) // true
 */
export function isDrizzleSql(value: unknown): boolean {
  return entityKind(value) === 'SQL'
}

/**
 * The athanor fragment of a Drizzle SQL object; `where` names what it
 * belongs to, for the error a placeholder (a query-time value) raises.
 *
 * @example
 * fromDrizzleSql(sql`${users.price} > ${0}`, 'check ck_price').parts
 * // [{ identifier: 'price' }, { text: ' > ' }, { value: 0 }]
 */
export function fromDrizzleSql(value: unknown, where: string): SqlFragment {
  const parts: SqlPart[] = []
  collect(value, parts, where)
  return joinParts(parts)
}

function joinParts(parts: readonly SqlPart[]): SqlFragment {
  const merged: SqlPart[] = []
  for (const part of parts) {
    const last = merged[merged.length - 1]
    if ('text' in part && last !== undefined && 'text' in last) merged[merged.length - 1] = { text: last.text + part.text }
    else if (!('text' in part) || part.text !== '') merged.push(part)
  }
  return Object.freeze({ kind: 'sql' as const, parts: Object.freeze(merged) })
}

function collect(chunk: unknown, parts: SqlPart[], where: string): void {
  const kind = entityKind(chunk)
  if (kind === 'SQL') {
    for (const inner of (chunk as { queryChunks: unknown[] }).queryChunks) collect(inner, parts, where)
  } else if (kind === 'StringChunk') {
    parts.push({ text: (chunk as { value: string[] }).value.join('') })
  } else if (kind === 'Name') {
    parts.push({ identifier: (chunk as { value: string }).value })
  } else if (kind === 'Param') {
    parts.push({ value: (chunk as { value: unknown }).value })
  } else if (kind === 'Placeholder') {
    throw new ConfigError(`the Drizzle SQL of ${where} holds a placeholder, which has no value in a schema`, {
      hint: 'write the value itself in the sql`` template',
    })
  } else if (isEntity(chunk, 'Column')) {
    parts.push({ identifier: (chunk as { name: string }).name })
  } else if (isEntity(chunk, 'Table')) {
    parts.push({ identifier: (chunk as Record<symbol, string>)[TABLE_NAME]! })
  } else if (Array.isArray(chunk)) {
    parts.push({ text: '(' })
    chunk.forEach((item, i) => {
      if (i > 0) parts.push({ text: ', ' })
      collect(item, parts, where)
    })
    parts.push({ text: ')' })
  } else if (kind !== undefined && 'getSQL' in (chunk as object)) {
    collect((chunk as { getSQL(): unknown }).getSQL(), parts, where)
  } else {
    parts.push({ value: chunk })
  }
}
