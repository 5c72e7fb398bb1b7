import { sql } from '../../schema/sql.js'
import { tableStorage } from '../../schema/table-storage.js'
import { groupCatalogRows } from '../catalog-rows.js'
import type { DatabaseConnection, Row } from '../dialect.js'
import { mysqlQuoting } from './mysql-quoting.js'
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
import { checksSql, columnsSql, foreignKeysSql, relationsSql, statisticsSql, tablesCondition } from './mysql-reflect-queries.js'
import { mysqlTypeFromText } from './mysql-reflect-types.js'
import { isBookkeepingTable } from '../version-table-sql.js'

/** Reads a column whatever case the server gave its name (information_schema answers in upper case). */
function field(row: Row, name: string): unknown {
  return row[name] ?? row[name.toUpperCase()] ?? row[name.toLowerCase()]
}
const str = (value: unknown): string | null => (value === null || value === undefined ? null : String(value))
const blankToNull = (value: unknown): string | null => (value === null || value === undefined || value === '' ? null : String(value))

/** In InnoDB RESTRICT and NO ACTION are the same check, and what a key without a clause gets. */
const MYSQL_DEFAULT_ACTIONS = ['no action', 'restrict']

/** MariaDB's JSON is LONGTEXT plus this column-level check. */
const isJsonCheck = (clause: string, column: string) => {
  const text = clause.trim()
  return text === `json_valid(${mysqlQuoting.quoteIdentifier(column)})` || text === `json_valid(${column})`
}

/**
 * MySQL/MariaDB reflection over information_schema: one query for the
 * tables and views of the chosen schemas, then one each for columns, index
 * entries, foreign keys and checks of the chosen tables — five queries
 * however many tables and schemas there are.
 */
