/**
 * MariaDB's schema objects: views, functions (stored routines) and
 * triggers, each replaced with MariaDB's own `CREATE OR REPLACE`. DDL is not
 * transactional here, so a model's view or function is canonicalized under a
 * scratch name and dropped after; a trigger is compared by its text as
 * written, which is how MariaDB keeps it (`information_schema.TRIGGERS`),
 * rather than let a scratch trigger fire on the live table.
 */
import { renderSql, sql, type SqlFragment } from '../../schema/sql.js'
import type { SchemaObject, SchemaObjectType } from '../../schema/objects/schema-object.js'
import { assertObjectType, flatText, statements, type ObjectReflectRequest, type ObjectReflection, type ObjectSupport, type ReflectedObject } from '../object-support.js'
import type { DatabaseConnection } from '../dialect.js'
import { mysqlQuoting } from './mysql-quoting.js'

const TYPES: ReadonlySet<SchemaObjectType> = new Set(['view', 'function', 'trigger'])
const { quoteIdentifier: q, quoteQualified } = mysqlQuoting
const text = (fragment: SqlFragment) => renderSql(fragment, mysqlQuoting).trim()

function create(object: SchemaObject, orReplace = false): string {
  assertObjectType(TYPES, object, 'MariaDB')
  const replace = orReplace ? 'OR REPLACE ' : ''
  const name = quoteQualified(object.name, object.schema)
  if (object.type === 'view') return `CREATE ${replace}VIEW ${name} AS ${text(object.query)}`
  if (object.type === 'function') return `CREATE ${replace}FUNCTION ${name}(${object.args}) ${text(object.definition)}`
  if (object.type === 'trigger') return `CREATE ${replace}TRIGGER ${name} ${object.event} ON ${quoteQualified(object.table, object.schema)} ${text(object.body)}`
  throw new Error(`unreachable: ${object.type}`)
}

function drop(object: SchemaObject, ifExists = false): string {
  assertObjectType(TYPES, object, 'MariaDB')
  return `DROP ${object.type.toUpperCase()} ${ifExists ? 'IF EXISTS ' : ''}${quoteQualified(object.name, object.schema)}`
}

/** The text a trigger is compared by: MariaDB keeps its statement as written. */
const triggerText = (event: string, body: string) => flatText(`${event} ${body}`)

function inSchemas(column: string, schemas: readonly (string | null)[]): { where: string; params: string[] } {
  const named = schemas.filter((s): s is string => s !== null)
  const items = [...named.map(() => '?'), ...(schemas.includes(null) ? ['DATABASE()'] : [])]
  return { where: `${column} IN (${items.join(', ')})`, params: named }
}

