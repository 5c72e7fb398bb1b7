/**
 * A table's storage on both sides (PostgreSQL's UNLOGGED, storage
 * parameters, partitioning). Persistence and parameters are altered in
 * place; a different partitioning cannot be: the table would have to be
 * rebuilt, which autogenerate never writes on its own, so it is reported as
 * a fact the revision does not carry.
 */
import type { StorageChange } from '../dialect/ddl-compiler.js'
import type { NotCarriedFact } from '../dialect/not-carried.js'
import { AlterTableStorageOp } from '../operations/ops/table-ops.js'
import { partitionText, type TableStorage } from '../schema/table-storage.js'
import type { Table } from '../schema/table.js'
import type { CompareContext } from './compare-context.js'
import type { PlannedChange } from './schema-diff.js'

/** What comparing one table's storage found: the op that aligns it, and what it cannot align. */
export interface StorageComparison {
  readonly changes: PlannedChange[]
  readonly notCarried: NotCarriedFact[]
}

/**
 * Compares the storage of a model table with the same table in the database.
 *
 * @example
 * compareStorage(sessions, reflectedSessions, ctx).changes // [alter_table_storage: SET UNLOGGED]
 */
export function compareStorage(model: Table, db: Table, ctx: CompareContext): StorageComparison {
  const name = ctx.nameOf(model)
  const want = model.storage
  const have = db.storage
  const notCarried: NotCarriedFact[] = []
  const partitioning = (s: TableStorage) => JSON.stringify([s.partitionBy && partitionText(s.partitionBy), s.partitionOf && { ...s.partitionOf, bound: partitionText(s.partitionOf.bound) }])
  if (partitioning(want) !== partitioning(have)) {
    notCarried.push({ table: name.name, schema: name.schema, fact: `partitioning is ${describePartitioning(have)} in the database and ${describePartitioning(want)} in the models: changing it rebuilds the table, which autogenerate does not write` })
  }
  const change: { -readonly [K in keyof StorageChange]: StorageChange[K] } & { parameters?: Record<string, string | null> } = {}
  const existing: typeof change = {}
  if (Boolean(want.unlogged) !== Boolean(have.unlogged)) {
    change.unlogged = Boolean(want.unlogged)
    existing.unlogged = Boolean(have.unlogged)
  }
  const wantParams = want.parameters ?? {}
  const haveParams = have.parameters ?? {}
  for (const key of new Set([...Object.keys(wantParams), ...Object.keys(haveParams)])) {
    if (wantParams[key] === haveParams[key]) continue
    ;(change.parameters ??= {})[key] = wantParams[key] ?? null
    ;(existing.parameters ??= {})[key] = haveParams[key] ?? null
  }
  // Engine, character set and collation are compared where the model states them; none stated is the server's default.
  for (const key of ['engine', 'collation', ...(want.collation ? [] : ['charset' as const])] as const) {
    const wanted = want[key]
    if (wanted !== undefined && wanted.toLowerCase() !== (have[key] ?? '').toLowerCase()) {
      change[key] = wanted
      if (have[key] !== undefined) existing[key] = have[key]
    }
  }
  const changes = Object.keys(change).length === 0 ? [] : [ctx.plan(new AlterTableStorageOp(name, change as StorageChange, existing as StorageChange))]
  return { changes, notCarried }
}

function describePartitioning(storage: TableStorage): string {
  if (storage.partitionOf) return `a partition of ${storage.partitionOf.table} ${storage.partitionOf.bound}`
  return storage.partitionBy ? `PARTITION BY ${storage.partitionBy}` : 'none'
}