export const mysqlReflector: Reflector = {
  dialect: 'mysql',
  async reflect(conn: DatabaseConnection, options: ResolvedReflectOptions): Promise<ReflectorResult> {
    const before = conn.statementCount
    const named = options.schemas.filter((s): s is string => s !== null)
    const wantDefault = options.schemas.includes(null)
    const rows = await conn.query(relationsSql(named.length, wantDefault), named)
    const defaultSchema = str(field(rows[0] ?? {}, 'default_schema')) ?? ''
    const schemaOf = (name: string): string | null => (name === defaultSchema ? null : name)

    const drafts = new Map<string, TableDraft & { collation: string | null }>()
    const views: ReflectedView[] = []
    const bySchema = new Map<string, { schema: string; tables: string[]; all: boolean }>()
    const schemaAllowed = new Map<string, boolean>()
    for (const row of rows) {
      const rawSchema = str(field(row, 'table_schema'))
      if (rawSchema === null) continue
      if (!schemaAllowed.has(rawSchema)) schemaAllowed.set(rawSchema, options.includeName(rawSchema, 'schema', { schema: null }))
      if (!schemaAllowed.get(rawSchema)) continue
      const schema = schemaOf(rawSchema)
      const name = String(field(row, 'table_name'))
      const entry = bySchema.get(rawSchema) ?? { schema: rawSchema, tables: [], all: true }
      bySchema.set(rawSchema, entry)
      if (String(field(row, 'table_type')) === 'VIEW') {
        if (options.includeName(name, 'view', { schema })) views.push({ schema, name, materialized: false })
        entry.all = false
        continue
      }
      if (isBookkeepingTable(name, options.versionTable) || !options.includeName(name, 'table', { schema })) {
        entry.all = false
        continue
      }
      entry.tables.push(name)
      const collation = str(field(row, 'table_collation'))
      const start = Number(field(row, 'auto_increment') ?? 1)
      const storage = tableStorage({
        engine: str(field(row, 'engine')) ?? undefined,
        charset: str(field(row, 'table_charset')) ?? undefined,
        collation: collation ?? undefined,
        autoincrementStart: start > 1 ? start : undefined,
      })
      drafts.set(`${rawSchema}.${name}`, { ...tableDraft(name, schema, blankToNull(field(row, 'table_comment'))), storage, collation })
    }

    const chosen = [...bySchema.values()]
    const plain = tablesCondition(chosen, 'TABLE_SCHEMA', 'TABLE_NAME')
    const keyed = tablesCondition(chosen, 'k.TABLE_SCHEMA', 'k.TABLE_NAME')
    const checked = tablesCondition(chosen, 'tc.TABLE_SCHEMA', 'tc.TABLE_NAME')
    const chosenSchemas = chosen.filter((c) => c.tables.length > 0).map((c) => c.schema)
    const draftOf = (row: Row) => drafts.get(`${String(field(row, 'table_schema'))}.${String(field(row, 'table_name'))}`)

    const columnRows = await conn.query(columnsSql(plain), plain.params)
    const checkRows = await conn.query(checksSql(checked, chosenSchemas), [...chosenSchemas, ...checked.params])
    const jsonColumns = new Set<string>()
    for (const row of checkRows) {
      const schema = String(field(row, 'tc_schema'))
      const tableName = String(field(row, 'tc_table'))
      const checkTable = str(field(row, 'table_name'))
      if (checkTable !== null && checkTable !== tableName) continue // MariaDB: same check name on another table
      const draft = drafts.get(`${schema}.${tableName}`)
      if (!draft) continue
      const name = String(field(row, 'tc_name'))
      const clause = String(field(row, 'check_clause'))
      if (String(field(row, 'level')) === 'Column' && isJsonCheck(clause, name)) {
        jsonColumns.add(`${schema}.${tableName}.${name}`)
        continue
      }
      draft.checks.push(Object.freeze({ kind: 'check', name, expression: sql.raw(clause), notValid: false }))
    }
    for (const row of columnRows) {
      const draft = draftOf(row)
      if (!draft) continue
      const name = String(field(row, 'column_name'))
      const nativeType = String(field(row, 'column_type'))
      const extra = String(field(row, 'extra') ?? '').toLowerCase()
      const rawDefault = str(field(row, 'column_default'))
      const generation = blankToNull(field(row, 'generation_expression'))
      const collation = str(field(row, 'collation_name'))
      const isJson = jsonColumns.has(`${String(field(row, 'table_schema'))}.${draft.name}.${name}`)
      draft.columns.push(
        reflectedColumnOf(draft, {
          name,
          type: isJson ? { kind: 'json' } : mysqlTypeFromText(nativeType, name),
          nativeType: isJson ? 'json' : nativeType,
          nullable: String(field(row, 'is_nullable')) === 'YES',
          // MariaDB writes an explicit DEFAULT NULL as the text NULL; both mean "no default".
          serverDefault: rawDefault === null || rawDefault.toUpperCase() === 'NULL' || generation !== null ? null : rawDefault,
          comment: blankToNull(field(row, 'column_comment')),
          autoincrementKind: extra.includes('auto_increment') ? 'autoIncrement' : null,
          generated: generation === null ? null : { expression: generation, stored: extra.includes('stored') },
          collation: collation !== null && collation !== draft.collation && !isJson ? collation : null,
          onUpdate: /on update (.+)$/i.exec(String(field(row, 'extra') ?? ''))?.[1] ?? null,
        }),
      )
    }
    readStatistics(await conn.query(statisticsSql(plain), plain.params), draftOf)
    readForeignKeys(await conn.query(foreignKeysSql(keyed, chosenSchemas), [...chosenSchemas, ...keyed.params]), draftOf, schemaOf)
    dropForeignKeyIndexes(drafts.values())

    return Object.freeze({
      dialect: 'mysql' as const,
      defaultSchema,
      tables: Object.freeze([...drafts.values()].sort(byQualifiedName).map(finishTable)),
      enums: Object.freeze([]),
      views: Object.freeze(views.sort(byQualifiedName)),
      queryCount: conn.statementCount - before,
    })
  },
}

/** The rows of each index or constraint (named by `nameField`) of a table being reflected, with that table's draft. */
function groupPerObject(rows: Row[], draftOf: (row: Row) => TableDraft | undefined, nameField: string): { draft: TableDraft; members: Row[] }[] {
  const keyOf = (row: Row) => {
    const draft = draftOf(row)
    return draft && `${String(field(row, 'table_schema'))}.${draft.name}.${String(field(row, nameField))}`
  }
  return groupCatalogRows(rows, keyOf).map((members) => ({ draft: draftOf(members[0]!)!, members }))
}

