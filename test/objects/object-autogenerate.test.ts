/**
 * Issue 14, "how it is checked": schema objects through the loop a user
 * runs, on every database that has the kind — autogenerate creates them,
 * replaces a changed definition, drops one gone from the models, and drops
 * and re-creates the objects over a table whose column changes; each
 * upgrade leaves `check` empty and each downgrade restores the definitions
 * before it.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { SchemaObject } from '../../src/schema/objects/schema-object.js'
import { objectKey } from '../../src/schema/objects/schema-object.js'
import { ALL_DATABASES, createTestDatabase, type TestDatabase } from '../support/databases.js'
import { revisionLoop, type RevisionLoop } from '../lossless/revision-loop.js'
import { itemsTable, namedItems, objectCases } from './object-fixtures.js'

const kinds = (diffs: readonly { kind: string; name?: string }[]) => diffs.map((d) => `${d.kind}:${d.name ?? ''}`).sort()

describe.each(ALL_DATABASES)('schema objects through autogenerate on %s', (kind) => {
  let db: TestDatabase | undefined
  let loop: RevisionLoop | undefined
  afterEach(async () => {
    loop?.remove()
    await db?.drop()
  })

  it('creates, replaces, drops, and makes way for a table change, each way', async () => {
    db = await createTestDatabase(kind)
    loop = await revisionLoop(db)
    const cases = objectCases(kind)
    const first = { tables: itemsTable(), objects: [...cases.map((c) => c.first), namedItems] }
    const changed = { tables: itemsTable(), objects: [...cases.map((c) => c.changed), namedItems] }

    const created = await loop.autogenerate(first)
    expect(kinds(created.comparison.diffs)).toEqual(kinds([{ kind: 'add_table', name: undefined }, ...first.objects.map((o) => ({ kind: `add_${o.type}`, name: o.name }))]))
    expect(created.source).toMatch(/await op\.createView\(view\('cheap_items'/)
    await loop.upgrade()
    expect(await loop.diffs(first)).toEqual([])

    // A changed definition is one replace, found by the database's text and not by spelling.
    const replaced = await loop.autogenerate(changed)
    const replacedKinds = cases.filter((c) => c.first.type !== 'extension').map((c) => ({ kind: `modify_${c.first.type}`, name: c.first.name }))
    expect(kinds(replaced.comparison.diffs)).toEqual(kinds(replacedKinds))
    await loop.upgrade()
    expect(await loop.diffs(changed)).toEqual([])
    await loop.downgrade('-1')
    expect(await loop.diffs(first)).toEqual([])
    await loop.upgrade()
    expect(await loop.diffs(changed)).toEqual([])

    // Gone from the models: dropped, and the downgrade re-creates it as it was.
    const withoutNamed = { tables: itemsTable(), objects: changed.objects.filter((o) => o !== namedItems) }
    const dropped = await loop.autogenerate(withoutNamed)
    expect(kinds(dropped.comparison.diffs)).toEqual(['remove_view:named_items'])
    await loop.upgrade()
    expect(await loop.diffs(withoutNamed)).toEqual([])
    await loop.downgrade('-1')
    expect(await loop.diffs(changed)).toEqual([])
    await loop.upgrade()

    // A column under the views, trigger and policy changes type: they are dropped before and created after.
    const wider = { tables: itemsTable('bigint'), objects: withoutNamed.objects }
    const widened = await loop.autogenerate(wider)
    const dependents = wider.objects.filter((o: SchemaObject) => o.type === 'view' || o.type === 'materialized_view' || o.type === 'trigger' || o.type === 'policy')
    expect(kinds(widened.comparison.diffs)).toEqual(kinds([{ kind: 'modify_type', name: undefined }, ...dependents.flatMap((o) => [{ kind: `add_${o.type}`, name: o.name }, { kind: `remove_${o.type}`, name: o.name }])]))
    const order = widened.comparison.changes.map((c) => c.op.kind)
    expect(order.lastIndexOf('drop_object')).toBeLessThan(order.findIndex((k) => k === 'alter_column' || k === 'batch_alter_table'))
    expect(order.indexOf('create_object')).toBeGreaterThan(order.findIndex((k) => k === 'alter_column' || k === 'batch_alter_table'))
    await loop.upgrade()
    expect(await loop.diffs(wider)).toEqual([])
    await loop.downgrade('-1')
    expect(await loop.diffs(withoutNamed)).toEqual([])

    await loop.downgrade('base')
    const { objects } = await loop.conn.dialect.objects.reflect(loop.conn, { schemas: [null], types: loop.conn.dialect.objects.types })
    expect(objects.map((o) => objectKey(o.object))).toEqual([])
  })
})
