/**
 * The differences an op resolves, in Alembic's vocabulary (its
 * `to_diff_tuple`): `check --json` and `compareMetadata()` report these, so
 * what a comparison says and what its revision does cannot drift apart.
 * One entry per op kind: a kind without one does not compile (`null` for
 * the kinds a comparison never emits).
 */
import type { StorageChange, TableName } from '../dialect/ddl-compiler.js'
import type { Dialect } from '../dialect/dialect.js'
import type { AlterColumnOp } from '../operations/ops/column-ops.js'
import type { AddConstraintOp } from '../operations/ops/constraint-ops.js'
import type { AnyOp, OpKind, OpsByKind } from '../operations/ops/op-kinds.js'
import type { Constraint, ForeignKeyConstraint } from '../schema/constraints.js'
import type { SchemaObject } from '../schema/objects/schema-object.js'
import { sqlText, type SqlFragment } from '../schema/sql.js'
import { comparableDefault, defaultSql } from './default-text.js'
import type { SchemaDiff } from './schema-diff.js'
import { describeType } from './type-description.js'

/** What describing an op needs besides the op. */
export interface DiffContext {
  readonly dialect: Dialect
  /** A schema name with the default schema written as null. */
  schemaOf(schema: string | null): string | null
  /**
   * The database's own text for a model column's server default (see
   * `canonicalizeModel`), so a default's detail shows what was compared;
   * undefined when it was not canonicalized.
   */
  modelDefault?(table: TableName, column: string): string | null | undefined
}

/** Where a comparison found what an op changes, for an op that does not say (an enum type's new value). */
export interface DiffSite {
  readonly table: string
  readonly column?: string
}

/**
 * The differences `op` resolves.
 *
 * @example
 * diffsOf(new DropColumnOp({ name: 'users', schema: null }, 'bio'), ctx) // [{ kind: 'remove_column', table: 'users', column: 'bio' }]
 */
export function diffsOf(op: AnyOp, ctx: DiffContext, site?: DiffSite): SchemaDiff[] {
  const rule = DIFF_RULES[op.kind] as DiffRule<AnyOp> | null
  return rule === null ? [] : rule(op, ctx, site)
}

type DiffRule<O> = (op: O, ctx: DiffContext, site?: DiffSite) => SchemaDiff[]
type DiffRules = { readonly [K in OpKind]: DiffRule<OpsByKind[K]> | null }

/** `{ table, schema? }` of a diff about `table`. */
function at(table: TableName, ctx: DiffContext): { table: string; schema?: string } {
  const schema = ctx.schemaOf(table.schema)
  return schema === null ? { table: table.name } : { table: table.name, schema }
}

/** `(a) -> t(id)`, with the actions that differ from the database's default (`ON DELETE CASCADE`). */
function describeForeignKey(fk: ForeignKeyConstraint, ctx: DiffContext): string {
  const plain = ctx.dialect.equivalence.normalizeAction(null)
  const actions = (
    [
      ['ON DELETE', ctx.dialect.equivalence.normalizeAction(fk.onDelete)],
      ['ON UPDATE', ctx.dialect.equivalence.normalizeAction(fk.onUpdate)],
    ] as const
  )
    .filter(([, action]) => action !== plain)
    .map(([clause, action]) => ` ${clause} ${action.toUpperCase()}`)
    .join('')
  const match = fk.match ? ` MATCH ${fk.match.toUpperCase()}` : ''
  return `(${fk.columns.join(', ')}) -> ${fk.referredTable}(${fk.referredColumns.join(', ')})${match}${actions}`
}

function describeConstraint(c: Constraint, ctx: DiffContext): string {
  switch (c.kind) {
    case 'unique':
      return `UNIQUE (${c.columns.join(', ')})`
    case 'primaryKey':
      return `PRIMARY KEY (${c.columns.join(', ')})`
    case 'check':
      return `CHECK (${sqlText(c.expression)})`
    case 'exclude':
      return `EXCLUDE ${sqlText(c.definition)}`
    case 'foreignKey':
      return describeForeignKey(c, ctx)
  }
}

const addConstraint = (o: AddConstraintOp, ctx: DiffContext): SchemaDiff[] => [
  {
    kind: o.constraint.kind === 'foreignKey' ? 'add_fk' : 'add_constraint',
    ...at(o.table, ctx),
    ...(o.constraint.name === null ? {} : { name: o.constraint.name }),
    detail: describeConstraint(o.constraint, ctx),
  },
]

