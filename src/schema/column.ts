import type { SqlFragment } from './sql.js'
import { isSqlFragment } from './sql.js'
import type { SqlType } from './types.js'

/** A server-side default: a literal value (rendered by the dialect) or a SQL expression. */
export type ServerDefault = SqlFragment | string | number | bigint | boolean

/** Referential actions of a foreign key. */
export type ReferentialAction = 'cascade' | 'restrict' | 'set null' | 'set default' | 'no action'

/** Options of a foreign key, on a column (`references`) or a table constraint (`foreignKey`). */
export interface ForeignKeyOptions {
  readonly name?: string
  readonly onDelete?: ReferentialAction
  readonly onUpdate?: ReferentialAction
  /** `true` → DEFERRABLE; `'initiallyDeferred'` → DEFERRABLE INITIALLY DEFERRED. */
  readonly deferrable?: boolean | 'initiallyDeferred'
}

/**
 * A thunk that returns a referred column: `() => orgs.columns.id`.
 *
 * It is typed as any function (TypeScript's top function type) on purpose.
 * A table that refers to itself, or two tables that refer to each other,
 * would otherwise make the compiler infer the thunk's return type while the
 * table's own type is still being inferred, which strict mode rejects
 * (TS7022/TS7024) unless every thunk is annotated. What the thunk returns is
 * checked when the table's constraints resolve.
 *
 * @example
 * const employees = table('employees', {
 *   id: t.integer().primaryKey(),
 *   managerId: t.integer().references(() => employees.columns.id),
 * })
 */
export type ColumnThunk = (...args: never[]) => unknown

/**
 * What a column's `references` points at: a thunk returning the referred
 * column (so tables may refer to tables declared later, or to themselves) or
 * `'table.column'` / `'schema.table.column'` text.
 */
export type ColumnTarget = ColumnThunk | string

/** A column's foreign key, before the table it belongs to is known. */
export interface ColumnReference extends ForeignKeyOptions {
  readonly target: ColumnTarget
}

/**
 * A generated (computed) column's definition: `GENERATED ALWAYS AS (expression)`,
 * computed on write and kept (`stored`) or computed on read (virtual;
 * MariaDB and SQLite only).
 */
export interface GeneratedAs {
  readonly expression: SqlFragment
  readonly stored: boolean
}

/**
 * A built column: frozen plain data shared by models, ops, reflection and
 * autogenerate. `name` is the database name, `key` the property it was
 * declared under.
 */
export interface Column {
  readonly kind: 'column'
  readonly name: string
  readonly key: string
  readonly type: SqlType
  readonly nullable: boolean
  readonly primaryKey: boolean
  readonly autoincrement: boolean
  readonly serverDefault: ServerDefault | null
  readonly unique: boolean
  /** Whether the column asked for its own single-column index. */
  readonly index: boolean
  readonly comment: string | null
  readonly references: ColumnReference | null
  /** Set for a generated column; absent or null for an ordinary one. */
  readonly generated?: GeneratedAs | null
  /** Owning table and schema; null for a column not (yet) placed in a table. */
  readonly table: string | null
  readonly schema: string | null
}

interface ColumnSettings {
  readonly name: string | null
  readonly type: SqlType
  readonly notNull: boolean | null
  readonly primaryKey: boolean
  readonly autoincrement: boolean
  readonly serverDefault: ServerDefault | null
  readonly unique: boolean
  readonly index: boolean
  readonly comment: string | null
  readonly references: ColumnReference | null
  readonly generated: GeneratedAs | null
}

/**
 * Fluent, immutable column builder: each call returns a new builder, so a
 * shared `const id = t.integer().primaryKey()` is safe to reuse.
 *
 * @example
 * t.string(255).notNull().unique().comment('login name')
 */
export class ColumnBuilder {
  readonly #settings: ColumnSettings

