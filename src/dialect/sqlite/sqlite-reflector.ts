import { sql } from '../../schema/sql.js'
import { groupCatalogRows } from '../catalog-rows.js'
import type { DatabaseConnection, Row } from '../dialect.js'
import {
  byQualifiedName,
  finishTable,
  indexElement,
  referentialAction,
  reflectedColumnOf,
  tableDraft,
  type ReflectedSchema,
  type ReflectedView,
  type TableDraft,
} from '../reflected-schema.js'
import type { Reflector, ReflectorResult, ResolvedReflectOptions } from '../reflector.js'
import { parseCreateIndex, parseCreateTable, type ParsedCreateTable } from './sqlite-batch-ddl-parser.js'
import { sqliteGeneratedExpression } from './sqlite-reflect-generated.js'
import { sqliteTypeFromText } from './sqlite-reflect-types.js'
import { isBookkeepingTable } from '../version-table-sql.js'

const q = (name: string) => `"${name.replaceAll('"', '""')}"`
const lit = (text: string) => `'${text.replaceAll("'", "''")}'`

/**
 * The four catalog queries of one SQLite schema. The pragmas run as
 * table-valued functions joined to `sqlite_master`, so each is one query over
 * all tables; the tables to read arrive as one JSON array parameter, so the
 * filter applies before the pragmas run and no parameter limit is met.
 */
function catalogQueries(schema: string) {
  const master = `${q(schema)}.sqlite_master`
  const chosen = `m.type = 'table' AND m.name IN (SELECT value FROM json_each(?))`
  return {
    objects: `SELECT type, name, tbl_name, sql FROM ${master} WHERE type IN ('table', 'view', 'index') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`,
    columns: `SELECT m.name AS table_name, c.cid, c.name, c.type, c."notnull" AS not_null, c.dflt_value, c.pk, c.hidden
      FROM ${master} m JOIN pragma_table_xinfo(m.name, ${lit(schema)}) c WHERE ${chosen} ORDER BY m.name, c.cid`,
    indexes: `SELECT m.name AS table_name, il.seq, il.name AS index_name, il."unique" AS is_unique, il.origin, il.partial,
        ii.seqno, ii.cid, ii.name AS column_name, ii."desc" AS descending, ii."key" AS is_key
      FROM ${master} m JOIN pragma_index_list(m.name, ${lit(schema)}) il JOIN pragma_index_xinfo(il.name, ${lit(schema)}) ii
      WHERE ${chosen} ORDER BY m.name, il.seq DESC, ii.seqno`,
    foreignKeys: `SELECT m.name AS table_name, fk.id, fk.seq, fk."table" AS referred_table, fk."from" AS column_name,
        coalesce(fk."to", p.name) AS referred_column, fk.on_update, fk.on_delete
      FROM ${master} m JOIN pragma_foreign_key_list(m.name, ${lit(schema)}) fk
      LEFT JOIN pragma_table_info(fk."table", ${lit(schema)}) p ON fk."to" IS NULL AND p.pk = fk.seq + 1
      WHERE ${chosen} ORDER BY m.name, fk.id DESC, fk.seq`,
  }
}

/** A table being read: its draft and what its CREATE TABLE text says. */
interface TableEntry {
  readonly draft: TableDraft
  readonly createSql: string
  readonly parsed: ParsedCreateTable
  readonly withoutRowid: boolean
}

/** What a CREATE TABLE without any of the clauses the parser looks for says. */
const NOTHING_TO_PARSE: ParsedCreateTable = Object.freeze({
  primaryKeyName: null,
  autoincrement: false,
  checks: [],
  uniques: [],
  foreignKeys: [],
  collations: new Map<string, string>(),
})

/**
 * Parses the CREATE TABLE text only when it holds a clause no pragma reports;
 * most tables have none, and tokenizing thousands of them is most of the cost.
 */
