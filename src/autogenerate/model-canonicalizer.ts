/**
 * Principle 8, "compare like with like": what a model states as SQL (a
 * server default, an index expression, a partial index's predicate, a check) is
 * created in scratch tables and read back by the same reflector that read
 * the database, so both sides of the comparison are the database's own
 * canonical text (`'0'::integer`, `lower((email)::text)`) and no string rule
 * has to guess how the database rewrites an expression.
 *
 * Where DDL is transactional (PostgreSQL, SQLite) the scratch tables live in
 * a transaction that is rolled back. MySQL commits DDL implicitly, and
 * MariaDB before 11.2 does not list temporary tables in information_schema
 * where reflection reads, so there the scratch tables are ordinary tables
 * with a random name, dropped straight after.
 */
import { randomBytes } from 'node:crypto'
import type { DatabaseConnection } from '../dialect/dialect.js'
import { reflect } from '../dialect/reflector.js'
import type { Column } from '../schema/column.js'
import type { CheckConstraint, ExclusionConstraint, Index } from '../schema/constraints.js'
import { isSqlFragment, renderSql, type SqlFragment } from '../schema/sql.js'
import { Table } from '../schema/table.js'
import type { SqlType } from '../schema/types.js'
import { defaultSql } from './default-text.js'

/** Model columns to their default as the database writes it (null: the database keeps none). */
export type CanonicalDefaults = ReadonlyMap<Column, string | null>

/** An index's key elements and predicate as the database writes them. */
export interface CanonicalIndex {
  /** A plain column as `column:<name>`, an expression as `expr:<text>`. */
  readonly elements: readonly string[]
  readonly where: string | null
}

/** What the database made of the models' SQL. */
export interface CanonicalModel {
  readonly defaults: CanonicalDefaults
  /** Indexes with an expression or a predicate, keyed by the model's index object. */
  readonly indexes: ReadonlyMap<Index, CanonicalIndex>
  /** Check expressions as the database writes them (see {@link checkText}), keyed by the model's check object. */
  readonly checks: ReadonlyMap<CheckConstraint | ExclusionConstraint, string>
  /** Generated columns' expressions as the database writes them, keyed by the model's column. */
  readonly generated: ReadonlyMap<Column, string>
  /** The types of columns written by name (`t.custom('CHAR(4)')`, in an array too) as the database reads them back (`character(4)`). */
  readonly types: ReadonlyMap<Column, SqlType>
  /** `ON UPDATE` expressions as the database writes them, keyed by the model's column. */
  readonly onUpdates: ReadonlyMap<Column, string>
}

/** Name prefix of every scratch table; comparisons never look at tables so named. */
export const SCRATCH_TABLE_PREFIX = 'athanor_scratch_'

/** Columns per scratch table: far below every database's column and row-size limits. */
const COLUMNS_PER_SCRATCH_TABLE = 40

interface ScratchPlan {
  readonly name: string
  readonly table: Table
  /** Default scratch: the model column behind each `c<j>`. */
  readonly columns?: readonly Column[]
  /** Index scratch: the model index behind each scratch index name. */
  readonly indexes?: ReadonlyMap<string, Index>
  /** Check scratch: the model check behind each scratch check name. */
  readonly checks?: ReadonlyMap<string, CheckConstraint | ExclusionConstraint>
  /** Check scratch: the model's generated columns by name. */
  readonly generated?: ReadonlyMap<string, Column>
  /** Type scratch: the model column behind each `t<j>`. */
  readonly typed?: readonly Column[]
}

/**
 * Reads back, through the database, the canonical text of every server
 * default, index expression and index predicate in `tables`, and what each
 * type written by name is. What the
 * database refuses is left out (it is then compared as written), so
 * canonicalizing never blocks a comparison.
 *
 * @example
 * const canonical = await canonicalizeModel(conn, models.tables)
 * canonical.defaults.get(users.columns.createdAt) // 'CURRENT_TIMESTAMP'
 */