  constructor(type: SqlType, settings?: Partial<ColumnSettings>) {
    this.#settings = {
      name: null,
      notNull: null,
      primaryKey: false,
      autoincrement: false,
      serverDefault: null,
      unique: false,
      index: false,
      comment: null,
      references: null,
      generated: null,
      ...settings,
      type,
    }
  }

  #with(change: Partial<ColumnSettings>): ColumnBuilder {
    return new ColumnBuilder(this.#settings.type, { ...this.#settings, ...change })
  }

  /** The column's type. */
  get type(): SqlType {
    return this.#settings.type
  }

  /** Database name, when it differs from the property name: `t.integer().name('org_id')`. */
  name(name: string): ColumnBuilder {
    return this.#with({ name })
  }
  /** NOT NULL. */
  notNull(): ColumnBuilder {
    return this.#with({ notNull: true })
  }
  /** Explicitly nullable (the default, except for primary key columns). */
  nullable(): ColumnBuilder {
    return this.#with({ notNull: false })
  }
  /** Part of the primary key (several columns marked so form a composite key). */
  primaryKey(): ColumnBuilder {
    return this.#with({ primaryKey: true })
  }
  /** Database-generated values (SERIAL/IDENTITY, AUTO_INCREMENT, SQLite AUTOINCREMENT). */
  autoincrement(): ColumnBuilder {
    return this.#with({ autoincrement: true })
  }
  /** Server-side default: a literal or an `sql` fragment. `serverDefault(sql\`CURRENT_TIMESTAMP\`)` */
  serverDefault(value: ServerDefault): ColumnBuilder {
    return this.#with({ serverDefault: value })
  }
  /** A single-column unique constraint. */
  unique(): ColumnBuilder {
    return this.#with({ unique: true })
  }
  /** A single-column index, named by the metadata's `ix` convention. */
  index(): ColumnBuilder {
    return this.#with({ index: true })
  }
  /**
   * A generated column: `GENERATED ALWAYS AS (expression)`, stored by default
   * (PostgreSQL has stored ones only); `{ stored: false }` makes it virtual.
   *
   * @example
   * t.integer().generatedAs(sql`price * quantity`)
   */
  generatedAs(expression: SqlFragment, options: { stored?: boolean } = {}): ColumnBuilder {
    return this.#with({ generated: Object.freeze({ expression: Object.freeze(expression), stored: options.stored ?? true }) })
  }
  /** Column comment. */
  comment(text: string): ColumnBuilder {
    return this.#with({ comment: text })
  }
  /**
   * A foreign key to another table's column.
   *
   * @example
   * t.integer().references(() => orgs.columns.id, { onDelete: 'cascade' })
   */
  references(target: ColumnTarget, options: ForeignKeyOptions = {}): ColumnBuilder {
    return this.#with({ references: Object.freeze({ ...options, target }) })
  }

  /** Builds the frozen column, given its property key and owning table. */
  build(key: string, table: string | null = null, schema: string | null = null): Column {
    const s = this.#settings
    if (isSqlFragment(s.serverDefault)) Object.freeze(s.serverDefault)
    return Object.freeze({
      kind: 'column' as const,
      name: s.name ?? key,
      key,
      type: s.type,
      nullable: s.notNull === null ? !s.primaryKey : !s.notNull,
      primaryKey: s.primaryKey,
      autoincrement: s.autoincrement,
      serverDefault: s.serverDefault,
      unique: s.unique,
      index: s.index,
      comment: s.comment,
      references: s.references,
      ...(s.generated ? { generated: s.generated } : {}),
      table,
      schema,
    })
  }
}

/** A column builder, a built column, or a bare type: what ops accept where a column is described. */
export type ColumnInput = ColumnBuilder | Column | SqlType

/** True for a built {@link Column}. */
export function isColumn(value: unknown): value is Column {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'column'
}

/**
 * Turns any {@link ColumnInput} into a column named `name` in `table`.
 *
 * @example
 * toColumn('last_login', t.datetime(), 'account') // nullable DATETIME column
 */
export function toColumn(name: string, input: ColumnInput, table: string | null = null, schema: string | null = null): Column {
  if (input instanceof ColumnBuilder) return input.build(name, table, schema)
  if (isColumn(input)) return Object.freeze({ ...input, name, key: input.key, table, schema })
  return new ColumnBuilder(input).build(name, table, schema)
}

/** The type of a {@link ColumnInput}. */
export function typeOf(input: ColumnBuilder | Column | SqlType): SqlType {
  if (input instanceof ColumnBuilder || isColumn(input)) return input.type
  return input
}

/** Resolves a column reference's target to `{ schema, table, column }`. */
export function resolveTarget(target: ColumnTarget): { schema: string | null; table: string; column: string } {
  if (typeof target === 'function') {
    const column = target()
    if (!isColumn(column)) throw new TypeError('a foreign key thunk must return a column, such as () => users.columns.id')
    if (column.table === null) throw new TypeError(`column "${column.name}" referenced by a foreign key belongs to no table`)
    return { schema: column.schema, table: column.table, column: column.name }
  }
  const parts = target.split('.')
  if (parts.length === 2) return { schema: null, table: parts[0]!, column: parts[1]! }
  if (parts.length === 3) return { schema: parts[0]!, table: parts[1]!, column: parts[2]! }
  throw new TypeError(`foreign key target "${target}" must be "table.column" or "schema.table.column"`)
}
