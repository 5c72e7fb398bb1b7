/**
 * Schema object ops written as `op.*` calls, each object as the declaration
 * a models module would write (`view('v', sql\`…\`)`), so a revision reads
 * like the models it came from.
 */
import type { CreateObjectOp, DropObjectOp, ReplaceObjectOp } from '../operations/ops/object-ops.js'
import type { SchemaObject, SchemaObjectType } from '../schema/objects/schema-object.js'
import { opCall, optionsArg, type RenderedImport, type Tracker } from './render-calls.js'
import { renderFragment, renderString, renderValue } from './render-values.js'

type Method = Parameters<typeof opCall>[0]

/** The facade methods of each kind; an extension has no replace (it is dropped and created). */
const METHODS: { readonly [T in SchemaObjectType]: { readonly create: Method; readonly replace: Method | null; readonly drop: Method } } = {
  view: { create: 'createView', replace: 'replaceView', drop: 'dropView' },
  materialized_view: { create: 'createMaterializedView', replace: 'replaceMaterializedView', drop: 'dropMaterializedView' },
  function: { create: 'createFunction', replace: 'replaceFunction', drop: 'dropFunction' },
  trigger: { create: 'createTrigger', replace: 'replaceTrigger', drop: 'dropTrigger' },
  extension: { create: 'createExtension', replace: null, drop: 'dropExtension' },
  policy: { create: 'createPolicy', replace: 'replacePolicy', drop: 'dropPolicy' },
}

const schemaEntries = (object: SchemaObject) => (object.schema ? [`schema: ${renderString(object.schema)}`] : [])

/**
 * The declaration of `object`, as a models module writes it.
 *
 * @example
 * renderObject(view('v', sql`SELECT 1`), r) // "view('v', sql`SELECT 1`)"
 */
export function renderObject(object: SchemaObject, r: Tracker): string {
  const use = (name: RenderedImport, code: string) => r.scan(r.use(name, code))
  const options = (entries: string[]) => optionsArg(entries)
  const args = (...list: (string | undefined)[]) => list.filter((a): a is string => a !== undefined).join(', ')
  switch (object.type) {
    case 'view':
      return use('view', `view(${args(renderString(object.name), renderFragment(object.query), options(schemaEntries(object)))})`)
    case 'materialized_view':
      return use('materializedView', `materializedView(${args(renderString(object.name), renderFragment(object.query), options(schemaEntries(object)))})`)
    case 'function':
      return use('fn', `fn(${args(renderString(`${object.name}(${object.args})`), renderFragment(object.definition), options(schemaEntries(object)))})`)
    case 'trigger':
      return use('trigger', `trigger(${renderString(object.name)}, { ${[`table: ${renderString(object.table)}`, `event: ${renderString(object.event)}`, `body: ${renderFragment(object.body)}`, ...schemaEntries(object)].join(', ')} })`)
    case 'extension':
      return use('extension', `extension(${args(renderString(object.name), options(schemaEntries(object)))})`)
    case 'policy': {
      const entries = [
        `table: ${renderString(object.table)}`,
        ...(object.permissive ? [] : ['restrictive: true']),
        ...(object.command === 'all' ? [] : [`for: ${renderString(object.command)}`]),
        ...(object.roles.length === 1 && object.roles[0] === 'public' ? [] : [`to: ${renderValue([...object.roles])}`]),
        ...(object.using === null ? [] : [`using: ${renderFragment(object.using)}`]),
        ...(object.withCheck === null ? [] : [`withCheck: ${renderFragment(object.withCheck)}`]),
        ...schemaEntries(object),
      ]
      return use('policy', `policy(${renderString(object.name)}, { ${entries.join(', ')} })`)
    }
  }
}

/** `await op.createView(view(…))`. */
export function renderCreateObject(o: CreateObjectOp, r: Tracker): string[] {
  return [opCall(METHODS[o.object.type].create, [renderObject(o.object, r)])]
}

/** `await op.replaceView(view(…new…), { existing: view(…old…) })`; an extension is dropped and created. */
export function renderReplaceObject(o: ReplaceObjectOp, r: Tracker): string[] {
  const methods = METHODS[o.object.type]
  if (methods.replace === null) return [opCall(methods.drop, [renderObject(o.existing ?? o.object, r)]), opCall(methods.create, [renderObject(o.object, r)])]
  return [opCall(methods.replace, [renderObject(o.object, r), o.existing === null ? undefined : `{ existing: ${renderObject(o.existing, r)} }`])]
}

/** `await op.dropView(view(…))`, or by name when the definition is not known. */
export function renderDropObject(o: DropObjectOp, r: Tracker): string[] {
  const object = o.object
  const flags = o.options.ifExists ? ['ifExists: true'] : []
  if (o.options.definitionKnown !== false) return [opCall(METHODS[object.type].drop, [renderObject(object, r), optionsArg(flags)])]
  const table = object.type === 'trigger' || object.type === 'policy' ? [`table: ${renderString(object.table)}`] : []
  const name = object.type === 'function' && object.args !== '' ? `${object.name}(${object.args})` : object.name
  return [opCall(METHODS[object.type].drop, [renderString(name), optionsArg([...table, ...schemaEntries(object), ...flags])])]
}
