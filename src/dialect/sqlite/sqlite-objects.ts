/**
 * SQLite's schema objects: views and triggers. SQLite has no CREATE OR
 * REPLACE, so a replace drops and creates again, and it keeps each
 * definition as the text it was created with (`sqlite_master.sql`): that
 * text, with blanks collapsed, is what comparisons read.
 */
import { renderSql, type SqlFragment } from '../../schema/sql.js'
import type { SchemaObject, SchemaObjectType } from '../../schema/objects/schema-object.js'
import { assertObjectType, flatText, statements, type ObjectReflectRequest, type ObjectReflection, type ObjectSupport, type ReflectedObject } from '../object-support.js'
import type { DatabaseConnection } from '../dialect.js'
import { sql } from '../../schema/sql.js'
import { sqliteQuoting } from './sqlite-quoting.js'

const TYPES: ReadonlySet<SchemaObjectType> = new Set(['view', 'trigger'])
const { quoteIdentifier: q, quoteQualified } = sqliteQuoting
const text = (fragment: SqlFragment) => renderSql(fragment, sqliteQuoting).trim()

function create(object: SchemaObject): string {
  assertObjectType(TYPES, object, 'SQLite')
  if (object.type === 'view') return `CREATE VIEW ${quoteQualified(object.name, object.schema)} AS ${text(object.query)}`
  if (object.type === 'trigger') return `CREATE TRIGGER ${quoteQualified(object.name, object.schema)} ${object.event} ON ${q(object.table)} ${text(object.body)}`
  throw new Error(`unreachable: ${object.type}`)
}

function drop(object: SchemaObject, ifExists = false): string {
  assertObjectType(TYPES, object, 'SQLite')
  return `DROP ${object.type.toUpperCase()} ${ifExists ? 'IF EXISTS ' : ''}${quoteQualified(object.name, object.schema)}`
}

const NAME = `(?:"(?:[^"]|"")*"|\\[[^\\]]*\\]|\`[^\`]*\`|[^\\s(]+)`
const VIEW_SQL = new RegExp(`^CREATE\\s+(?:TEMP(?:ORARY)?\\s+)?VIEW\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?${NAME}(?:\\.${NAME})?\\s*(?:\\([^)]*\\)\\s*)?AS\\s+(.*)$`, 'is')
const TRIGGER_SQL = new RegExp(`^CREATE\\s+(?:TEMP(?:ORARY)?\\s+)?TRIGGER\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?${NAME}(?:\\.${NAME})?\\s+(.*?)\\s+ON\\s+${NAME}\\s+(.*)$`, 'is')

/** Views and triggers from `sqlite_master`: one query per schema read. */
async function reflectSqliteObjects(conn: DatabaseConnection, request: ObjectReflectRequest): Promise<ObjectReflection> {
  const before = conn.statementCount
  const objects: ReflectedObject[] = []
  const wanted = [...TYPES].filter((t) => request.types.has(t))
  if (wanted.length > 0) {
    for (const requested of [...new Set(request.schemas.map((s) => s ?? 'main'))]) {
      const schema = requested === 'main' ? null : requested
      const rows = await conn.query<{ type: string; name: string; tbl_name: string; sql: string | null }>(
        `SELECT type, name, tbl_name, sql FROM ${q(requested)}.sqlite_master WHERE type IN (${wanted.map((t) => `'${t}'`).join(', ')}) AND sql IS NOT NULL ORDER BY name`,
      )
      for (const row of rows) {
        const stored = String(row.sql)
        if (row.type === 'view') {
          const match = VIEW_SQL.exec(stored)
          if (match) objects.push(freeze({ kind: 'schema_object', type: 'view', name: row.name, schema, query: sql.raw(match[1]!.trim()) }, stored))
        } else {
          const match = TRIGGER_SQL.exec(stored)
          if (match) objects.push(freeze({ kind: 'schema_object', type: 'trigger', name: row.name, schema, table: row.tbl_name, event: match[1]!.trim(), body: sql.raw(match[2]!.trim()) }, stored))
        }
      }
    }
  }
  return { objects, queryCount: conn.statementCount - before }
}

function freeze(object: SchemaObject, stored: string): ReflectedObject {
  return Object.freeze({ object: Object.freeze(object), canonical: flatText(stored) })
}

/**
 * SQLite's schema objects.
 *
 * @example
 * sqliteObjects.replace(view('v', 'SELECT 2'), view('v', 'SELECT 1')) // DROP VIEW "v", then CREATE VIEW "v" AS SELECT 2
 */
export const sqliteObjects: ObjectSupport = {
  types: TYPES,
  canonicalizeBy: 'transaction',
  scratchTypes: new Set(),
  create: (object) => statements(create(object)),
  replace: (object, existing) => statements(drop(existing), create(object)),
  drop: (object, options = {}) => statements(drop(object, options.ifExists)),
  reflect: reflectSqliteObjects,
  writtenText: (object) => flatText(create(object)),
}
