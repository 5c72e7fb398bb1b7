/**
 * The schema objects of the models against the database's: which to create,
 * replace and drop, and where those ops go among the table changes. An
 * object that reads or sits on a table being altered (a view over it, a
 * trigger on it) is dropped before the table changes and created again
 * after, since PostgreSQL refuses to alter a column a view uses and SQLite's
 * rebuild would leave it pointing at nothing.
 */
import type { ReflectedObject } from '../dialect/object-support.js'
import { CreateObjectOp, DropObjectOp, ReplaceObjectOp } from '../operations/ops/object-ops.js'
import { objectKey, objectTable, SCHEMA_OBJECT_TYPES, type SchemaObject } from '../schema/objects/schema-object.js'
import { sqlText } from '../schema/sql.js'
import type { CompareContext } from './compare-context.js'
import type { PlannedChange } from './schema-diff.js'

/** What the comparison of objects is given: the models', the database's, and the models' canonical text. */
export interface ObjectComparisonInput {
  readonly models: readonly SchemaObject[]
  readonly live: readonly ReflectedObject[]
  /** The database's text of model objects (see `canonicalizeObjects`); absent ones compare as written. */
  readonly canonical: ReadonlyMap<SchemaObject, string>
}

/** The planned object changes, by where they run. */
export interface ObjectChanges {
  /** Extensions to create: before any table. */
  readonly first: PlannedChange[]
  /** Drops (of objects gone, and of those over changed tables): before the table changes. */
  readonly before: PlannedChange[]
  /** Creates and replaces: after the table changes. */
  readonly after: PlannedChange[]
  /** Extensions to drop: after every table is dropped. */
  readonly last: PlannedChange[]
}

/** The text an object's dependencies are read from. */
function bodyText(object: SchemaObject): string {
  switch (object.type) {
    case 'view':
    case 'materialized_view':
      return sqlText(object.query)
    case 'function':
      return sqlText(object.definition)
    case 'trigger':
      return sqlText(object.body)
    case 'policy':
      return [object.using, object.withCheck].map((f) => (f === null ? '' : sqlText(f))).join(' ')
    case 'extension':
      return ''
  }
}

/** True when `text` names `name` as an identifier (bare or quoted). */
function mentions(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`(^|[^\\w$])["\`\\[]?${escaped}["\`\\]]?($|[^\\w$])`, 'i').test(text)
}

/** True when `object` reads or sits on the table `table`. */
function dependsOnTable(object: SchemaObject, table: string): boolean {
  if (objectTable(object) === table) return true
  return (object.type === 'view' || object.type === 'materialized_view') && mentions(bodyText(object), table)
}

/** Objects in creation order: by kind, then each view after the views it reads. */
function creationOrder(objects: readonly SchemaObject[]): SchemaObject[] {
  const out: SchemaObject[] = []
  for (const type of SCHEMA_OBJECT_TYPES) {
    const ofType = objects.filter((o) => o.type === type)
    const done = new Set<SchemaObject>()
    const visit = (object: SchemaObject, path: Set<SchemaObject>) => {
      if (done.has(object) || path.has(object)) return
      path.add(object)
      for (const other of ofType) if (other !== object && mentions(bodyText(object), other.name)) visit(other, path)
      done.add(object)
      out.push(object)
    }
    for (const object of ofType) visit(object, new Set())
  }
  return out
}

/**
 * The object ops: `changedTables` are the tables whose columns change (their
 * dependents are dropped and created around the change).
 *
 * @example
 * const { before, after } = compareObjects(input, new Set(['items']), ctx)
 */
export function compareObjects(input: ObjectComparisonInput, changedTables: ReadonlySet<string>, ctx: CompareContext): ObjectChanges {
  const key = (o: SchemaObject) => objectKey(o, ctx.schemaOf)
  const typed = new Set(input.models.map((o) => o.type))
  const models = input.models.filter((o) => ctx.include({ type: o.type, name: o.name, schema: ctx.schemaOf(o.schema), reflected: false }))
  // Only the kinds the models declare are compared: a database's views are not dropped for models that never speak of views.
  const live = input.live.filter((o) => typed.has(o.object.type) && ctx.include({ type: o.object.type, name: o.object.name, schema: ctx.schemaOf(o.object.schema), reflected: true }))
  const liveByKey = new Map(live.map((o) => [key(o.object), o]))
  const modelKeys = new Set(models.map(key))
  const written = (o: SchemaObject) => ctx.dialect.objects.writtenText(o)

  const dropped = live.filter((o) => !modelKeys.has(key(o.object))).map((o) => o.object)
  const created = models.filter((m) => !liveByKey.has(key(m)))
  const pairs = models.filter((m) => liveByKey.has(key(m))).map((m) => ({ model: m, live: liveByKey.get(key(m))! }))
  const differs = (p: (typeof pairs)[number]) => p.model.type !== 'extension' && (input.canonical.get(p.model) ?? written(p.model)) !== p.live.canonical

  // Rebuilt: over a changed table, or over a rebuilt view (which PostgreSQL will not drop while another view reads it).
  const rebuilt = new Set(pairs.filter((p) => [...changedTables].some((t) => dependsOnTable(p.live.object, t))))
  for (let grew = true; grew; ) {
    grew = false
    for (const p of pairs) {
      if (rebuilt.has(p)) continue
      if ([...rebuilt].some((r) => mentions(bodyText(p.live.object), r.live.object.name))) {
        rebuilt.add(p)
        grew = true
      }
    }
  }
  const replaced = pairs.filter((p) => !rebuilt.has(p) && differs(p))

  const drops = creationOrder([...dropped, ...[...rebuilt].map((p) => p.live.object)]).reverse()
  const creates = creationOrder([...created, ...[...rebuilt].map((p) => p.model)])
  const extensionDrops = drops.filter((o) => o.type === 'extension')
  const extensionCreates = creates.filter((o) => o.type === 'extension')
  return {
    first: extensionCreates.map((o) => ctx.plan(new CreateObjectOp(o))),
    before: drops.filter((o) => o.type !== 'extension').map((o) => ctx.plan(new DropObjectOp(o))),
    after: [
      ...creates.filter((o) => o.type !== 'extension').map((o) => ctx.plan(new CreateObjectOp(o))),
      ...creationOrder(replaced.map((p) => p.model)).map((m) => ctx.plan(new ReplaceObjectOp(m, pairs.find((p) => p.model === m)!.live.object))),
    ],
    last: extensionDrops.map((o) => ctx.plan(new DropObjectOp(o))),
  }
}