export async function canonicalizeModel(conn: DatabaseConnection, tables: readonly Table[]): Promise<CanonicalModel> {
  const prefix = `${SCRATCH_TABLE_PREFIX}${randomBytes(4).toString('hex')}_`
  const plans = [...defaultPlans(tables, prefix), ...indexPlans(tables, prefix), ...checkPlans(tables, prefix), ...typePlans(tables, prefix)]
  const defaults = new Map<Column, string | null>()
  const indexes = new Map<Index, CanonicalIndex>()
  const checks = new Map<CheckConstraint | ExclusionConstraint, string>()
  const generated = new Map<Column, string>()
  const types = new Map<Column, SqlType>()
  const onUpdates = new Map<Column, string>()
  if (plans.length === 0) return { defaults, indexes, checks, generated, types, onUpdates }
  const transactional = conn.dialect.transactionalDdl
  if (transactional) await conn.begin()
  const created = new Map<string, ScratchPlan>()
  try {
    for (let i = 0; i < plans.length; i++) {
      const plan = plans[i]!
      if (await createScratch(conn, plan, transactional)) created.set(plan.name, plan)
      // One default the database refuses must not cost the others their canonical text.
      else if (plan.columns && plan.columns.length > 1) plans.push(...plan.columns.map((c, j) => defaultPlan(`${plan.name}_${j}`, [c])))
      else if (plan.typed && plan.typed.length > 1) plans.push(...plan.typed.map((c, j) => typePlan(`${plan.name}_${j}`, [c])))
      else if (plan.checks && plan.checks.size > 1) plans.push(...[...plan.checks.values()].map((c, j) => checkPlan(`${plan.name}_${j}`, plan.table.columnList, [c])))
    }
    const reflected = await reflect(conn, { includeName: (n, kind) => kind === 'schema' || created.has(n) })
    for (const table of reflected.tables) {
      const plan = created.get(table.name)
      plan?.columns?.forEach((column, j) => {
        const back = table.column(`c${j}`)
        if (back) defaults.set(column, back.serverDefault === null ? null : defaultSql(back.serverDefault, conn.dialect))
        if (back?.onUpdate) onUpdates.set(column, checkText({ expression: back.onUpdate }, conn.dialect))
      })
      plan?.typed?.forEach((column, j) => {
        const back = table.column(`t${j}`)
        if (back) types.set(column, back.type)
      })
      for (const index of table.indexes) {
        const model = plan?.indexes?.get(index.name)
        if (model) indexes.set(model, canonicalIndexOf(index, conn.dialect))
      }
      for (const [columnName, model] of plan?.generated ?? []) {
        const back = table.column(columnName)?.generated
        if (back) generated.set(model, checkText(back, conn.dialect))
      }
      for (const check of table.constraints) {
        const model = (check.kind === 'check' || check.kind === 'exclude') && check.name !== null ? plan?.checks?.get(check.name) : undefined
        if (model && (check.kind === 'check' || check.kind === 'exclude')) checks.set(model, constraintText(check, conn.dialect))
      }
    }
  } finally {
    if (transactional) await conn.rollback()
    else for (const name of created.keys()) await conn.execute(conn.dialect.compiler.dropTable({ name, schema: null })[0]!.sql).catch(() => undefined)
  }
  return { defaults, indexes, checks, generated, types, onUpdates }
}

/**
 * A check's (or a generated column's) expression as comparable text: as the database wrote it, with
 * runs of blanks made one.
 *
 * @example
 * checkText(reflectedCheck, dialect) // '(amount >= 0)'
 */
export function checkText(check: { readonly expression: SqlFragment }, renderer: Parameters<typeof renderSql>[1]): string {
  return renderSql(check.expression, renderer).trim().replace(/\s+/g, ' ')
}

/**
 * A check's expression or an exclusion constraint's definition as comparable
 * text (see {@link checkText}).
 *
 * @example
 * constraintText(reflectedExclusion, dialect) // 'USING gist (room WITH =, during WITH &&)'
 */
export function constraintText(constraint: CheckConstraint | ExclusionConstraint, renderer: Parameters<typeof renderSql>[1]): string {
  return checkText({ expression: constraint.kind === 'check' ? constraint.expression : constraint.definition }, renderer)
}

/**
 * An index's elements and predicate as comparable text.
 *
 * @example
 * canonicalIndexOf(index, dialect) // { elements: ['expr:lower((email)::text)'], where: null }
 */
export function canonicalIndexOf(index: Index, renderer: Parameters<typeof renderSql>[1]): CanonicalIndex {
  const text = (value: unknown) => (isSqlFragment(value) ? renderSql(value, renderer) : String(value)).trim().replace(/\s+/g, ' ')
  return {
    elements: index.expressions.map((e) => (typeof e === 'string' ? `column:${e}` : `expr:${text(e)}`)),
    where: index.where === null ? null : text(index.where),
  }
}

function scratchColumn(column: Column, name: string, table: string, keepDefault: boolean): Column {
  return Object.freeze({
    ...column,
    name,
    key: name,
    nullable: true,
    primaryKey: false,
    autoincrement: false,
    serverDefault: keepDefault ? column.serverDefault : null,
    unique: false,
    index: false,
    comment: null,
    references: null,
    table,
    schema: null,
  })
}

function defaultPlan(name: string, columns: readonly Column[]): ScratchPlan {
  const table = new Table({
    name,
    schema: null,
    columns: columns.map((c, j) => scratchColumn(c, `c${j}`, name, true)),
    parts: { primaryKey: null, constraints: [], indexes: [] },
  })
  return { name, table, columns }
}

