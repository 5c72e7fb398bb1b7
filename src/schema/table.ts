import { ColumnBuilder, isColumn, type Column } from './column.js'
import {
  columnName,
  type Constraint,
  type ConstraintSpec,
  type ForeignKeyConstraint,
  type Index,
  type IndexAccessOptions,
  type IndexSpec,
  type PrimaryKeyConstraint,
} from './constraints.js'
import { inlineConstraints } from './inline-constraints.js'
import type { MetaData } from './metadata.js'
import { constraintName, DEFAULT_NAMING_CONVENTION, indexName, type NamedKind, type NamingConvention } from './naming-convention.js'
import { isSqlFragment } from './sql.js'
import { tableStorage, type TableStorage } from './table-storage.js'

/** The parts of a table once every reference is resolved. */
export interface TableParts {
  readonly primaryKey: PrimaryKeyConstraint | null
  /** Unique, check and foreign key constraints (the primary key is separate). */
  readonly constraints: readonly Exclude<Constraint, PrimaryKeyConstraint>[]
  readonly indexes: readonly Index[]
}

/** What {@link Table}'s constructor takes; reflection builds tables through it too. */
export interface TableDefinition {
  readonly name: string
  readonly schema?: string | null
  readonly comment?: string | null
  /** UNLOGGED, storage parameters, partitioning (PostgreSQL); absent for the default. */
  readonly storage?: TableStorage | null
  readonly columns: readonly Column[]
  /** Resolved parts, or a thunk resolved on first use (foreign keys may point at tables declared later). */
  readonly parts: TableParts | (() => TableParts)
}

/**
 * A table: frozen columns plus constraints and indexes, shared by models,
 * ops, reflection and autogenerate. Constraints and indexes resolve on first
 * read, so a foreign key may point at a table declared further down a file.
 */
export class Table<C extends Record<string, Column> = Record<string, Column>> {
  readonly kind = 'table' as const
  readonly name: string
  readonly schema: string | null
  readonly comment: string | null
  /** How the table is stored: `{}` unless it is UNLOGGED, has storage parameters, or is partitioned or a partition. */
  readonly storage: TableStorage
  /** Columns by property key: `users.columns.email`. */
  readonly columns: Readonly<C>
  /** Columns in declaration order. */
  readonly columnList: readonly Column[]
  #parts: TableParts | (() => TableParts)

  constructor(definition: TableDefinition) {
    this.name = definition.name
    this.schema = definition.schema ?? null
    this.comment = definition.comment ?? null
    this.storage = tableStorage(definition.storage)
    this.columnList = Object.freeze([...definition.columns])
    this.columns = Object.freeze(Object.fromEntries(this.columnList.map((c) => [c.key, c]))) as unknown as Readonly<C>
    this.#parts = definition.parts
  }

  #resolved(): TableParts {
    if (typeof this.#parts === 'function') {
      const parts = this.#parts()
      this.#parts = Object.freeze({
        primaryKey: parts.primaryKey && Object.freeze({ ...parts.primaryKey, columns: Object.freeze([...parts.primaryKey.columns]) }),
        constraints: Object.freeze(parts.constraints.map((c) => Object.freeze(c))),
        indexes: Object.freeze(parts.indexes.map((i) => Object.freeze(i))),
      })
    }
    return this.#parts
  }

  get primaryKey(): PrimaryKeyConstraint | null {
    return this.#resolved().primaryKey
  }
  get constraints(): TableParts['constraints'] {
    return this.#resolved().constraints
  }
  get indexes(): readonly Index[] {
    return this.#resolved().indexes
  }
  get foreignKeys(): readonly ForeignKeyConstraint[] {
    return this.constraints.filter((c): c is ForeignKeyConstraint => c.kind === 'foreignKey')
  }
  /** A column by database name. */
  column(name: string): Column | undefined {
    return this.columnList.find((c) => c.name === name)
  }
}

/** Options of {@link table}. */
export interface TableOptions<C extends Record<string, Column>> {
  readonly schema?: string
  readonly comment?: string
  /** PostgreSQL storage: `{ unlogged: true }`, `{ partitionBy: 'RANGE (created_at)' }`, `{ partitionOf: { table: 'events', schema: null, bound: 'DEFAULT' } }`. */
  readonly storage?: TableStorage
  readonly metadata?: MetaData
  readonly indexes?: (columns: C) => IndexSpec[]
  readonly constraints?: (columns: C) => ConstraintSpec[]
}

type BuiltColumns<D> = { readonly [K in keyof D]: Column }