function readStatistics(rows: Row[], draftOf: (row: Row) => TableDraft | undefined): void {
  for (const { draft, members } of groupPerObject(rows, draftOf, 'index_name')) {
    const first = members[0]!
    const name = String(field(first, 'index_name'))
    const unique = Number(field(first, 'non_unique')) === 0
    const elements = members.map((m) => {
      const column = str(field(m, 'column_name'))
      // MySQL 8's functional key parts have an expression and no column.
      return column ?? indexElement(null, `(${str(field(m, 'expression')) ?? ''})`)
    })
    const method = str(field(first, 'index_type'))
    // MariaDB reports SUB_PART 32 on a SPATIAL key part, which is no prefix anyone wrote.
    const prefixLengths = members.map((m) => (method === 'SPATIAL' || field(m, 'sub_part') === null || field(m, 'sub_part') === undefined ? null : Number(field(m, 'sub_part'))))
    const plainColumns = elements.every((e): e is string => typeof e === 'string') && prefixLengths.every((p) => p === null) && method !== 'FULLTEXT'
    if (name === 'PRIMARY') {
      draft.primaryKey = Object.freeze({ kind: 'primaryKey', name: null, columns: Object.freeze(elements as string[]) })
      continue
    }
    if (unique && plainColumns) {
      // MySQL keeps UNIQUE constraints as unique indexes and cannot tell them apart; report the constraint.
      draft.uniques.push(Object.freeze({ kind: 'unique', name, columns: Object.freeze(elements) }))
      continue
    }
    draft.indexes.push(
      Object.freeze({
        kind: 'index' as const,
        name,
        table: draft.name,
        schema: draft.schema,
        expressions: Object.freeze(elements),
        unique,
        where: null,
        method,
        ...(prefixLengths.some((p) => p !== null) ? { prefixLengths: Object.freeze(prefixLengths) } : {}),
        opclasses: Object.freeze(members.map(() => null)),
        sortOrders: Object.freeze(members.map((m) => (str(field(m, 'collation')) === 'D' ? 'DESC' : null))),
        include: Object.freeze([]),
        comment: blankToNull(field(first, 'index_comment')),
      }),
    )
  }
}

function readForeignKeys(rows: Row[], draftOf: (row: Row) => TableDraft | undefined, schemaOf: (name: string) => string | null): void {
  for (const { draft, members } of groupPerObject(rows, draftOf, 'constraint_name')) {
    const first = members[0]!
    const match = String(field(first, 'match_option') ?? '').toLowerCase()
    draft.foreignKeys.push(
      Object.freeze({
        kind: 'foreignKey' as const,
        name: String(field(first, 'constraint_name')),
        columns: Object.freeze(members.map((m) => String(field(m, 'column_name')))),
        referredSchema: schemaOf(String(field(first, 'referred_schema'))),
        referredTable: String(field(first, 'referred_table')),
        referredColumns: Object.freeze(members.map((m) => String(field(m, 'referred_column')))),
        onDelete: referentialAction(str(field(first, 'delete_rule')), MYSQL_DEFAULT_ACTIONS),
        onUpdate: referentialAction(str(field(first, 'update_rule')), MYSQL_DEFAULT_ACTIONS),
        deferrable: false,
        notValid: false,
        match: match === 'full' ? 'full' : match === 'partial' ? 'partial' : null,
      }),
    )
  }
}

/**
 * InnoDB creates an index for a foreign key when no index starts with its
 * columns, named after the key's constraint name, or after its first column
 * when the key was written without a name (and the server called it
 * `<table>_ibfk_<n>`). That index is the key's machinery, not something a
 * model declares, so it is not reported (as Alembic's MySQL comparison does).
 */
function dropForeignKeyIndexes(drafts: Iterable<TableDraft>): void {
  for (const draft of drafts) {
    for (const fk of draft.foreignKeys) {
      const unnamedKey = fk.name !== null && fk.name.startsWith(`${draft.name}_ibfk_`)
      const automatic = (name: string) => name === fk.name || (unnamedKey && name === fk.columns[0])
      const at = draft.indexes.findIndex(
        (ix) => automatic(ix.name) && !ix.unique && ix.expressions.length === fk.columns.length && ix.expressions.every((e, i) => e === fk.columns[i]),
      )
      if (at >= 0) draft.indexes.splice(at, 1)
    }
  }
}