function defaultPlans(tables: readonly Table[], prefix: string): ScratchPlan[] {
  const columns = tables.flatMap((t) => t.columnList).filter((c) => (c.serverDefault !== null && !c.autoincrement) || c.onUpdate)
  const plans: ScratchPlan[] = []
  for (let i = 0; i < columns.length; i += COLUMNS_PER_SCRATCH_TABLE) plans.push(defaultPlan(`${prefix}d${i / COLUMNS_PER_SCRATCH_TABLE}`, columns.slice(i, i + COLUMNS_PER_SCRATCH_TABLE)))
  return plans
}

function typePlan(name: string, columns: readonly Column[]): ScratchPlan {
  const table = new Table({
    name,
    schema: null,
    columns: columns.map((c, j) => Object.freeze({ ...scratchColumn(c, `t${j}`, name, false), generated: null })),
    parts: { primaryKey: null, constraints: [], indexes: [] },
  })
  return { name, table, typed: columns }
}

/** True for a type written by name, whose spelling only the database can settle (`INT4[]` is `integer[]`). */
function namedByText(type: SqlType): boolean {
  return type.kind === 'custom' || (type.kind === 'array' && namedByText(type.of))
}

/** Scratch tables holding a column of each type the models write by name, so the database says what each is. */
function typePlans(tables: readonly Table[], prefix: string): ScratchPlan[] {
  const columns = tables.flatMap((t) => t.columnList).filter((c) => namedByText(c.type))
  const plans: ScratchPlan[] = []
  for (let i = 0; i < columns.length; i += COLUMNS_PER_SCRATCH_TABLE) plans.push(typePlan(`${prefix}t${i / COLUMNS_PER_SCRATCH_TABLE}`, columns.slice(i, i + COLUMNS_PER_SCRATCH_TABLE)))
  return plans
}

/** One scratch copy (columns only) of each table that has an expression or partial index, carrying those indexes. */
function indexPlans(tables: readonly Table[], prefix: string): ScratchPlan[] {
  const plans: ScratchPlan[] = []
  tables.forEach((model, i) => {
    const wanted = model.indexes.filter((ix) => ix.where !== null || ix.expressions.some((e) => typeof e !== 'string'))
    if (wanted.length === 0) return
    const name = `${prefix}i${i}`
    const byName = new Map<string, Index>()
    const indexes = wanted.map((ix, k) => {
      const scratchName = `${name}_${k}`
      byName.set(scratchName, ix)
      return { ...ix, name: scratchName, table: name, schema: null }
    })
    const table = new Table({
      name,
      schema: null,
      columns: model.columnList.map((c) => scratchColumn(c, c.name, name, false)),
      parts: { primaryKey: null, constraints: [], indexes },
    })
    plans.push({ name, table, indexes: byName })
  })
  return plans
}

function checkPlan(name: string, columns: readonly Column[], wanted: readonly (CheckConstraint | ExclusionConstraint)[]): ScratchPlan {
  const byName = new Map<string, CheckConstraint | ExclusionConstraint>()
  const constraints = wanted.map((check, k) => {
    const scratchName = `${name}_k${k}`
    byName.set(scratchName, check)
    return { ...check, name: scratchName }
  })
  const table = new Table({
    name,
    schema: null,
    columns: columns.map((c) => scratchColumn(c, c.name, name, false)),
    parts: { primaryKey: null, constraints, indexes: [] },
  })
  return { name, table, checks: byName, generated: new Map(columns.filter((c) => c.generated).map((c) => [c.name, c])) }
}

/** One scratch copy (columns only, generated ones as they are) of each table that has checks or generated columns, carrying the checks under scratch names. */
function checkPlans(tables: readonly Table[], prefix: string): ScratchPlan[] {
  return tables.flatMap((model, i) => {
    const wanted = model.constraints.filter((c): c is CheckConstraint | ExclusionConstraint => c.kind === 'check' || c.kind === 'exclude')
    const computed = model.columnList.some((c) => c.generated)
    return wanted.length === 0 && !computed ? [] : [checkPlan(`${prefix}c${i}`, model.columnList, wanted)]
  })
}

/** Creates one scratch table; false when the database refused it (an unknown type, an invalid default). */
async function createScratch(conn: DatabaseConnection, plan: ScratchPlan, transactional: boolean): Promise<boolean> {
  const statements = conn.dialect.compiler.createTable(plan.table)
  // PostgreSQL aborts the whole transaction on an error; a savepoint keeps the other scratch tables.
  const savepoint = transactional ? conn.dialect.savepoint(`sp_${plan.name}`) : null
  try {
    if (savepoint) await conn.execute(savepoint.begin)
    for (const statement of statements) await conn.execute(statement.sql, statement.params ?? [])
    if (savepoint) await conn.execute(savepoint.release)
    return true
  } catch {
    if (savepoint) await conn.execute(savepoint.rollback).catch(() => undefined)
    if (!transactional) await conn.execute(conn.dialect.compiler.dropTable({ name: plan.name, schema: null }, { ifExists: true })[0]!.sql).catch(() => undefined)
    return false
  }
}
