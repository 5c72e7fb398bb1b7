import { isColumn, type Column, type ColumnThunk, type ForeignKeyOptions, type ReferentialAction } from './column.js'
import type { SqlFragment } from './sql.js'

/** PRIMARY KEY over one or more columns (database names). */
export interface PrimaryKeyConstraint {
  readonly kind: 'primaryKey'
  readonly name: string | null
  readonly columns: readonly string[]
}

/** UNIQUE over one or more columns. */
export interface UniqueConstraint {
  readonly kind: 'unique'
  readonly name: string | null
  readonly columns: readonly string[]
}

/** CHECK (expression). */
export interface CheckConstraint {
  readonly kind: 'check'
  readonly name: string | null
  readonly expression: SqlFragment
}

/** FOREIGN KEY (columns) REFERENCES referredTable (referredColumns). */
export interface ForeignKeyConstraint {
  readonly kind: 'foreignKey'
  readonly name: string | null
  readonly columns: readonly string[]
  readonly referredSchema: string | null
  readonly referredTable: string
  readonly referredColumns: readonly string[]
  readonly onDelete: ReferentialAction | null
  readonly onUpdate: ReferentialAction | null
  readonly deferrable: boolean | 'initiallyDeferred'
  /** PostgreSQL `NOT VALID`: created after its table, without checking existing rows. */
  readonly notValid?: boolean
  /** `MATCH FULL` (PostgreSQL); absent or null for the default, `MATCH SIMPLE`. */
  readonly match?: 'full' | 'partial' | null
}

/**
 * PostgreSQL `EXCLUDE`: no two rows may match on every element's operator.
 * `definition` is what follows `EXCLUDE`, as PostgreSQL's
 * `pg_get_constraintdef` writes it: `USING gist (room WITH =, during WITH &&)`,
 * with any `INCLUDE`, `WHERE (…)` and `DEFERRABLE` that follow.
 */
export interface ExclusionConstraint {
  readonly kind: 'exclude'
  readonly name: string | null
  readonly definition: SqlFragment
}

/** Any table constraint. */
export type Constraint = PrimaryKeyConstraint | UniqueConstraint | CheckConstraint | ForeignKeyConstraint | ExclusionConstraint

/** An index: over columns (database names) and/or expressions, optionally unique and partial. */
export interface Index {
  readonly kind: 'index'
  readonly name: string
  readonly table: string
  readonly schema: string | null
  readonly expressions: readonly (string | SqlFragment)[]
  readonly unique: boolean
  /** Partial index predicate (PostgreSQL, SQLite). */
  readonly where: SqlFragment | null
  /** Access method (PostgreSQL `USING gin`); absent or null for the default, btree. */
  readonly method?: string | null
  /** Operator class per element (`gin_trgm_ops`), null where it is the type's default. */
  readonly opclasses?: readonly (string | null)[]
  /** Sort order per element: `DESC`, `DESC NULLS LAST`, `NULLS FIRST`, null for ascending (see {@link sortOrder}). */
  readonly sortOrders?: readonly (string | null)[]
  /** Non-key columns the index carries (PostgreSQL `INCLUDE`). */
  readonly include?: readonly string[]
  /** PostgreSQL 15 `NULLS NOT DISTINCT`: a unique index that treats NULLs as equal. */
  readonly nullsNotDistinct?: boolean
  /** MySQL key prefix per element: the leading characters (bytes for binary) indexed, null for the whole value. */
  readonly prefixLengths?: readonly (number | null)[]
}

/** The index options beyond columns, uniqueness and predicate, as {@link Index} holds them. */
export type IndexAccessOptions = Pick<Index, 'method' | 'opclasses' | 'sortOrders' | 'include' | 'nullsNotDistinct' | 'prefixLengths'>

/**
 * A sort order as the catalog states it, so equal orders compare equal:
 * `ASC` and `ASC NULLS LAST` are the default (null), `DESC NULLS FIRST` is `DESC`.
 *
 * @example
 * sortOrder('desc nulls first') // 'DESC'
 */
export function sortOrder(text: string | null | undefined): string | null {
  const words = String(text ?? '').toUpperCase().trim().split(/\s+/).join(' ')
  const desc = words.startsWith('DESC')
  const nulls = /NULLS (FIRST|LAST)$/.exec(words)?.[1]
  if (desc) return nulls === 'LAST' ? 'DESC NULLS LAST' : 'DESC'
  return nulls === 'FIRST' ? 'NULLS FIRST' : null
}

