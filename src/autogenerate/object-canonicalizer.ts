/**
 * Principle 8 for schema objects (alembic_utils' simulate-and-read): a
 * model's view, function, trigger or policy is created by the database and
 * read back by the same catalog queries that read the live one, so both
 * sides are the database's own text (`pg_get_viewdef`, MariaDB's
 * `VIEW_DEFINITION`). Where DDL is transactional the model's object replaces
 * the live one inside a transaction that is rolled back; elsewhere it is
 * created under a scratch name and dropped after.
 */
import { randomBytes } from 'node:crypto'
import type { DatabaseConnection } from '../dialect/dialect.js'
import type { ReflectedObject } from '../dialect/object-support.js'
import { objectKey, type SchemaObject } from '../schema/objects/schema-object.js'
import { SCRATCH_TABLE_PREFIX } from './model-canonicalizer.js'

/**
 * The database's text of each model object that has a live namesake (only
 * those are compared). What the database refuses (a view over a column that
 * does not exist yet) is left out and then compared as written, which differs.
 *
 * @example
 * const canonical = await canonicalizeObjects(conn, [activeUsers], live, (s) => s)
 * canonical.get(activeUsers) // ' SELECT users.id FROM users WHERE users.active;'
 */
export async function canonicalizeObjects(
  conn: DatabaseConnection,
  models: readonly SchemaObject[],
  live: readonly ReflectedObject[],
  schemaOf: (schema: string | null) => string | null,
): Promise<ReadonlyMap<SchemaObject, string>> {
  const support = conn.dialect.objects
  const liveByKey = new Map(live.map((o) => [objectKey(o.object, schemaOf), o.object]))
  const paired = models.filter((m) => liveByKey.has(objectKey(m, schemaOf)) && m.type !== 'extension')
  const out = new Map<SchemaObject, string>()
  if (paired.length === 0) return out
  const types = new Set(paired.map((m) => m.type))
  const run = async (statements: { sql: string }[]) => {
    for (const s of statements) await conn.execute(s.sql)
  }
  if (support.canonicalizeBy === 'transaction') {
    await conn.begin()
    try {
      const created = new Set<SchemaObject>()
      for (const [i, model] of paired.entries()) {
        const savepoint = conn.dialect.savepoint(`athanor_object_${i}`)
        await conn.execute(savepoint.begin)
        try {
          await run(support.drop(liveByKey.get(objectKey(model, schemaOf))!, { ifExists: true, cascade: true }))
          await run(support.create(model))
          await conn.execute(savepoint.release)
          created.add(model)
        } catch {
          await conn.execute(savepoint.rollback)
        }
      }
      const back = new Map((await support.reflect(conn, { schemas: schemasOf(paired), types })).objects.map((o) => [objectKey(o.object, schemaOf), o.canonical]))
      for (const model of created) {
        const text = back.get(objectKey(model, schemaOf))
        if (text !== undefined) out.set(model, text)
      }
    } finally {
      await conn.rollback()
    }
    return out
  }
  const prefix = `${SCRATCH_TABLE_PREFIX}${randomBytes(4).toString('hex')}_`
  const scratch = new Map<string, { model: SchemaObject; copy: SchemaObject }>()
  try {
    for (const [i, model] of paired.entries()) {
      if (!support.scratchTypes.has(model.type)) continue
      const copy = { ...model, name: `${prefix}${i}` } as SchemaObject
      try {
        await run(support.create(copy))
        scratch.set(objectKey(copy, schemaOf), { model, copy })
      } catch {
        // Refused: compared as written.
      }
    }
    if (scratch.size > 0) {
      for (const o of (await support.reflect(conn, { schemas: schemasOf(paired), types })).objects) {
        const entry = scratch.get(objectKey(o.object, schemaOf))
        if (entry) out.set(entry.model, o.canonical)
      }
    }
  } finally {
    for (const { copy } of scratch.values()) await run(support.drop(copy, { ifExists: true })).catch(() => undefined)
  }
  return out
}

function schemasOf(objects: readonly SchemaObject[]): (string | null)[] {
  return [...new Set(objects.map((o) => o.schema))]
}
