/**
 * Random table specs for the reflection round-trip property test, and what
 * each database is expected to give back for them (the normalizations
 * documented in docs/reflection.md).
 */
import fc from 'fast-check'
import type { DialectName } from '../../src/dialect/database-url.js'
import { ColumnBuilder } from '../../src/schema/column.js'
import { check, foreignKey, index, unique } from '../../src/schema/constraints.js'
import { sql } from '../../src/schema/sql.js'
import { table, type Table } from '../../src/schema/table.js'
import { t } from '../../src/schema/t.js'
import type { SqlType } from '../../src/schema/types.js'

/** Name parts chosen to be awkward: case, spaces, quotes of every dialect, keywords, non-ASCII, `?`. */
const WORDS = ['a', 'Mixed', 'sp ace', 'quo"te', "apo's", 'back`tick', 'select', 'order', 'ñandú', 'dash-ed', 'UPPER', 'q?', 'per%cent', 'x$1']

/** An awkward identifier made unique (even case-insensitively) by its suffix. */
const awkwardName = (suffix: string) => fc.constantFrom(...WORDS).map((word) => `${word}_${suffix}`)

/** Awkward text for comments and string defaults. */
const awkwardText = fc.constantFrom('plain', "it's", 'two\nlines', 'back\\slash', 'ünïcödé ✓', '"quoted"', '', 'semi; colon -- not a comment')

/** A column type the test covers, with a value generator for its defaults. */
interface TypeCase {
  readonly type: SqlType
  readonly defaults: fc.Arbitrary<string | number | boolean> | null
}

const TYPE_CASES: readonly TypeCase[] = [
  { type: { kind: 'integer' }, defaults: fc.integer({ min: 0, max: 100000 }) },
  { type: { kind: 'bigint' }, defaults: fc.integer({ min: 0, max: 100000 }) },
  { type: { kind: 'smallint' }, defaults: fc.integer({ min: 0, max: 1000 }) },
  { type: { kind: 'boolean' }, defaults: fc.boolean() },
  { type: { kind: 'string', length: 60 }, defaults: awkwardText },
  { type: { kind: 'text' }, defaults: awkwardText },
  { type: { kind: 'date' }, defaults: null },
  { type: { kind: 'datetime', timezone: false }, defaults: null },
  { type: { kind: 'numeric', precision: 10, scale: 2 }, defaults: null },
  { type: { kind: 'double' }, defaults: null },
  { type: { kind: 'json' }, defaults: null },
  { type: { kind: 'uuid' }, defaults: null },
]

/** Types only some databases have, named after the column so that enum types never collide. */
function dialectTypeCases(dialect: DialectName, suffix: string): readonly TypeCase[] {
  const enumType: SqlType = { kind: 'enum', name: `mood_${suffix}`, values: ['sad', "it's ok", 'with space'] }
  if (dialect === 'postgres') {
    return [
      { type: enumType, defaults: null },
      { type: { kind: 'jsonb' }, defaults: null },
      { type: { kind: 'array', of: { kind: 'integer' } }, defaults: null },
      { type: { kind: 'datetime', timezone: true }, defaults: null },
      { type: { kind: 'inet' }, defaults: null },
    ]
  }
  if (dialect === 'mysql') {
    return [
      { type: enumType, defaults: null },
      { type: { kind: 'tinyint' }, defaults: fc.integer({ min: 0, max: 100 }) },
      { type: { kind: 'mediumtext' }, defaults: null },
      { type: { kind: 'longtext' }, defaults: null },
    ]
  }
  return []
}

/** One column of a random table. */
export interface ColumnSpec {
  readonly name: string
  readonly type: SqlType
  readonly nullable: boolean
  readonly serverDefault: string | number | boolean | null
  readonly comment: string | null
}

/** One random table: an integer primary key, more columns, and optional constraints and index. */
export interface TableSpec {
  readonly name: string
  readonly comment: string | null
  readonly pk: { readonly name: string; readonly autoincrement: boolean }
  readonly columns: readonly ColumnSpec[]
  /** Index into `columns` of a string column given a named unique constraint. */
  readonly unique: { readonly name: string; readonly column: number } | null
  readonly index: { readonly name: string; readonly column: number; readonly unique: boolean } | null
  readonly check: { readonly name: string } | null
  /** A foreign key from a nullable integer column to the previous table's primary key. */
  readonly foreignKey: { readonly name: string; readonly column: string; readonly onDelete: 'cascade' | 'set null' | null } | null
}

function columnSpec(dialect: DialectName, suffix: string): fc.Arbitrary<ColumnSpec> {
  return fc
    .record({
      name: awkwardName(suffix),
      typeCase: fc.constantFrom(...TYPE_CASES, ...dialectTypeCases(dialect, suffix)),
      nullable: fc.boolean(),
      withDefault: fc.boolean(),
      comment: fc.option(awkwardText, { nil: null }),
    })
    .chain(({ name, typeCase, nullable, withDefault, comment }) =>
      (withDefault && typeCase.defaults ? typeCase.defaults : fc.constant(null)).map((serverDefault) => ({
        name,
        type: typeCase.type,
        nullable,
        serverDefault,
        comment,
      })),
    )
}