/**
 * The access options of an index in one comparable form: defaults left out
 * (btree, default operator classes, ascending order), so a model that says
 * nothing equals a reflected index that states the defaults.
 *
 * @example
 * indexAccessSignature({ method: 'BTREE', opclasses: [null] }) // '{}'
 */
export function indexAccessSignature(index: IndexAccessOptions): string {
  const method = (index.method ?? 'btree').toLowerCase()
  const trimmed = <T>(list: readonly (T | null)[] | undefined) => {
    const out = [...(list ?? [])]
    while (out.length > 0 && (out[out.length - 1] ?? null) === null) out.pop()
    return out.map((v) => v ?? null)
  }
  return JSON.stringify({
    ...(method === 'btree' ? {} : { method }),
    ...(trimmed(index.opclasses).length > 0 ? { opclasses: trimmed(index.opclasses) } : {}),
    ...(trimmed((index.sortOrders ?? []).map(sortOrder)).length > 0 ? { sortOrders: trimmed((index.sortOrders ?? []).map(sortOrder)) } : {}),
    ...((index.include ?? []).length > 0 ? { include: index.include } : {}),
    ...(index.nullsNotDistinct ? { nullsNotDistinct: true } : {}),
    ...(trimmed(index.prefixLengths).length > 0 ? { prefixLengths: trimmed(index.prefixLengths) } : {}),
  })
}

/** What index/constraint builders accept as a column: a built column or its database name. */
export type ColumnRef = Column | string

/** The database name of a {@link ColumnRef}. */
export function columnName(ref: ColumnRef): string {
  return typeof ref === 'string' ? ref : ref.name
}

/** An index declared in a table's `indexes` callback, before naming. */
export interface IndexSpec {
  readonly kind: 'indexSpec'
  readonly name: string | null
  readonly expressions: readonly (ColumnRef | SqlFragment)[]
  readonly isUnique: boolean
  readonly predicate: SqlFragment | null
  /** Method, operator classes, sort orders, INCLUDE and NULLS NOT DISTINCT, as stated. */
  readonly access?: IndexAccessOptions
}

/** Fluent index declaration. */
export class IndexBuilder implements IndexSpec {
  readonly kind = 'indexSpec' as const
  constructor(
    readonly name: string | null,
    readonly expressions: readonly (ColumnRef | SqlFragment)[] = [],
    readonly isUnique = false,
    readonly predicate: SqlFragment | null = null,
    readonly access: IndexAccessOptions = {},
  ) {}
  #with(change: { expressions?: readonly (ColumnRef | SqlFragment)[]; isUnique?: boolean; predicate?: SqlFragment; access?: IndexAccessOptions }): IndexBuilder {
    return new IndexBuilder(this.name, change.expressions ?? this.expressions, change.isUnique ?? this.isUnique, change.predicate ?? this.predicate, {
      ...this.access,
      ...change.access,
    })
  }
  /** Columns or expressions the index covers, in order. */
  on(...expressions: (ColumnRef | SqlFragment)[]): IndexBuilder {
    return this.#with({ expressions })
  }
  /** Makes it a UNIQUE index. */
  unique(): IndexBuilder {
    return this.#with({ isUnique: true })
  }
  /** Partial index predicate. */
  where(predicate: SqlFragment): IndexBuilder {
    return this.#with({ predicate })
  }
  /** Access method (PostgreSQL): `index('ix_doc_body').on(c.body).using('gin')`. */
  using(method: string): IndexBuilder {
    return this.#with({ access: { method } })
  }
  /** Operator class per element, null for the default: `.on(c.name, c.addr).opclasses(null, 'inet_ops')`. */
  opclasses(...opclasses: (string | null)[]): IndexBuilder {
    return this.#with({ access: { opclasses } })
  }
  /** Sort order per element, null for ascending: `.on(c.createdAt).sortOrders('DESC NULLS LAST')`. */
  sortOrders(...orders: (string | null)[]): IndexBuilder {
    return this.#with({ access: { sortOrders: orders.map(sortOrder) } })
  }
  /** Non-key columns carried by the index (PostgreSQL `INCLUDE`). */
  include(...columns: ColumnRef[]): IndexBuilder {
    return this.#with({ access: { include: columns.map(columnName) } })
  }
  /** UNIQUE NULLS NOT DISTINCT (PostgreSQL 15): NULLs count as equal. */
  nullsNotDistinct(): IndexBuilder {
    return this.#with({ access: { nullsNotDistinct: true } })
  }
  /** Key prefix per element, null for the whole value (MySQL): `.on(c.title, c.body).prefixLengths(null, 100)`. */
  prefixLengths(...lengths: (number | null)[]): IndexBuilder {
    return this.#with({ access: { prefixLengths: lengths } })
  }
}

