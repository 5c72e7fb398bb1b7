/**
 * Autogenerate against a live database: reflect it, canonicalize the
 * models' defaults through it, compare, and (for `revision --autogenerate`)
 * render and write the revision. The API and CLI call these.
 */
import type { AthanorConfig } from '../config/config-types.js'
import { openConnection } from '../dialect/connect.js'
import type { DatabaseConnection } from '../dialect/dialect.js'
import { reflect } from '../dialect/reflector.js'
import { AthanorError } from '../errors.js'
import type { Table } from '../schema/table.js'
import type { NewRevisionSpec } from '../script/revision-writer.js'
import type { Revision } from '../script/revision.js'
import type { ScriptDirectory } from '../script/script-directory.js'
import type { RevisionGraph } from '../script/graph.js'
import { compareSchemas } from './compare-schemas.js'
import type { RenamePolicy } from './compare-options.js'
import { canonicalizeModel } from './model-canonicalizer.js'
import { Table as TableClass } from '../schema/table.js'
import { loadModels } from './load-models.js'
import { renderRevision } from './render-revision.js'
import type { Comparison, DataLoss, SchemaDiff } from './schema-diff.js'

/** What a comparison against a database needs, as the config states it. */
export interface AutogenerateSettings {
  readonly url: string
  /** The models: tables, or the absolute path of the models module. */
  readonly models: readonly Table[] | string
  readonly versionTable: string
  readonly compare?: AthanorConfig['compare']
  readonly include?: AthanorConfig['include']
  readonly renames?: RenamePolicy
}

/** `compareMetadata()` / `check --json`: whether the database matches the models, and how not. */
export interface CompareMetadataResult {
  readonly upToDate: boolean
  readonly diffs: readonly SchemaDiff[]
}

/**
 * Compares the models with the database behind an open connection.
 *
 * @example
 * const comparison = await compareWithConnection(conn, metadata.tables, { versionTable: 'athanor_version' })
 */
export async function compareWithConnection(
  conn: DatabaseConnection,
  tables: readonly Table[],
  settings: Omit<AutogenerateSettings, 'url' | 'models'>,
): Promise<Comparison> {
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
    ...(include.object ? { includeObject: include.object } : {}),
    ...(settings.renames ? { renames: settings.renames } : {}),
  })
}

/**
 * Opens the database, compares it with the models, and closes it.
 *
 * @example
 * const { changes, diffs } = await compareWithDatabase({ url, models: '/app/src/models.ts', versionTable: 'athanor_version' })
 */
export async function compareWithDatabase(settings: AutogenerateSettings): Promise<Comparison> {
  const tables = typeof settings.models === 'string' ? (await loadModels(settings.models)).tables : settings.models
  const conn = await openConnection(settings.url)
  try {
    return await compareWithConnection(conn, tables, settings)
  } finally {
    await conn.close()
  }
}

/**
 * The API's `compareMetadata()`: `upToDate` when autogenerate would write nothing.
 *
 * @example
 * const { upToDate, diffs } = await compareMetadata(settings)
 */
export async function compareMetadata(settings: AutogenerateSettings): Promise<CompareMetadataResult> {
  const { diffs } = await compareWithDatabase(settings)
  return { upToDate: diffs.length === 0, diffs }
}

/**
 * Refuses to autogenerate on a database that is not at the head(s): the
 * revision would repeat (or miss) what unapplied revisions do.
 */
export function assertAtHead(graph: RevisionGraph, current: readonly string[]): void {
  // Rows at every head nothing depends on count as "at head": a head another
  // branch depends on has no row of its own once the dependent is applied.
  if (current.every((id) => graph.has(id)) && graph.isAtHeads(current)) return
  const heads = graph.heads().map((r) => r.id)
  throw new AthanorError(
    `the database is not up to date: it is at ${current.length === 0 ? 'base' : current.join(', ')}, the head is ${heads.join(', ')}`,
    { code: 'E_NOT_AT_HEAD', exitCode: 1, hint: 'run `athanor upgrade head` first, then autogenerate' },
  )
}

/** What `revision --autogenerate` did. */
export interface AutogeneratedRevision {
  /** The written revision; null when nothing differed and empty revisions were not asked for. */
  readonly revision: Revision | null
  readonly diffs: readonly SchemaDiff[]
  /** Upgrade steps that lose data (dropped tables and columns, narrowed types). */
  readonly dataLoss: readonly DataLoss[]
  readonly renames: Comparison['renames']
}

/**
 * Writes the revision for a comparison (nothing when it found nothing,
 * unless `allowEmpty`).
 *
 * @example
 * const result = await writeAutogeneratedRevision(script, { message: 'add users', downRevisions: [head] }, comparison, { dialect })
 */
export async function writeAutogeneratedRevision(
  script: ScriptDirectory,
  spec: Omit<NewRevisionSpec, 'upgradeBody' | 'downgradeBody' | 'imports'>,
  comparison: Comparison,
  options: { dialect: DatabaseConnection['dialect']; allowEmpty?: boolean },
): Promise<AutogeneratedRevision> {
  const base = { diffs: comparison.diffs, renames: comparison.renames }
  if (comparison.changes.length === 0 && options.allowEmpty !== true) return { ...base, revision: null, dataLoss: [] }
  const rendered = renderRevision(comparison.changes, { isDefaultPrimaryKeyName: options.dialect.equivalence.isDefaultPrimaryKeyName })
  const revision = await script.writeRevision({
    ...spec,
    upgradeBody: rendered.upgradeBody,
    downgradeBody: rendered.downgradeBody,
    ...(rendered.imports ? { imports: rendered.imports } : {}),
  })
  return { ...base, revision, dataLoss: rendered.dataLoss }
}

/** The table with its columns' defaults left out, for a comparison told not to compare defaults. */
function withoutDefaults(table: Table): Table {
  return new TableClass({
    name: table.name,
    schema: table.schema,
    comment: table.comment,
    columns: table.columnList.map((c) => (c.serverDefault === null ? c : Object.freeze({ ...c, serverDefault: null }))),
    parts: { primaryKey: table.primaryKey, constraints: table.constraints, indexes: table.indexes },
  })
}