function parseTableText(createSql: string): ParsedCreateTable {
  return /\b(CONSTRAINT|CHECK|AUTOINCREMENT|COLLATE|DEFERRABLE)\b/i.test(createSql) ? parseCreateTable(createSql) : NOTHING_TO_PARSE
}

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((c, i) => c.toLowerCase() === b[i]!.toLowerCase())
}

/**
 * SQLite reflection: per schema (`main` and attached databases) one read of
 * `sqlite_master` and one query each over `pragma_table_xinfo`,
 * `pragma_index_list`/`pragma_index_xinfo` and `pragma_foreign_key_list`.
 * Constraint names, checks, DEFERRABLE and AUTOINCREMENT, which no pragma
 * reports, come from the stored CREATE TABLE text.
 */
export const sqliteReflector: Reflector = {
  dialect: 'sqlite',
  async reflect(conn: DatabaseConnection, options: ResolvedReflectOptions): Promise<ReflectorResult> {
    const before = conn.statementCount
    const tables: TableDraft[] = []
    const views: ReflectedView[] = []
    for (const requested of [...new Set(options.schemas.map((s) => s ?? 'main'))]) {
      const schema = requested === 'main' ? null : requested
      if (!options.includeName(requested, 'schema', { schema: null })) continue
      const queries = catalogQueries(requested)
      const objects = await conn.query(queries.objects)
      const drafts = new Map<string, TableEntry>()
      const indexSql = new Map<string, string>()
      for (const row of objects) {
        const name = String(row.name)
        if (row.type === 'view') {
          if (options.includeName(name, 'view', { schema })) views.push({ schema, name, materialized: false })
        } else if (row.type === 'index') {
          if (row.sql !== null) indexSql.set(name, String(row.sql))
        } else if (!isBookkeepingTable(name, options.versionTable) && options.includeName(name, 'table', { schema })) {
          const createSql = String(row.sql)
          drafts.set(name, { draft: tableDraft(name, schema, null), createSql, parsed: parseTableText(createSql), withoutRowid: /\bWITHOUT\s+ROWID\s*;?\s*$/i.test(createSql) })
        }
      }
      const chosen = [JSON.stringify([...drafts.keys()])]
      readColumns(await conn.query(queries.columns, chosen), drafts)
      readIndexes(await conn.query(queries.indexes, chosen), drafts, indexSql)
      readForeignKeys(await conn.query(queries.foreignKeys, chosen), drafts, schema)
      for (const { draft, parsed } of drafts.values()) {
        for (const check of parsed.checks) draft.checks.push(Object.freeze({ kind: 'check', name: check.name, expression: sql.raw(check.expression), notValid: false }))
        tables.push(draft)
      }
    }
    return Object.freeze({
      dialect: 'sqlite' as const,
      defaultSchema: 'main',
      tables: Object.freeze(tables.sort(byQualifiedName).map(finishTable)),
      enums: Object.freeze([]),
      views: Object.freeze(views.sort(byQualifiedName)),
      queryCount: conn.statementCount - before,
    })
  },
}

function readColumns(rows: Row[], drafts: Map<string, TableEntry>): void {
  const byTable = new Map<string, Row[]>()
  for (const row of rows) {
    const name = String(row.table_name)
    if (!byTable.has(name)) byTable.set(name, [])
    byTable.get(name)!.push(row)
  }
  for (const [tableName, columns] of byTable) {
    const entry = drafts.get(tableName)
    if (!entry) continue
    const { draft, parsed, withoutRowid, createSql } = entry
    const pk = columns.filter((c) => Number(c.pk) > 0).sort((a, b) => Number(a.pk) - Number(b.pk))
    // A lone INTEGER PRIMARY KEY is the rowid: never null, assigned when omitted.
    const rowid = pk.length === 1 && String(pk[0]!.type).toUpperCase() === 'INTEGER' && !withoutRowid ? String(pk[0]!.name) : null
    for (const c of columns) {
      const hidden = Number(c.hidden)
      if (hidden === 1) continue // hidden columns of virtual tables
      const name = String(c.name)
      const nativeType = String(c.type ?? '')
      const isRowid = name === rowid
      draft.columns.push(
        reflectedColumnOf(draft, {
          name,
          type: sqliteTypeFromText(nativeType),
          nativeType,
          nullable: Number(c.not_null) === 0 && !isRowid,
          serverDefault: c.dflt_value === null || c.dflt_value === undefined ? null : String(c.dflt_value),
          comment: null,
          autoincrementKind: isRowid ? (parsed.autoincrement ? 'sqliteAutoincrement' : 'rowid') : null,
          generated: hidden === 2 || hidden === 3 ? { expression: sqliteGeneratedExpression(createSql, name) ?? '', stored: hidden === 3 } : null,
          collation: parsed.collations.get(name) ?? null,
        }),
      )
    }
    if (pk.length > 0) draft.primaryKey = Object.freeze({ kind: 'primaryKey', name: parsed.primaryKeyName, columns: Object.freeze(pk.map((c) => String(c.name))) })
  }
}