function tableSpec(dialect: DialectName, position: number, hasPrevious: boolean): fc.Arbitrary<TableSpec> {
  const s = `${position}`
  return fc
    .record({
      name: awkwardName(`t${s}`),
      comment: fc.option(awkwardText, { nil: null }),
      pk: fc.record({ name: awkwardName(`id${s}`), autoincrement: fc.boolean() }),
      columns: fc.integer({ min: 1, max: 4 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => columnSpec(dialect, `c${s}${i}`)))),
      wantUnique: fc.boolean(),
      wantIndex: fc.option(fc.boolean(), { nil: null }),
      wantCheck: fc.boolean(),
      foreignKey: hasPrevious ? fc.option(fc.constantFrom<'cascade' | 'set null' | null>('cascade', 'set null', null), { nil: undefined }) : fc.constant(undefined),
      ixName: awkwardName(`ix${s}`),
      uqName: awkwardName(`uq${s}`),
    })
    .map((r) => {
      const stringColumn = r.columns.findIndex((c) => c.type.kind === 'string')
      const indexable = r.columns.findIndex((c) => c.type.kind === 'integer' || c.type.kind === 'string' || c.type.kind === 'date')
      return {
        name: r.name,
        comment: r.comment,
        pk: r.pk,
        columns: r.columns,
        unique: r.wantUnique && stringColumn >= 0 ? { name: r.uqName, column: stringColumn } : null,
        index: r.wantIndex !== null && indexable >= 0 ? { name: r.ixName, column: indexable, unique: r.wantIndex } : null,
        // MariaDB refuses a CHECK over an AUTO_INCREMENT column.
        check: r.wantCheck && !r.pk.autoincrement ? { name: `ck_${s}_positive` } : null,
        foreignKey: r.foreignKey === undefined ? null : { name: `fk_${s}_parent`, column: `parent ${s}`, onDelete: r.foreignKey },
      }
    })
}

/** Between one and four tables, each possibly referring to the one before, using the types `dialect` has. */
export function schemaSpec(dialect: DialectName): fc.Arbitrary<TableSpec[]> {
  return fc.integer({ min: 1, max: 4 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => tableSpec(dialect, i, i > 0))))
}

function builder(type: SqlType): ColumnBuilder {
  return new ColumnBuilder(type)
}

/**
 * The schema-vocabulary table of a spec; `previous` is the table before it
 * (the foreign key's target).
 */
export function buildTable(spec: TableSpec, previous: TableSpec | null): Table {
  const columns: Record<string, ColumnBuilder> = {}
  let pk = builder({ kind: 'integer' }).primaryKey()
  if (spec.pk.autoincrement) pk = pk.autoincrement()
  columns[spec.pk.name] = pk
  for (const c of spec.columns) {
    let col = builder(c.type)
    col = c.nullable ? col.nullable() : col.notNull()
    if (c.serverDefault !== null) col = col.serverDefault(c.serverDefault)
    if (c.comment !== null) col = col.comment(c.comment)
    columns[c.name] = col
  }
  if (spec.foreignKey) columns[spec.foreignKey.column] = builder({ kind: 'integer' })
  return table(spec.name, columns, {
    ...(spec.comment !== null ? { comment: spec.comment } : {}),
    indexes: () => (spec.index ? [spec.index.unique ? index(spec.index.name).on(spec.columns[spec.index.column]!.name).unique() : index(spec.index.name).on(spec.columns[spec.index.column]!.name)] : []),
    constraints: () => [
      ...(spec.unique ? [unique(spec.unique.name).on(spec.columns[spec.unique.column]!.name)] : []),
      ...(spec.check ? [check(spec.check.name, sql`${sql.identifier(spec.pk.name)} >= 0`)] : []),
      ...(spec.foreignKey && previous
        ? [foreignKey(spec.foreignKey.name).on(spec.foreignKey.column).references(previous.name, [previous.pk.name], spec.foreignKey.onDelete ? { onDelete: spec.foreignKey.onDelete } : {})]
        : []),
    ],
  })
}

/**
 * The type each database gives back for a model type (docs/reflection.md,
 * "Normalizations").
 */
export function expectedType(dialect: DialectName, type: SqlType, columnName: string): SqlType {
  if (dialect === 'postgres') return type
  if (dialect === 'mysql') {
    if (type.kind === 'uuid') return { kind: 'custom', name: 'char(36)' }
    // MySQL enums are inline and nameless; reflection names them after their column.
    if (type.kind === 'enum') return { ...type, name: columnName }
    return type
  }
  if (type.kind === 'uuid') return { kind: 'custom', name: 'CHAR(36)' }
  return type
}

/** Comments exist on PostgreSQL and MySQL; SQLite has none. */
export function expectedComment(dialect: DialectName, comment: string | null): string | null {
  if (dialect === 'sqlite') return null
  // An empty comment is no comment.
  return comment === '' ? null : comment
}