function alterColumnDiffs(o: AlterColumnOp, ctx: DiffContext): SchemaDiff[] {
  const a = o.alteration
  const where = { ...at(o.table, ctx), column: a.newName ?? a.column }
  const out: SchemaDiff[] = []
  if (a.newName !== undefined && a.newName !== a.column) out.push({ kind: 'rename_column', ...where, detail: `${a.column} -> ${a.newName}` })
  if (a.nullable !== undefined) {
    const was = a.existingNullable ?? !a.nullable
    out.push({ kind: 'modify_nullable', ...where, detail: `${was ? 'NULL' : 'NOT NULL'} -> ${a.nullable ? 'NULL' : 'NOT NULL'}` })
  }
  if (a.type !== undefined) {
    const was = a.existingType === undefined ? '?' : describeType(a.existingType, ctx.dialect)
    out.push({ kind: 'modify_type', ...where, detail: `${was} -> ${describeType(a.type, ctx.dialect)}` })
  }
  if (a.serverDefault !== undefined) {
    const text = (value: typeof a.existingServerDefault) => comparableDefault(value === undefined || value === null ? null : defaultSql(value, ctx.dialect))
    const canonical = ctx.modelDefault?.(o.table, where.column)
    const now = canonical !== undefined ? comparableDefault(canonical) : text(a.serverDefault)
    out.push({ kind: 'modify_default', ...where, detail: `${text(a.existingServerDefault) ?? 'none'} -> ${now ?? 'none'}` })
  }
  if (a.comment !== undefined) out.push({ kind: 'modify_comment', ...where, detail: `${JSON.stringify(a.existingComment ?? null)} -> ${JSON.stringify(a.comment)}` })
  // A collation is part of the type (as SQLAlchemy's String(collation=…)), ON UPDATE a second default.
  if (a.collation !== undefined) out.push({ kind: 'modify_type', ...where, detail: `COLLATE ${a.existingCollation ?? 'default'} -> ${a.collation ?? 'default'}` })
  if (a.onUpdate !== undefined) {
    const text = (value: SqlFragment | null | undefined) => (value ? sqlText(value) : 'none')
    out.push({ kind: 'modify_default', ...where, detail: `ON UPDATE ${text(a.existingOnUpdate)} -> ${text(a.onUpdate)}` })
  }
  return out
}

/** A diff about a schema object: `table` is its table (a trigger's, a policy's) or the object's own name. */
function objectDiff(change: 'add' | 'remove' | 'modify', object: SchemaObject, ctx: DiffContext): SchemaDiff {
  const table = object.type === 'trigger' || object.type === 'policy' ? object.table : object.name
  return { kind: `${change}_${object.type}`, ...at({ name: table, schema: object.type === 'extension' ? null : object.schema }, ctx), name: object.name }
}

/** A storage change as `UNLOGGED, fillfactor=70, autovacuum_enabled reset`. */
function describeStorage(change: StorageChange | null): string {
  if (change === null) return '?'
  const parts = [
    ...(change.unlogged === undefined ? [] : [change.unlogged ? 'UNLOGGED' : 'LOGGED']),
    ...Object.entries(change.parameters ?? {}).map(([k, v]) => (v === null ? `${k} default` : `${k}=${v}`)),
    ...(['engine', 'charset', 'collation'] as const).flatMap((key) => (change[key] === undefined ? [] : [`${key} ${change[key]}`])),
  ]
  return parts.join(', ')
}

const DIFF_RULES: DiffRules = {
  create_table: (o, ctx) => [{ kind: 'add_table', ...at({ name: o.table.name, schema: o.table.schema }, ctx) }],
  drop_table: (o, ctx) => [{ kind: 'remove_table', ...at(o.table, ctx) }],
  rename_table: (o, ctx) => [{ kind: 'rename_table', ...at({ name: o.newName, schema: o.table.schema }, ctx), detail: `${o.table.name} -> ${o.newName}` }],
  create_table_comment: (o, ctx) => [{ kind: 'add_table_comment', ...at(o.table, ctx), detail: o.comment }],
  drop_table_comment: (o, ctx) => [{ kind: 'remove_table_comment', ...at(o.table, ctx) }],
  alter_table_storage: (o, ctx) => [{ kind: 'modify_table_storage', ...at(o.table, ctx), detail: `${describeStorage(o.existing)} -> ${describeStorage(o.change)}` }],
  add_column: (o, ctx) => [{ kind: 'add_column', ...at(o.table, ctx), column: o.column.name }],
  drop_column: (o, ctx) => [{ kind: 'remove_column', ...at(o.table, ctx), column: o.column }],
  alter_column: alterColumnDiffs,
  create_index: (o, ctx) => [{ kind: 'add_index', ...at(o.table, ctx), name: o.index.name }],
  drop_index: (o, ctx) => [{ kind: 'remove_index', ...at(o.table, ctx), name: o.name }],
  create_primary_key: addConstraint,
  create_unique_constraint: addConstraint,
  create_check_constraint: addConstraint,
  create_exclude_constraint: addConstraint,
  create_foreign_key: addConstraint,
  drop_constraint: (o, ctx) => {
    const existing = o.options.existing
    return [
      {
        kind: o.constraintKind === 'foreignKey' ? 'remove_fk' : 'remove_constraint',
        ...at(o.table, ctx),
        name: o.name,
        ...(existing ? { detail: describeConstraint(existing, ctx) } : {}),
      },
    ]
  },
  add_enum_value: (o, ctx, site) => {
    const schema = ctx.schemaOf(o.schema)
    return [{ kind: 'add_enum_value', table: site?.table ?? '', ...(schema ? { schema } : {}), ...(site?.column ? { column: site.column } : {}), name: o.name, detail: o.value }]
  },
  create_object: (o, ctx) => [objectDiff('add', o.object, ctx)],
  replace_object: (o, ctx) => [objectDiff('modify', o.object, ctx)],
  drop_object: (o, ctx) => [objectDiff('remove', o.object, ctx)],
  batch_alter_table: (o, ctx) => o.ops.flatMap((inner) => diffsOf(inner, ctx)),
  // A comparison never emits these: types come with their tables, data is not schema, and validity is not a difference.
  validate_constraint: null,
  create_enum: null,
  drop_enum: null,
  bulk_insert: null,
  execute: null,
  backfill_column: null,
}