function readIndexes(rows: Row[], drafts: Map<string, TableEntry>, indexSql: Map<string, string>): void {
  for (const members of groupCatalogRows(rows, (row) => `${String(row.table_name)}\u0000${String(row.index_name)}`)) {
    const first = members[0]!
    const entry = drafts.get(String(first.table_name))
    if (!entry) continue
    const { draft, parsed } = entry
    const keys = members.filter((m) => Number(m.is_key) === 1)
    const origin = String(first.origin)
    if (origin === 'pk') continue
    if (origin === 'u') {
      const columns = keys.map((k) => String(k.column_name))
      const declared = parsed.uniques.find((u) => sameColumns(u.columns, columns))
      draft.uniques.push(Object.freeze({ kind: 'unique', name: declared?.name ?? null, columns: Object.freeze(columns) }))
      continue
    }
    const name = String(first.index_name)
    const text = indexSql.get(name)
    // Only expressions (cid -2) and predicates need the CREATE INDEX text.
    const needsText = Number(first.partial) === 1 || keys.some((k) => Number(k.cid) === -2)
    const parsedIndex = text === undefined || !needsText ? null : parseCreateIndex(text)
    draft.indexes.push(
      Object.freeze({
        kind: 'index' as const,
        name,
        table: draft.name,
        schema: draft.schema,
        expressions: Object.freeze(
          keys.map((k, i) => {
            const element = parsedIndex?.elements[i]
            const expressionText = element === undefined ? '' : 'column' in element ? element.column : element.expression
            return Number(k.cid) === -2 ? indexElement(null, expressionText) : String(k.column_name)
          }),
        ),
        unique: Number(first.is_unique) === 1,
        where: parsedIndex?.where == null ? null : sql.raw(parsedIndex.where),
        method: null,
        opclasses: Object.freeze(keys.map(() => null)),
        sortOrders: Object.freeze(keys.map((k) => (Number(k.descending) === 1 ? 'DESC' : null))),
        include: Object.freeze([]),
        comment: null,
      }),
    )
  }
}

function readForeignKeys(rows: Row[], drafts: Map<string, TableEntry>, schema: string | null): void {
  for (const members of groupCatalogRows(rows, (row) => `${String(row.table_name)}\u0000${String(row.id)}`)) {
    const first = members[0]!
    const entry = drafts.get(String(first.table_name))
    if (!entry) continue
    const columns = members.map((m) => String(m.column_name))
    const declared = entry.parsed.foreignKeys.find((f) => sameColumns(f.columns, columns))
    entry.draft.foreignKeys.push(
      Object.freeze({
        kind: 'foreignKey' as const,
        name: declared?.name ?? null,
        columns: Object.freeze(columns),
        referredSchema: schema,
        referredTable: String(first.referred_table),
        referredColumns: Object.freeze(members.map((m) => String(m.referred_column ?? ''))),
        onDelete: referentialAction(String(first.on_delete)),
        onUpdate: referentialAction(String(first.on_update)),
        deferrable: declared?.deferrable ?? false,
        notValid: false,
        match: null,
      }),
    )
  }
}