async function reflectMysqlObjects(conn: DatabaseConnection, request: ObjectReflectRequest): Promise<ObjectReflection> {
  const before = conn.statementCount
  const [{ db } = { db: '' }] = await conn.query<{ db: string }>('SELECT DATABASE() AS db')
  const schemaOf = (name: unknown) => (String(name) === db ? null : String(name))
  // MariaDB writes every column of a view qualified by its database: left out, so the text is not tied to one database's name.
  const unqualified = (definition: string, schema: string) => definition.replaceAll(`${q(schema)}.`, '')
  const objects: ReflectedObject[] = []
  if (request.types.has('function')) {
    const routines = inSchemas('ROUTINE_SCHEMA', request.schemas)
    const rows = await conn.query(
      `SELECT ROUTINE_SCHEMA AS s, ROUTINE_NAME AS name, DTD_IDENTIFIER AS return_type, ROUTINE_DEFINITION AS body, IS_DETERMINISTIC AS is_deterministic,
              SQL_DATA_ACCESS AS data_access, SECURITY_TYPE AS security_type,
              (SELECT GROUP_CONCAT(CONCAT(p.PARAMETER_NAME, ' ', p.DTD_IDENTIFIER) ORDER BY p.ORDINAL_POSITION SEPARATOR ', ')
                 FROM information_schema.PARAMETERS p
                WHERE p.SPECIFIC_SCHEMA = r.ROUTINE_SCHEMA AND p.SPECIFIC_NAME = r.ROUTINE_NAME AND p.ROUTINE_TYPE = 'FUNCTION' AND p.ORDINAL_POSITION > 0) AS arg_list
         FROM information_schema.ROUTINES r WHERE ROUTINE_TYPE = 'FUNCTION' AND ${routines.where} ORDER BY 1, 2`,
      routines.params,
    )
    for (const row of rows) {
      const traits = [row.is_deterministic === 'YES' ? 'DETERMINISTIC' : '', row.data_access === 'CONTAINS SQL' ? '' : String(row.data_access), row.security_type === 'INVOKER' ? 'SQL SECURITY INVOKER' : '']
      const definition = flatText(`RETURNS ${String(row.return_type)} ${traits.join(' ')} ${unqualified(String(row.body), String(row.s))}`)
      const args = String(row.arg_list ?? '')
      objects.push(freeze({ kind: 'schema_object', type: 'function', name: String(row.name), schema: schemaOf(row.s), args, definition: sql.raw(definition) }, flatText(`(${args}) ${definition}`)))
    }
  }
  if (request.types.has('view')) {
    const views = inSchemas('TABLE_SCHEMA', request.schemas)
    const rows = await conn.query(`SELECT TABLE_SCHEMA AS s, TABLE_NAME AS name, VIEW_DEFINITION AS definition FROM information_schema.VIEWS WHERE ${views.where} ORDER BY 1, 2`, views.params)
    for (const row of rows) {
      const query = unqualified(String(row.definition), String(row.s))
      objects.push(freeze({ kind: 'schema_object', type: 'view', name: String(row.name), schema: schemaOf(row.s), query: sql.raw(query) }, flatText(query)))
    }
  }
  if (request.types.has('trigger')) {
    const triggers = inSchemas('TRIGGER_SCHEMA', request.schemas)
    const rows = await conn.query(
      `SELECT TRIGGER_SCHEMA AS s, TRIGGER_NAME AS name, EVENT_OBJECT_TABLE AS tbl, ACTION_TIMING AS timing, EVENT_MANIPULATION AS event,
              ACTION_ORIENTATION AS orientation, ACTION_STATEMENT AS statement
         FROM information_schema.TRIGGERS WHERE ${triggers.where} ORDER BY 1, 3, 2`,
      triggers.params,
    )
    for (const row of rows) {
      const event = `${String(row.timing)} ${String(row.event)}`
      const body = `FOR EACH ${String(row.orientation)} ${String(row.statement)}`
      objects.push(freeze({ kind: 'schema_object', type: 'trigger', name: String(row.name), schema: schemaOf(row.s), table: String(row.tbl), event, body: sql.raw(body) }, triggerText(event, body)))
    }
  }
  return { objects, queryCount: conn.statementCount - before }
}

function freeze(object: SchemaObject, canonical: string): ReflectedObject {
  return Object.freeze({ object: Object.freeze(object), canonical })
}

/**
 * MariaDB's schema objects.
 *
 * @example
 * mysqlObjects.replace(view('v', 'SELECT 2 AS n'), view('v', 'SELECT 1 AS n')) // [{ sql: 'CREATE OR REPLACE VIEW `v` AS SELECT 2 AS n' }]
 */
export const mysqlObjects: ObjectSupport = {
  types: TYPES,
  canonicalizeBy: 'scratch',
  scratchTypes: new Set(['view', 'function']),
  create: (object) => statements(create(object)),
  replace: (object) => statements(create(object, true)),
  drop: (object, options = {}) => statements(drop(object, options.ifExists)),
  reflect: reflectMysqlObjects,
  writtenText: (object) => (object.type === 'trigger' ? triggerText(object.event, text(object.body)) : flatText(create(object))),
}