/**
 * Declares a table. Also the ad-hoc table of Alembic's seed recipe:
 * `op.bulkInsert(table('account', { id: t.integer(), name: t.string() }), rows)`.
 *
 * @example
 * export const users = table('users', {
 *   id: t.integer().primaryKey().autoincrement(),
 *   email: t.string(255).notNull().unique(),
 * }, { metadata, comment: 'people' })
 */
export function table<D extends Record<string, ColumnBuilder | Column>>(
  name: string,
  columns: D,
  options: TableOptions<BuiltColumns<D>> = {},
): Table<BuiltColumns<D>> {
  const schema = options.schema ?? options.metadata?.schema ?? null
  const built = Object.entries(columns).map(([key, c]) =>
    c instanceof ColumnBuilder ? c.build(key, name, schema) : Object.freeze({ ...c, key, table: name, schema }),
  )
  const convention = options.metadata?.namingConvention ?? DEFAULT_NAMING_CONVENTION
  const byKey = Object.fromEntries(built.map((c) => [c.key, c])) as unknown as BuiltColumns<D>
  const result = new Table<BuiltColumns<D>>({
    name,
    schema,
    comment: options.comment ?? null,
    storage: options.storage ?? null,
    columns: built,
    parts: () => resolveParts(name, schema, built, convention, options.constraints?.(byKey) ?? [], options.indexes?.(byKey) ?? []),
  })
  options.metadata?.add(result as unknown as Table)
  return result
}

function resolveParts(
  tableName: string,
  schema: string | null,
  columns: readonly Column[],
  convention: NamingConvention,
  constraintSpecs: readonly ConstraintSpec[],
  indexSpecs: readonly IndexSpec[],
): TableParts {
  const naming = { convention, situation: 'createTable' } as const
  const named = (kind: NamedKind, cols: readonly string[], explicit: string | null, referred?: { table: string; columns: readonly string[] }) =>
    constraintName(kind, { tableName, columns: cols, referredTable: referred?.table, referredColumns: referred?.columns }, explicit, naming)
  const inline = inlineConstraints({ name: tableName, schema }, columns, naming)

  let primaryKey = inline.primaryKey
  const pkSpec = constraintSpecs.find((s) => s.kind === 'primaryKey')
  if (pkSpec?.kind === 'primaryKey') {
    const cols = pkSpec.columns.map(columnName)
    primaryKey = { kind: 'primaryKey', name: named('pk', cols, pkSpec.name), columns: cols }
  }

  const constraints: TableParts['constraints'][number][] = [...inline.constraints]
  for (const spec of constraintSpecs) {
    if (spec.kind === 'unique') {
      const cols = spec.columns.map(columnName)
      constraints.push({ kind: 'unique', name: named('uq', cols, spec.name), columns: cols })
    } else if (spec.kind === 'check') {
      constraints.push({ kind: 'check', name: named('ck', [], spec.name), expression: spec.expression })
    } else if (spec.kind === 'exclude') {
      constraints.push({ kind: 'exclude', name: spec.name, definition: spec.definition })
    } else if (spec.kind === 'foreignKey') {
      const cols = spec.columns.map(columnName)
      const target = spec.target()
      constraints.push({
        kind: 'foreignKey',
        name: named('fk', cols, spec.name, { table: target.table, columns: target.columns }),
        columns: cols,
        referredSchema: target.schema,
        referredTable: target.table,
        referredColumns: target.columns,
        onDelete: spec.onDelete ?? null,
        onUpdate: spec.onUpdate ?? null,
        deferrable: spec.deferrable ?? false,
        ...(spec.notValid ? { notValid: true } : {}),
        ...(spec.match ? { match: spec.match } : {}),
      })
    }
  }

  const indexes: Index[] = [...inline.indexes]
  for (const spec of indexSpecs) {
    const expressions = spec.expressions.map((e) => (isSqlFragment(e) ? e : isColumn(e) ? e.name : e))
    const names = expressions.map((e) => (typeof e === 'string' ? e : 'expr'))
    const name = indexName({ tableName, columns: names }, spec.name, naming)
    indexes.push({ kind: 'index', name, table: tableName, schema, expressions, unique: spec.isUnique, where: spec.predicate, ...statedAccess(spec.access ?? {}) })
  }
  return { primaryKey, constraints, indexes }
}

/** The access options a spec states, without the absent ones, so an index that states none stays as before. */
function statedAccess(access: IndexAccessOptions): IndexAccessOptions {
  return Object.fromEntries(Object.entries(access).filter(([, v]) => v !== undefined && v !== null && v !== false)) as IndexAccessOptions
}
