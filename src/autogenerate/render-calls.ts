/**
 * The pieces both renderers (`op.*` calls and a batch's `b.*` calls) write
 * with: the names a rendering uses, typed method names, and the arguments
 * shared by an op and its batch form.
 */
import type { ColumnAlteration, TableName } from '../dialect/ddl-compiler.js'
import type { BatchOperations } from '../operations/batch-operations.js'
import type { Operations } from '../operations/operations.js'
import { indexAccessSignature, type Constraint, type ForeignKeyConstraint, type Index } from '../schema/constraints.js'
import { renderDefault, renderFragment, renderString, renderType, renderValue } from './render-values.js'

/** What rendered code needs imported from `athanor`, beyond `Operations`. */
export type RenderedImport = 't' | 'sql' | 'unique' | 'check' | 'foreignKey' | 'primaryKey' | 'exclude' | 'table' | 'view' | 'materializedView' | 'fn' | 'trigger' | 'extension' | 'policy'

/** Collects the imports a rendering uses while it writes. */
export interface Tracker {
  /** Code that is a `t.*` type. */
  type(code: string): string
  /** Code that may hold `sql` templates or `t.*` calls. */
  scan(code: string): string
  /** Code that calls the named import. */
  use(name: RenderedImport, code: string): string
}

/** A {@link Tracker} filling `imports`. */
export function tracker(imports: Set<RenderedImport>): Tracker {
  const use = (name: RenderedImport, code: string) => {
    imports.add(name)
    return code
  }
  return {
    type: (code) => use('t', code),
    scan: (code) => {
      if (code.includes('sql`')) imports.add('sql')
      if (/\bt\./.test(code)) imports.add('t')
      return code
    },
    use,
  }
}

/** Methods of `op` a renderer may write: a renamed facade method breaks the renderer's build. */
type FacadeMethod = Exclude<keyof Operations, 'context' | 'drain'>

/**
 * `await op.<method>(<args>)`, with trailing `undefined` arguments left out.
 *
 * @example
 * opCall('dropTable', [renderString('users')]) // "await op.dropTable('users')"
 */
export function opCall(method: FacadeMethod, args: readonly (string | undefined)[]): string {
  return `await op.${method}(${present(args).join(', ')})`
}

/**
 * `b.<method>(<args>)`, inside a batch's callback.
 *
 * @example
 * batchCall('dropColumn', [renderString('legacy')]) // "b.dropColumn('legacy')"
 */
export function batchCall(method: keyof BatchOperations, args: readonly (string | undefined)[]): string {
  return `b.${method}(${present(args).join(', ')})`
}

/**
 * The first line of an `op.*` call whose last argument spans lines: the
 * arguments, then `opening` (`{`, `[`, `(b) => {`); the caller closes it.
 *
 * @example
 * opCallOpening('alterColumn', ["'users'", "'name'"], '{') // "await op.alterColumn('users', 'name', {"
 */
export function opCallOpening(method: FacadeMethod, args: readonly string[], opening: string): string {
  return `await op.${method}(${[...args, opening].join(', ')}`
}

/** The first line of a `b.*` call whose last argument spans lines (see {@link opCallOpening}). */
export function batchCallOpening(method: keyof BatchOperations, args: readonly string[], opening: string): string {
  return `b.${method}(${[...args, opening].join(', ')}`
}

function present(args: readonly (string | undefined)[]): string[] {
  const out = [...args]
  while (out.length > 0 && out[out.length - 1] === undefined) out.pop()
  return out.map((a) => a ?? 'undefined')
}

/** `{ a, b }` from entries, or undefined when there are none (so the argument is left out). */
export function optionsArg(entries: readonly string[]): string | undefined {
  return entries.length === 0 ? undefined : `{ ${entries.join(', ')} }`
}

/** The `schema: '…'` entry of a table's options, when it has a schema. */
export function schemaEntry(table: TableName): string[] {
  return table.schema ? [`schema: ${renderString(table.schema)}`] : []
}

/** `flag: true` entries for the switches that are set, in the order given. */
export function flagEntries(options: object, flags: readonly string[]): string[] {
  return flags.filter((flag) => (options as Record<string, unknown>)[flag] === true).map((flag) => `${flag}: true`)
}

