/**
 * One Drizzle table, as Drizzle's `getTableConfig` describes it, turned into
 * an athanor {@link Table}. Constraint names are the names Drizzle (and so
 * drizzle-kit) gives them, so a database drizzle-kit created compares clean.
 */
import { ConfigError } from '../../errors.js'
import { ColumnBuilder, type Column, type ReferentialAction, type ServerDefault } from '../../schema/column.js'
import type { CheckConstraint, ForeignKeyConstraint, Index, PrimaryKeyConstraint, UniqueConstraint } from '../../schema/constraints.js'
import type { SqlFragment } from '../../schema/sql.js'
import { Table } from '../../schema/table.js'
import { isEntity, type DrizzleFamily } from './drizzle-entities.js'
import { fromDrizzleSql, isDrizzleSql } from './drizzle-sql.js'
import { drizzleType, type DrizzleColumnLike } from './drizzle-types.js'

const TABLE_NAME = Symbol.for('drizzle:Name')
const TABLE_SCHEMA = Symbol.for('drizzle:Schema')
const TABLE_COLUMNS = Symbol.for('drizzle:Columns')

/** A Drizzle column object, as far as athanor reads it. */
export interface DrizzleColumn extends DrizzleColumnLike {
  readonly notNull: boolean
  readonly primary: boolean
  readonly hasDefault: boolean
  readonly default: unknown
  readonly defaultFn?: unknown
  readonly onUpdateFn?: unknown
  readonly isUnique: boolean
  readonly uniqueName?: string | undefined
  readonly generated?: unknown
}

/** What Drizzle's `getTableConfig` returns, in the three core packages alike. */
export interface DrizzleTableConfig {
  readonly name: string
  readonly schema?: string | undefined
  readonly columns: readonly DrizzleColumn[]
  readonly indexes: readonly { readonly config: { name?: string; columns: readonly unknown[]; unique: boolean; where?: unknown } }[]
  readonly foreignKeys: readonly {
    reference(): { name?: string; columns: readonly DrizzleColumn[]; foreignColumns: readonly DrizzleColumn[]; foreignTable: object }
    getName(): string
    readonly onDelete?: string | undefined
    readonly onUpdate?: string | undefined
  }[]
  readonly checks: readonly { readonly name: string; readonly value: unknown }[]
  readonly primaryKeys: readonly { readonly columns: readonly DrizzleColumn[]; getName(): string; readonly name?: string | undefined }[]
  readonly uniqueConstraints: readonly { readonly columns: readonly DrizzleColumn[]; getName(): string; readonly name?: string | undefined }[]
}

/** A converted table and what of the Drizzle declaration athanor cannot carry into the database. */
export interface DrizzleTableReading {
  readonly table: Table
  readonly notes: readonly string[]
}

/**
 * Converts one Drizzle table; `config` is `getTableConfig(table)` from the
 * table's own core package.
 *
 * @example
 * const { table, notes } = tableFromDrizzle('pg', users, getTableConfig(users))
 * table.column('email')?.type // { kind: 'string', length: 255 }
 */
export function tableFromDrizzle(family: DrizzleFamily, drizzleTable: object, config: DrizzleTableConfig): DrizzleTableReading {
  const name = config.name
  const schema = config.schema ?? null
  const notes: string[] = []
  const keys = new Map<unknown, string>(Object.entries((drizzleTable as Record<symbol, Record<string, unknown>>)[TABLE_COLUMNS] ?? {}).map(([k, c]) => [c, k]))
  const composite = config.primaryKeys[0]
  const keyColumns = composite !== undefined ? composite.columns.map((c) => c.name) : config.columns.filter((c) => c.primary).map((c) => c.name)
  const primaryKey: PrimaryKeyConstraint | null =
    keyColumns.length === 0 ? null : { kind: 'primaryKey', name: composite === undefined ? null : (composite.name ?? composite.getName()), columns: keyColumns }

  const columns = config.columns.map((c) => columnFromDrizzle(family, c, keys.get(c) ?? c.name, { name, schema }, keyColumns.includes(c.name), notes))

  const uniques: UniqueConstraint[] = [
    ...config.columns.filter((c) => c.isUnique).map((c): UniqueConstraint => ({ kind: 'unique', name: c.uniqueName ?? null, columns: [c.name] })),
    ...config.uniqueConstraints.map((u): UniqueConstraint => ({ kind: 'unique', name: u.name ?? u.getName(), columns: u.columns.map((c) => c.name) })),
  ]
  const checks = config.checks.map((c): CheckConstraint => ({ kind: 'check', name: c.name, expression: fromDrizzleSql(c.value, `check "${c.name}" on ${name}`) }))
  const foreignKeys = config.foreignKeys.map((fk): ForeignKeyConstraint => {
    const ref = fk.reference()
    const target = ref.foreignTable as Record<symbol, string | undefined>
    return {
      kind: 'foreignKey',
      name: ref.name ?? fk.getName(),
      columns: ref.columns.map((c) => c.name),
      referredSchema: target[TABLE_SCHEMA] ?? null,
      referredTable: target[TABLE_NAME]!,
      referredColumns: ref.foreignColumns.map((c) => c.name),
      onDelete: action(fk.onDelete),
      onUpdate: action(fk.onUpdate),
      deferrable: false,
    }
  })
  const indexes = config.indexes.map((ix) => indexFromDrizzle(ix.config, name, schema, notes))

  const table = new Table({
    name,
    schema,
    comment: null,
    columns,
    parts: { primaryKey, constraints: [...uniques, ...checks, ...foreignKeys], indexes },
  })
  return { table, notes }
}

