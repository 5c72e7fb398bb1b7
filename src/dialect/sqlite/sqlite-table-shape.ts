import { DatabaseError, UsageError } from '../../errors.js'
import type { Column, ReferentialAction } from '../../schema/column.js'
import type { Constraint, ForeignKeyConstraint, Index, PrimaryKeyConstraint } from '../../schema/constraints.js'
import { sql } from '../../schema/sql.js'
import { Table } from '../../schema/table.js'
import type { TableName } from '../ddl-compiler.js'
import type { Row, StatementSink } from '../dialect.js'
import { parseCreateIndex, parseCreateTable } from './sqlite-batch-ddl-parser.js'

const q = (name: string) => `"${name.replaceAll('"', '""')}"`
const lit = (text: string) => `'${text.replaceAll("'", "''")}'`

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((c, i) => c.toLowerCase() === b[i]!.toLowerCase())
}

function action(text: unknown): ReferentialAction | null {
  const value = String(text ?? '').toLowerCase()
  return value === '' || value === 'no action' ? null : (value as ReferentialAction)
}

/**
 * Reads one SQLite table's shape (columns, primary key, unique, check and
 * foreign key constraints, indexes) into the shared schema vocabulary, for
 * batch mode. Declared types are kept verbatim as custom types, so a rebuild
 * writes back exactly what was there.
 *
 * @example
 * const shape = await readSqliteTableShape(executor, { name: 'account', schema: null })
 */
export async function readSqliteTableShape(sink: StatementSink, table: TableName): Promise<Table> {
  const schemaPrefix = table.schema ? `${q(table.schema)}.` : ''
  const master = `${schemaPrefix}sqlite_master`
  const [created] = await sink.query({ sql: `SELECT sql FROM ${master} WHERE type = 'table' AND name = ?`, params: [table.name] })
  if (!created) throw new UsageError(`table "${table.name}" does not exist`)
  const parsed = parseCreateTable(String(created.sql))
  const pragma = (name: string, arg: string) => sink.query({ sql: `PRAGMA ${schemaPrefix}${name}(${lit(arg)})` })

  const info = await pragma('table_xinfo', table.name)
  if (info.some((c) => Number(c.hidden) !== 0)) {
    throw new UsageError(`table "${table.name}" has generated or hidden columns, which batch mode cannot rebuild`)
  }
  const pkColumns = info
    .filter((c) => Number(c.pk) > 0)
    .sort((a, b) => Number(a.pk) - Number(b.pk))
    .map((c) => String(c.name))
  const columns: Column[] = info.map((c: Row) => {
    const name = String(c.name)
    const collation = parsed.collations.get(name)
    const declared = String(c.type ?? '')
    const isRowid = parsed.autoincrement && pkColumns.length === 1 && pkColumns[0] === name
    return Object.freeze({
      kind: 'column' as const,
      name,
      key: name,
      type: Object.freeze({ kind: 'custom' as const, name: collation ? `${declared} COLLATE ${collation}` : declared }),
      nullable: Number(c.notnull) === 0 && !isRowid,
      primaryKey: pkColumns.includes(name),
      autoincrement: isRowid,
      serverDefault: c.dflt_value === null || c.dflt_value === undefined ? null : sql.raw(String(c.dflt_value)),
      unique: false,
      index: false,
      comment: null,
      references: null,
      table: table.name,
      schema: table.schema,
    })
  })
  const primaryKey: PrimaryKeyConstraint | null =
    pkColumns.length > 0 ? { kind: 'primaryKey', name: parsed.primaryKeyName, columns: pkColumns } : null

  const constraints: Exclude<Constraint, PrimaryKeyConstraint>[] = []
  for (const u of parsed.uniques) constraints.push({ kind: 'unique', name: u.name, columns: u.columns })
  for (const c of parsed.checks) constraints.push({ kind: 'check', name: c.name, expression: sql.raw(c.expression) })
  constraints.push(...(await readForeignKeys(pragma, table, parsed)))

  const indexes: Index[] = []
  for (const entry of await pragma('index_list', table.name)) {
    if (entry.origin !== 'c') continue
    const [row] = await sink.query({ sql: `SELECT sql FROM ${master} WHERE type = 'index' AND name = ?`, params: [entry.name] })
    if (!row?.sql) continue
    const parsedIndex = parseCreateIndex(String(row.sql))
    indexes.push({
      kind: 'index',
      name: String(entry.name),
      table: table.name,
      schema: table.schema,
      expressions: parsedIndex.elements.map((e) => ('column' in e ? e.column : sql.raw(e.expression))),
      unique: Number(entry.unique) === 1,
      where: parsedIndex.where === null ? null : sql.raw(parsedIndex.where),
      ...(parsedIndex.sortOrders.some((o) => o !== null) ? { sortOrders: parsedIndex.sortOrders } : {}),
    })
  }
  indexes.reverse() // index_list lists newest first
  return new Table({ name: table.name, schema: table.schema, columns, parts: { primaryKey, constraints, indexes } })
}

async function readForeignKeys(
  pragma: (name: string, arg: string) => Promise<Row[]>,
  table: TableName,
  parsed: ReturnType<typeof parseCreateTable>,
): Promise<ForeignKeyConstraint[]> {
  const groups = new Map<number, Row[]>()
  for (const row of await pragma('foreign_key_list', table.name)) {
    const id = Number(row.id)
    groups.set(id, [...(groups.get(id) ?? []), row])
  }
  const out: ForeignKeyConstraint[] = []
  for (const rows of [...groups.entries()].sort((a, b) => b[0] - a[0]).map(([, r]) => r)) {
    rows.sort((a, b) => Number(a.seq) - Number(b.seq))
    const first = rows[0]!
    const referredTable = String(first.table)
    const columns = rows.map((r) => String(r.from))
    let referredColumns = rows.map((r) => (r.to === null ? null : String(r.to)))
    if (referredColumns.some((c) => c === null)) {
      const parent = await pragma('table_info', referredTable)
      referredColumns = parent.filter((c) => Number(c.pk) > 0).sort((a, b) => Number(a.pk) - Number(b.pk)).map((c) => String(c.name))
      if (referredColumns.length !== columns.length) {
        throw new DatabaseError(`foreign key of "${table.name}" refers to "${referredTable}" whose primary key cannot be read`)
      }
    }
    const named = parsed.foreignKeys.find((f) => sameColumns(f.columns, columns))
    out.push({
      kind: 'foreignKey',
      name: named?.name ?? null,
      columns,
      referredSchema: null,
      referredTable,
      referredColumns: referredColumns as string[],
      onDelete: action(first.on_delete),
      onUpdate: action(first.on_update),
      deferrable: named?.deferrable ?? false,
    })
  }
  return out
}
