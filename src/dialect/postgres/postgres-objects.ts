/**
 * PostgreSQL's schema objects: every kind. Views are replaced in place
 * (`CREATE OR REPLACE VIEW`, which PostgreSQL allows while the columns keep
 * their names and types, as alembic_utils does); materialized views,
 * triggers and policies have no such form and are dropped and created again.
 */
import { renderSql, type SqlFragment } from '../../schema/sql.js'
import type { SchemaObject, SchemaObjectType } from '../../schema/objects/schema-object.js'
import { assertObjectType, flatText, statements, type DropObjectOptions, type ObjectSupport } from '../object-support.js'
import { postgresQuoting } from './postgres-quoting.js'

const TYPES: ReadonlySet<SchemaObjectType> = new Set(['extension', 'function', 'view', 'materialized_view', 'trigger', 'policy'])
const { quoteIdentifier: q, quoteQualified } = postgresQuoting
const text = (fragment: SqlFragment) => renderSql(fragment, postgresQuoting).trim()
// Role names PostgreSQL reads as keywords; any other role is an identifier.
const ROLE_KEYWORDS = new Set(['public', 'current_user', 'session_user', 'current_role'])

/** The argument types alone, as DROP FUNCTION takes them: defaults (`DEFAULT 1`, `= 1`) left out. */
function identityArgs(args: string): string {
  const parts: string[] = []
  let depth = 0
  let current = ''
  for (const ch of args) {
    if (ch === '(') depth++
    if (ch === ')') depth--
    if (ch === ',' && depth === 0) {
      parts.push(current)
      current = ''
    } else current += ch
  }
  if (current.trim() !== '') parts.push(current)
  return parts.map((p) => p.replace(/\s+(DEFAULT\s|=).*$/is, '').trim()).join(', ')
}

function create(object: SchemaObject, orReplace = false): string {
  const name = quoteQualified(object.name, object.schema)
  const replace = orReplace ? 'OR REPLACE ' : ''
  switch (object.type) {
    case 'view':
      return `CREATE ${replace}VIEW ${name} AS ${text(object.query)}`
    case 'materialized_view':
      return `CREATE MATERIALIZED VIEW ${name} AS ${text(object.query)}`
    case 'function':
      return `CREATE ${replace}FUNCTION ${name}(${object.args}) ${text(object.definition)}`
    case 'trigger':
      return `CREATE TRIGGER ${q(object.name)} ${object.event} ON ${quoteQualified(object.table, object.schema)} ${text(object.body)}`
    case 'extension':
      return `CREATE EXTENSION ${q(object.name)}${object.schema ? ` SCHEMA ${q(object.schema)}` : ''}`
    case 'policy': {
      const roles = object.roles.map((r) => (ROLE_KEYWORDS.has(r.toLowerCase()) ? r.toLowerCase() : q(r))).join(', ')
      const using = object.using === null ? '' : ` USING (${text(object.using)})`
      const check = object.withCheck === null ? '' : ` WITH CHECK (${text(object.withCheck)})`
      return `CREATE POLICY ${q(object.name)} ON ${quoteQualified(object.table, object.schema)} AS ${object.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${object.command.toUpperCase()} TO ${roles}${using}${check}`
    }
  }
}

function drop(object: SchemaObject, options: DropObjectOptions = {}): string {
  const ifExists = options.ifExists ? 'IF EXISTS ' : ''
  const cascade = options.cascade ? ' CASCADE' : ''
  const name = quoteQualified(object.name, object.schema)
  switch (object.type) {
    case 'view':
      return `DROP VIEW ${ifExists}${name}${cascade}`
    case 'materialized_view':
      return `DROP MATERIALIZED VIEW ${ifExists}${name}${cascade}`
    case 'function':
      return `DROP FUNCTION ${ifExists}${name}(${identityArgs(object.args)})${cascade}`
    case 'trigger':
    case 'policy':
      return `DROP ${object.type.toUpperCase()} ${ifExists}${q(object.name)} ON ${quoteQualified(object.table, object.schema)}${cascade}`
    case 'extension':
      return `DROP EXTENSION ${ifExists}${q(object.name)}${cascade}`
  }
}

/**
 * PostgreSQL's (and PGlite's) schema objects.
 *
 * @example
 * postgresObjects.replace(view('v', 'SELECT 2 AS n'), view('v', 'SELECT 1 AS n')) // [{ sql: 'CREATE OR REPLACE VIEW "v" AS SELECT 2 AS n' }]
 */
export const postgresObjects: ObjectSupport = {
  types: TYPES,
  canonicalizeBy: 'transaction',
  scratchTypes: new Set(),
  create: (object) => {
    assertObjectType(TYPES, object, 'PostgreSQL')
    return statements(create(object))
  },
  replace: (object, existing) => {
    assertObjectType(TYPES, object, 'PostgreSQL')
    if (object.type === 'view') return statements(create(object, true))
    // CREATE OR REPLACE with other argument types would add an overload, not replace the function.
    if (object.type === 'function' && existing.type === 'function' && identityArgs(object.args) === identityArgs(existing.args)) return statements(create(object, true))
    return statements(drop(existing), create(object))
  },
  drop: (object, options) => {
    assertObjectType(TYPES, object, 'PostgreSQL')
    return statements(drop(object, options))
  },
  reflect: async (conn, request) => (await import('./postgres-object-reflector.js')).reflectPostgresObjects(conn, request),
  writtenText: (object) => flatText(create(object)),
}
