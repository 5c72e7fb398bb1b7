/**
 * Autogenerate's two steps: compare the models with what a database holds
 * (reflected, with the models' expressions canonicalized by that database)
 * into ops, and render those ops as revision source. Nothing here opens a
 * database, checks the head, writes a file or asks anyone anything: the API
 * does those around these.
 */
import type { AthanorConfig } from '../config/config-types.js'
import type { DatabaseConnection, Dialect } from '../dialect/dialect.js'
import { reflect } from '../dialect/reflector.js'
import type { Table } from '../schema/table.js'
import { compareSchemas } from './compare-schemas.js'
import type { ObjectComparisonInput } from './compare-objects.js'
import { canonicalizeObjects } from './object-canonicalizer.js'
import { assertObjectType } from '../dialect/object-support.js'
import type { SchemaObject } from '../schema/objects/schema-object.js'
import type { RenamePolicy } from './compare-options.js'
import { canonicalizeModel } from './model-canonicalizer.js'
import { Table as TableClass } from '../schema/table.js'
import { renderRevision, type RenderedRevision } from './render-revision.js'
import type { Comparison } from './schema-diff.js'

/** What a comparison is told, as the config states it. */
export interface CompareSettings {
  readonly versionTable: string
  readonly compare?: AthanorConfig['compare']
  readonly include?: AthanorConfig['include']
  /** How rename candidates are settled; without it each is written as a rename marked for review. */
  readonly renames?: RenamePolicy
}

/**
 * Compares the models with the database behind an open connection: reflects
 * it, lets it canonicalize the models' defaults and index expressions, and
 * returns the planned ops with their diffs.
 *
 * @example
 * const comparison = await compareWithConnection(conn, metadata.tables, { versionTable: 'athanor_version' })
 */
export async function compareWithConnection(conn: DatabaseConnection, models: readonly Table[] | ModelSet, settings: CompareSettings): Promise<Comparison> {
  const tables = 'tables' in models ? models.tables : models
  const modelObjects = 'tables' in models ? models.objects : []
  const include = settings.include ?? {}
  const modelSchemas = [...new Set(tables.map((t) => t.schema).filter((s): s is string => s !== null))]
  const includeName = include.name
  const reflected = await reflect(conn, {
    schemas: include.schemas && include.schemas.length > 0 ? include.schemas : [null, ...modelSchemas],
    versionTable: settings.versionTable,
    ...(includeName
      ? { includeName: (name: string, kind: string, parent: { schema: string | null }) => includeName(name, { type: kind, parentNames: { schema_name: parent.schema } }) }
      : {}),
  })
  const objects = modelObjects.length > 0 ? await objectComparison(conn, modelObjects, reflected.defaultSchema) : undefined
  const compare = settings.compare ?? {}
  const serverDefaults = compare.serverDefaults ?? true
  const canonical = await canonicalizeModel(conn, serverDefaults ? tables : tables.map(withoutDefaults))
  // Tables in schemas the config leaves out are not the comparison's business on either side.
  const chosen = include.schemas && include.schemas.length > 0 ? new Set(include.schemas) : null
  const inChosenSchema = (t: Table) => chosen === null || chosen.has(t.schema ?? reflected.defaultSchema) || (t.schema === null && chosen.has(''))
  return compareSchemas({ tables: tables.filter(inChosenSchema) }, reflected, {
    dialect: conn.dialect,
    types: compare.types ?? true,
    serverDefaults,
    comments: compare.comments ?? true,
    versionTable: settings.versionTable,
    defaultSchema: reflected.defaultSchema,
    canonicalDefault: (_table, column) => canonical.defaults.get(column),
    canonicalIndex: (index) => canonical.indexes.get(index),
    canonicalCheck: (check) => canonical.checks.get(check),
    canonicalGenerated: (column) => canonical.generated.get(column),
    canonicalType: (column) => canonical.types.get(column),
    canonicalOnUpdate: (column) => canonical.onUpdates.get(column),
    ...(include.object ? { includeObject: include.object } : {}),
    ...(settings.renames ? { renames: settings.renames } : {}),
    ...(objects ? { objects } : {}),
  })
}

/** The models' tables and schema objects. */
export interface ModelSet {
  readonly tables: readonly Table[]
  readonly objects: readonly SchemaObject[]
}

/** The database's objects of the kinds the models declare, and the models' objects as the database writes them. */
async function objectComparison(conn: DatabaseConnection, models: readonly SchemaObject[], defaultSchema: string): Promise<ObjectComparisonInput> {
  for (const object of models) assertObjectType(conn.dialect.objects.types, object, conn.dialect.name)
  const schemaOf = (schema: string | null) => (schema === null || schema === defaultSchema ? null : schema)
  const schemas = [...new Set([null, ...models.map((o) => schemaOf(o.schema))])]
  const { objects: live } = await conn.dialect.objects.reflect(conn, { schemas, types: new Set(models.map((o) => o.type)) })
  return { models, live, canonical: await canonicalizeObjects(conn, models, live, schemaOf) }
}

/**
 * A comparison's changes written as revision bodies, by the database's own
 * rules (which primary key names it gives by default). Pure: the caller
 * writes the file.
 *
 * @example
 * const { upgradeBody, downgradeBody, imports, dataLoss } = renderComparison(comparison, conn.dialect)
 */
export function renderComparison(comparison: Comparison, dialect: Dialect): RenderedRevision {
  return renderRevision(comparison.changes, { isDefaultPrimaryKeyName: dialect.equivalence.isDefaultPrimaryKeyName })
}

/** The table with its columns' defaults left out, for a comparison told not to compare defaults. */
function withoutDefaults(table: Table): Table {
  return new TableClass({
    name: table.name,
    schema: table.schema,
    comment: table.comment,
    storage: table.storage,
    columns: table.columnList.map((c) => (c.serverDefault === null ? c : Object.freeze({ ...c, serverDefault: null }))),
    parts: { primaryKey: table.primaryKey, constraints: table.constraints, indexes: table.indexes },
  })
}