/**
 * Declares an index in a table's `indexes` callback.
 *
 * @example
 * indexes: (c) => [index('ix_users_email_lower').on(sql`lower(email)`).where(sql`email IS NOT NULL`)]
 */
export function index(name?: string): IndexBuilder {
  return new IndexBuilder(name ?? null)
}

/** A constraint declared in a table's `constraints` callback, before naming and resolution. */
export type ConstraintSpec =
  | { readonly kind: 'primaryKey'; readonly name: string | null; readonly columns: readonly ColumnRef[] }
  | { readonly kind: 'unique'; readonly name: string | null; readonly columns: readonly ColumnRef[] }
  | { readonly kind: 'check'; readonly name: string | null; readonly expression: SqlFragment }
  | { readonly kind: 'exclude'; readonly name: string | null; readonly definition: SqlFragment }
  | ForeignKeySpec

/** A foreign key declared on a table, its target resolved lazily. */
export interface ForeignKeySpec extends Omit<ForeignKeyOptions, 'name'> {
  readonly kind: 'foreignKey'
  readonly name: string | null
  readonly columns: readonly ColumnRef[]
  /** Referred columns: built columns (of one table) or `'table'` + names. */
  readonly target: () => { schema: string | null; table: string; columns: readonly string[] }
}

/**
 * UNIQUE over columns.
 *
 * @example
 * constraints: (c) => [unique('uq_email_org').on(c.email, c.orgId)]
 */
export function unique(name?: string): { on(...columns: ColumnRef[]): ConstraintSpec } {
  return { on: (...columns) => Object.freeze({ kind: 'unique' as const, name: name ?? null, columns }) }
}

/**
 * PRIMARY KEY over columns (composite keys).
 *
 * @example
 * constraints: (c) => [primaryKey().on(c.userId, c.groupId)]
 */
export function primaryKey(name?: string): { on(...columns: ColumnRef[]): ConstraintSpec } {
  return { on: (...columns) => Object.freeze({ kind: 'primaryKey' as const, name: name ?? null, columns }) }
}

/**
 * CHECK constraint.
 *
 * @example
 * constraints: () => [check('positive_id', sql`id > 0`)]
 */
export function check(name: string | null, expression: SqlFragment): ConstraintSpec {
  return Object.freeze({ kind: 'check' as const, name, expression })
}

/**
 * An exclusion constraint (PostgreSQL): what follows `EXCLUDE`.
 *
 * @example
 * constraints: () => [exclude('no_double_booking', sql`USING gist (room WITH =, during WITH &&)`)]
 */
export function exclude(name: string | null, definition: SqlFragment): ConstraintSpec {
  return Object.freeze({ kind: 'exclude' as const, name, definition })
}

/**
 * Table-level (possibly composite) foreign key.
 *
 * @example
 * constraints: (c) => [foreignKey().on(c.a, c.b).references(() => [other.columns.a, other.columns.b], { onDelete: 'cascade' })]
 */
export function foreignKey(name?: string) {
  return {
    on: (...columns: ColumnRef[]) => ({
      /** Referred columns as a thunk of built columns (typed loosely, as {@link ColumnThunk} explains), or a table name and column names. */
      references(
        target: ColumnThunk | string,
        optionsOrColumns: ForeignKeyOptions | readonly string[] = {},
        maybeOptions: ForeignKeyOptions = {},
      ): ConstraintSpec {
        const options = Array.isArray(optionsOrColumns) ? maybeOptions : (optionsOrColumns as ForeignKeyOptions)
        const resolve =
          typeof target === 'string'
            ? () => {
                const [schema, table] = target.includes('.') ? target.split('.', 2) : [null, target]
                return { schema: schema ?? null, table: table!, columns: optionsOrColumns as readonly string[] }
              }
            : () => {
                const cols = target()
                if (!Array.isArray(cols) || !cols.every(isColumn)) throw new TypeError('a foreign key thunk must return columns, such as () => [users.columns.id]')
                const first = cols[0] as Column | undefined
                if (!first?.table) throw new TypeError('foreign key target columns must belong to a table')
                return { schema: first.schema, table: first.table, columns: cols.map((c) => c.name) }
              }
        return Object.freeze({ ...options, kind: 'foreignKey' as const, name: options.name ?? name ?? null, columns, target: resolve })
      },
    }),
  }
}