function columnFromDrizzle(
  family: DrizzleFamily,
  c: DrizzleColumn,
  key: string,
  owner: { name: string; schema: string | null },
  inPrimaryKey: boolean,
  notes: string[],
): Column {
  const where = `${owner.name}.${c.name}`
  const { type, autoincrement } = drizzleType(family, c)
  let builder = new ColumnBuilder(type).name(c.name)
  builder = c.notNull ? builder.notNull() : builder.nullable()
  if (autoincrement) builder = builder.autoincrement()
  const serverDefault = defaultOf(c, where, notes)
  if (serverDefault !== null) builder = builder.serverDefault(serverDefault)
  if (c.onUpdateFn !== undefined) notes.push(`${where}: $onUpdate runs in the application; the database gets no default for it`)
  if (c.generated !== undefined && c.generated !== null) notes.push(`${where}: a generated column's expression is not carried; the column is read as a plain column`)
  const column = builder.build(key, owner.name, owner.schema)
  return inPrimaryKey ? Object.freeze({ ...column, primaryKey: true }) : column
}

function defaultOf(c: DrizzleColumn, where: string, notes: string[]): ServerDefault | null {
  if (c.default === undefined) {
    if (c.defaultFn !== undefined) notes.push(`${where}: $defaultFn runs in the application; the database gets no default for it`)
    return null
  }
  const value = c.default
  if (isDrizzleSql(value)) return fromDrizzleSql(value, `the default of ${where}`)
  if (value === null) return null
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return value
  if (value instanceof Date) return value.toISOString()
  return JSON.stringify(value)
}

function indexFromDrizzle(config: DrizzleTableConfig['indexes'][number]['config'], table: string, schema: string | null, notes: string[]): Index {
  const expressions = config.columns.map((e): string | SqlFragment => {
    if (isEntity(e, 'Column')) return (e as DrizzleColumn).name
    // pg-core wraps index columns with their sort order and operator class.
    if (isEntity(e, 'IndexedColumn')) {
      const { name, indexConfig } = e as { name: string; indexConfig?: { order?: string; nulls?: string; opClass?: string } }
      if (indexConfig?.opClass !== undefined || indexConfig?.order === 'desc' || indexConfig?.nulls === 'first') {
        notes.push(`${table}: the sort order and operator class of index column "${name}" are not carried`)
      }
      return name
    }
    return fromDrizzleSql(e, `an index on ${table}`)
  })
  let name = config.name
  if (name === undefined) {
    if (!expressions.every((e) => typeof e === 'string')) {
      throw new ConfigError(`an index over an expression on Drizzle table "${table}" has no name`, { hint: "name it: index('ix_name').on(sql`…`)" })
    }
    // drizzle-kit's name for an unnamed index.
    name = `${table}_${expressions.join('_')}_index`
  }
  const where = config.where === undefined ? null : fromDrizzleSql(config.where, `index "${name}"`)
  return { kind: 'index', name, table, schema, expressions, unique: config.unique, where }
}

function action(value: string | undefined): ReferentialAction | null {
  // Drizzle writes `no action` when none is given, which is the databases' own default.
  if (value === undefined || value === 'no action') return null
  return value as ReferentialAction
}
