/**
 * The resolved settings one comparison runs with, shared by the table,
 * column and constraint comparers.
 */
import type { IncludeObjectInfo } from '../config/config-types.js'
import type { SchemaEquivalence } from '../dialect/schema-equivalence.js'
import type { Dialect } from '../dialect/dialect.js'
import type { TableName } from '../dialect/ddl-compiler.js'
import type { Column } from '../schema/column.js'
import type { CheckConstraint, ExclusionConstraint, Index } from '../schema/constraints.js'
import type { CanonicalIndex } from './model-canonicalizer.js'
import type { Table } from '../schema/table.js'
import type { SqlType } from '../schema/types.js'
import type { CompareOptions, RenamePolicy } from './compare-options.js'
import type { AnyOp } from '../operations/ops/op-kinds.js'
import { diffsOf, type DiffContext, type DiffSite } from './op-diffs.js'
import type { PlannedChange, RenameCandidate, RenameDecision } from './schema-diff.js'

/** Settings of one comparison. */
export interface CompareContext extends DiffContext {
  readonly dialect: Dialect
  readonly equivalence: SchemaEquivalence
  readonly types: boolean
  readonly serverDefaults: boolean
  readonly comments: boolean
  readonly defaultSchema: string | null
  readonly canonicalDefault: (table: Table, column: Column) => string | null | undefined
  readonly canonicalIndex: (index: Index) => CanonicalIndex | undefined
  readonly canonicalCheck: (check: CheckConstraint | ExclusionConstraint) => string | undefined
  readonly canonicalGenerated: (column: Column) => string | undefined
  readonly canonicalType: (column: Column) => SqlType | undefined
  readonly canonicalOnUpdate: (column: Column) => string | undefined
  include(info: IncludeObjectInfo): boolean
  decideRename(candidate: RenameCandidate): Promise<RenameDecision>
  /** A model or reflected schema name with the default schema written as null. */
  schemaOf(schema: string | null): string | null
  nameOf(table: Table): TableName
  /** The planned change for `op`: its differences come from the op itself (see `diffsOf`). */
  plan(op: AnyOp, notes?: { review?: string; site?: DiffSite }): PlannedChange
}

/** Resolves {@link CompareOptions} into a {@link CompareContext}; `models` are the tables compared. */
export function compareContext(options: CompareOptions, models: readonly Table[] = []): CompareContext {
  const equivalence = options.dialect.equivalence
  const defaultSchema = options.defaultSchema ?? null
  const schemaOf = (schema: string | null) => (schema === null || schema === defaultSchema ? null : schema)
  const canonicalDefault = options.canonicalDefault ?? (() => undefined)
  const modelsByName = new Map(models.map((t) => [`${schemaOf(t.schema) ?? ''}.${t.name}`, t]))
  const modelDefault = (table: TableName, column: string) => {
    const model = modelsByName.get(`${schemaOf(table.schema) ?? ''}.${table.name}`)
    const found = model?.column(column)
    return model && found ? canonicalDefault(model, found) : undefined
  }
  const ctx: Omit<CompareContext, 'plan'> = {
    dialect: options.dialect,
    equivalence,
    types: options.types ?? true,
    serverDefaults: options.serverDefaults ?? true,
    comments: (options.comments ?? true) && equivalence.supportsComments,
    defaultSchema,
    canonicalDefault,
    modelDefault,
    canonicalIndex: options.canonicalIndex ?? (() => undefined),
    canonicalCheck: options.canonicalCheck ?? (() => undefined),
    canonicalGenerated: options.canonicalGenerated ?? (() => undefined),
    canonicalType: options.canonicalType ?? (() => undefined),
    canonicalOnUpdate: options.canonicalOnUpdate ?? (() => undefined),
    include: (info) => options.includeObject?.(info) ?? true,
    decideRename: (candidate) => decideRename(options.renames ?? {}, candidate),
    schemaOf,
    nameOf: (table) => Object.freeze({ name: table.name, schema: schemaOf(table.schema) }),
  }
  return {
    ...ctx,
    plan: (op, notes = {}) => ({ op, diffs: diffsOf(op, ctx, notes.site), ...(notes.review ? { review: notes.review } : {}) }),
  }
}

async function decideRename(policy: RenamePolicy, candidate: RenameCandidate): Promise<RenameDecision> {
  const forms = pairForms(candidate)
  if (policy.accept?.some((pair) => forms.has(normalizePair(pair)))) return 'rename'
  if (policy.reject?.some((pair) => forms.has(normalizePair(pair)))) return 'drop-add'
  return policy.decide ? policy.decide(candidate) : 'review'
}

/**
 * True when an `old=new` pair (as `--rename` takes it) names `candidate`.
 *
 * @example
 * pairNamesCandidate('users.about=users.bio', { kind: 'column', table: 'users', from: 'about', to: 'bio', … }) // true
 */
export function pairNamesCandidate(pair: string, candidate: RenameCandidate): boolean {
  return pairForms(candidate).has(normalizePair(pair))
}

/** The spellings of `old=new` a user may write for a candidate. */
function pairForms(c: RenameCandidate): Set<string> {
  if (c.kind === 'table') return new Set([`${c.from}=${c.to}`, c.schema ? `${c.schema}.${c.from}=${c.schema}.${c.to}` : ''].filter(Boolean))
  return new Set([`${c.from}=${c.to}`, `${c.table}.${c.from}=${c.table}.${c.to}`, `${c.table}.${c.from}=${c.to}`])
}

function normalizePair(pair: string): string {
  return pair.replace(/\s+/g, '')
}