/** A constraint's name as the first argument of a `create*` call. */
export function nameArg(name: string | null): string {
  return name === null ? 'null' : renderString(name)
}

/** An index's columns and its `unique`/`where` options. */
export function indexParts(index: Index, r: Tracker): { columns: string; options: string[] } {
  const columns = index.expressions.map((e) => (typeof e === 'string' ? renderString(e) : r.scan(renderFragment(e))))
  const options = [...(index.unique ? ['unique: true'] : []), ...(index.where ? [`where: ${r.scan(renderFragment(index.where))}`] : [])]
  // Only what differs from the defaults, in the form indexAccessSignature compares.
  const access = JSON.parse(indexAccessSignature(index)) as Record<string, unknown>
  for (const [key, value] of Object.entries(access)) options.push(`${key}: ${renderValue(value)}`)
  return { columns: `[${columns.join(', ')}]`, options }
}

/** A foreign key's `onDelete`/`onUpdate`/`deferrable`/`match` options. */
export function foreignKeyOptions(c: ForeignKeyConstraint): string[] {
  return [
    ...(c.onDelete ? [`onDelete: ${renderString(c.onDelete)}`] : []),
    ...(c.onUpdate ? [`onUpdate: ${renderString(c.onUpdate)}`] : []),
    ...(c.deferrable === true ? ['deferrable: true'] : c.deferrable === 'initiallyDeferred' ? [`deferrable: 'initiallyDeferred'`] : []),
    ...(c.match ? [`match: ${renderString(c.match)}`] : []),
  ]
}

/** What a constraint's `create*` call takes after its name and table, in the facade and in a batch alike. */
export function constraintArgs(c: Constraint, r: Tracker): string[] {
  switch (c.kind) {
    case 'unique':
    case 'primaryKey':
      return [renderValue([...c.columns])]
    case 'check':
      return [r.scan(renderFragment(c.expression))]
    case 'exclude':
      return [r.scan(renderFragment(c.definition))]
    case 'foreignKey':
      return [renderString(c.referredTable), renderValue([...c.columns]), renderValue([...c.referredColumns])]
  }
}

/** The option lines of an `alterColumn` call (without the table's schema), in the order a reader expects. */
export function alterColumnEntries(a: ColumnAlteration, r: Tracker): string[] {
  const entries: string[] = []
  if (a.newName !== undefined) entries.push(`newName: ${renderString(a.newName)}`)
  if (a.type !== undefined) entries.push(`type: ${r.type(renderType(a.type))}`)
  if (a.using !== undefined) entries.push(`using: ${r.scan(renderFragment(a.using))}`)
  if (a.nullable !== undefined) entries.push(`nullable: ${a.nullable}`)
  if (a.serverDefault !== undefined) entries.push(`serverDefault: ${a.serverDefault === null ? 'null' : r.scan(renderDefault(a.serverDefault))}`)
  if (a.comment !== undefined) entries.push(`comment: ${a.comment === null ? 'null' : renderString(a.comment)}`)
  if (a.collation !== undefined) entries.push(`collation: ${a.collation === null ? 'null' : renderString(a.collation)}`)
  if (a.onUpdate !== undefined) entries.push(`onUpdate: ${a.onUpdate === null ? 'null' : r.scan(renderFragment(a.onUpdate))}`)
  if (a.existingType !== undefined) entries.push(`existingType: ${r.type(renderType(a.existingType))}`)
  if (a.existingNullable !== undefined) entries.push(`existingNullable: ${a.existingNullable}`)
  if (a.existingServerDefault !== undefined && a.existingServerDefault !== null) entries.push(`existingServerDefault: ${r.scan(renderDefault(a.existingServerDefault))}`)
  if (a.existingComment !== undefined && a.existingComment !== null) entries.push(`existingComment: ${renderString(a.existingComment)}`)
  if (a.existingAutoincrement) entries.push('existingAutoincrement: true')
  if (a.existingCollation !== undefined && a.existingCollation !== null) entries.push(`existingCollation: ${renderString(a.existingCollation)}`)
  if (a.existingOnUpdate !== undefined && a.existingOnUpdate !== null) entries.push(`existingOnUpdate: ${r.scan(renderFragment(a.existingOnUpdate))}`)
  return entries
}
