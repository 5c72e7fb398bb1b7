/**
 * Schema values written as TypeScript source that uses athanor's public API:
 * types as `t.*` calls, columns as builder chains, defaults and expressions
 * as `sql` templates. The output is stable (same input, same text).
 */
import type { Column, ServerDefault } from '../schema/column.js'
import { isSqlFragment, type SqlFragment } from '../schema/sql.js'
import type { SqlType } from '../schema/types.js'

/**
 * A string literal in single quotes, as most TypeScript is written.
 *
 * @example
 * renderString("it's") // "'it\\'s'"
 */
export function renderString(value: string): string {
  const body = JSON.stringify(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")
  return `'${body}'`
}

/** A plain JavaScript value (string, number, bigint, boolean, null, Date, array) as source. */
export function renderValue(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'string') return renderString(value)
  if (typeof value === 'bigint') return `${value}n`
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value instanceof Date) return `new Date(${renderString(value.toISOString())})`
  if (Array.isArray(value)) return `[${value.map(renderValue).join(', ')}]`
  if (isSqlFragment(value)) return renderFragment(value)
  return JSON.stringify(value)
}

/**
 * An options object of plain values as source.
 *
 * @example
 * renderOptions({ as: 'serial', start: 100 }) // "{ as: 'serial', start: 100 }"
 */
export function renderOptions(options: object): string {
  const entries = Object.entries(options).filter(([, v]) => v !== undefined)
  return `{ ${entries.map(([k, v]) => `${renderKey(k)}: ${renderValue(v)}`).join(', ')} }`
}

/** A property key: bare when it is an identifier, quoted otherwise. */
export function renderKey(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : renderString(name)
}

/**
 * An `sql` fragment as a tagged template: text as is (escaped for a
 * template), identifiers as `sql.identifier(…)`, values interpolated.
 *
 * @example
 * renderFragment(sql`lower(${sql.identifier('Email')})`) // "sql`lower(${sql.identifier('Email')})`"
 */
export function renderFragment(fragment: SqlFragment): string {
  const body = fragment.parts
    .map((part) => {
      if ('text' in part) return part.text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${')
      if ('identifier' in part) return `\${sql.identifier(${renderString(part.identifier)})}`
      return `\${${renderValue(part.value)}}`
    })
    .join('')
  return `sql\`${body}\``
}

/** A server default as the argument of `.serverDefault(…)`. */
export function renderDefault(value: ServerDefault): string {
  return isSqlFragment(value) ? renderFragment(value) : renderValue(value)
}

/**
 * A type as the `t.*` call that makes it.
 *
 * @example
 * renderType({ kind: 'numeric', precision: 10, scale: 2 }) // 't.numeric(10, 2)'
 */
export function renderType(type: SqlType): string {
  switch (type.kind) {
    case 'string':
    case 'binary':
      return `t.${type.kind}(${type.length ?? ''})`
    case 'datetime': {
      const options = [type.timezone ? 'timezone: true' : '', type.precision === undefined ? '' : `precision: ${type.precision}`].filter((o) => o !== '')
      return options.length === 0 ? 't.datetime()' : `t.datetime({ ${options.join(', ')} })`
    }
    case 'time':
      return type.precision === undefined ? 't.time()' : `t.time({ precision: ${type.precision} })`
    case 'numeric':
      if (type.precision === null) return 't.numeric()'
      return type.scale === null ? `t.numeric(${type.precision})` : `t.numeric(${type.precision}, ${type.scale})`
    case 'enum':
      return `t.enum(${renderString(type.name)}, ${renderValue([...type.values])})`
    case 'array':
      return `t.array(${renderType(type.of)})`
    case 'custom':
      return `t.custom(${renderString(type.name)})`
    default:
      return `t.${type.kind}()`
  }
}

/**
 * A column as a builder chain. Unique, index and foreign key settings are
 * left out: the renderer writes those as named table constraints and
 * indexes, so no name depends on a naming convention.
 *
 * @example
 * renderColumn(column) // "t.string(255).notNull().comment('login name')"
 */
export function renderColumn(column: Column): string {
  let out = renderType(column.type)
  if (column.primaryKey) out += '.primaryKey()'
  if (column.autoincrement) out += `.autoincrement(${column.autoincrementOptions ? renderOptions(column.autoincrementOptions) : ''})`
  if (!column.nullable && !column.primaryKey) out += '.notNull()'
  if (column.nullable && column.primaryKey) out += '.nullable()'
  // A generated column's default (a serial's nextval) belongs to its sequence, which the table re-creates.
  if (column.serverDefault !== null && !column.autoincrement) out += `.serverDefault(${renderDefault(column.serverDefault)})`
  if (column.generated) out += `.generatedAs(${renderFragment(column.generated.expression)}${column.generated.stored ? '' : ', { stored: false }'})`
  if (column.collation) out += `.collate(${renderString(column.collation)})`
  if (column.onUpdate) out += `.onUpdate(${renderFragment(column.onUpdate)})`
  if (column.comment !== null) out += `.comment(${renderString(column.comment)})`
  return out
}
