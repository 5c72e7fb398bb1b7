/**
 * Reads the models module named in the config: every exported `Table`, the
 * tables of every exported `MetaData`, and every exported Drizzle table
 * (read through Drizzle's table-config API; a module may mix both kinds).
 */
import { ConfigError } from '../errors.js'
import { importFailureReason, importUserModule } from '../config/module-loader.js'
import { MetaData } from '../schema/metadata.js'
import type { Table } from '../schema/table.js'
import { describeObject, isSchemaObject, objectKey, type SchemaObject } from '../schema/objects/schema-object.js'
import { isDrizzleTable, type DrizzleTable } from '../models/drizzle/drizzle-entities.js'

/** The models a module exports. */
export interface LoadedModels {
  /** Every table, once, in the order found (MetaData tables first, then loose exported tables). */
  readonly tables: readonly Table[]
  readonly metadata: readonly MetaData[]
  /** Views, functions, triggers, extensions and policies the module exports, once each. */
  readonly objects: readonly SchemaObject[]
  /** What the models declare that the database will not hold (a Drizzle `$defaultFn`…), one line each. */
  readonly notes: readonly string[]
}

/**
 * Collects the tables of a models module (absolute path; TypeScript needs
 * no build step, see importUserModule). Tables are told apart by schema and name; two different
 * tables with one name is a config error, since the target would be ambiguous.
 *
 * @example
 * const { tables } = await loadModels('/app/src/models.ts')
 */
export async function loadModels(path: string): Promise<LoadedModels> {
  let exports: Record<string, unknown>
  try {
    exports = await importUserModule(path)
  } catch (error) {
    throw new ConfigError(`cannot load the models module ${path}: ${importFailureReason(error)}`, {
      hint: 'fix the module, or `models` in the config',
      cause: error,
    })
  }
  const values = Object.values(exports)
  const drizzleTables: DrizzleTable[] = []
  visitModelValues(values, (value) => {
    if (isDrizzleTable(value)) drizzleTables.push(value)
  })
  let notes: readonly string[] = []
  if (drizzleTables.length > 0) {
    const { readDrizzleTables } = await import('../models/drizzle/drizzle-models.js')
    const drizzle = await readDrizzleTables([...new Set(drizzleTables)])
    values.push(...drizzle.tables)
    notes = drizzle.notes
  }
  const models = { ...collectModels(values), notes }
  // An empty target would make autogenerate drop every table: far more likely a wrong path or a missing export.
  if (models.tables.length === 0 && models.metadata.length === 0 && models.objects.length === 0) {
    throw new ConfigError(`the models module ${path} exports no table and no MetaData`, {
      hint: 'export your tables (or the MetaData holding them) from this module',
    })
  }
  return models
}

/**
 * The tables among `values` (tables, MetaData objects, and arrays or plain
 * objects of them one level deep, as `export default { users, posts }`).
 *
 * @example
 * collectModels([metadata, auditLog]).tables.length
 */
export function collectModels(values: readonly unknown[]): Omit<LoadedModels, 'notes'> {
  const metadata: MetaData[] = []
  const loose: Table[] = []
  visitModelValues(values, (value) => {
    if (isMetaData(value)) metadata.push(value)
    else if (isTable(value)) loose.push(value)
  })
  const objects = new Map<string, SchemaObject>()
  visitModelValues(values, (value) => {
    if (!isSchemaObject(value)) return
    const key = objectKey(value)
    if (objects.has(key) && objects.get(key) !== value) throw new ConfigError(`the models define ${describeObject(value)} twice`, { hint: 'export each object once' })
    objects.set(key, value)
  })
  const byKey = new Map<string, Table>()
  for (const table of [...new Set(metadata)].flatMap((m) => m.sortedTables).concat(loose)) {
    const key = MetaData.key(table.name, table.schema)
    const seen = byKey.get(key)
    if (seen !== undefined && seen !== table) {
      throw new ConfigError(`the models define table "${key}" twice`, { hint: 'export each table once, or give one of them another name or schema' })
    }
    byKey.set(key, table)
  }
  return { tables: [...byKey.values()], metadata: [...new Set(metadata)], objects: [...objects.values()] }
}

// Exports, and arrays or plain objects of them one level deep; a table or MetaData is not looked into.
function visitModelValues(values: readonly unknown[], found: (value: unknown) => void): void {
  const visit = (value: unknown, depth: number) => {
    if (isMetaData(value) || isTable(value) || isDrizzleTable(value) || isSchemaObject(value)) found(value)
    else if (depth === 0 && Array.isArray(value)) value.forEach((v) => visit(v, 1))
    else if (depth === 0 && value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      Object.values(value).forEach((v) => visit(v, 1))
    }
  }
  values.forEach((v) => visit(v, 0))
}

// By shape, not class: a models module built against another copy of athanor still counts.
function isTable(value: unknown): value is Table {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'table' && Array.isArray((value as Table).columnList)
}

function isMetaData(value: unknown): value is MetaData {
  return value instanceof MetaData || (typeof value === 'object' && value !== null && 'namingConvention' in value && Array.isArray((value as MetaData).sortedTables))
}
