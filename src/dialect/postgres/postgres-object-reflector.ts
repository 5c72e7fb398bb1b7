/**
 * Reading PostgreSQL's schema objects from `pg_catalog`: one query per kind
 * asked for (plus one for the default schema), however many objects there
 * are. Objects an extension owns are the extension's, not the user's, and are
 * left out. Definitions are the server's own text (`pg_get_viewdef`,
 * `pg_get_functiondef`, `pg_get_triggerdef`, `pg_get_expr`).
 */
import { sql } from '../../schema/sql.js'
import type { PolicyCommand, SchemaObject } from '../../schema/objects/schema-object.js'
import type { DatabaseConnection, Row } from '../dialect.js'
import type { ObjectReflectRequest, ObjectReflection, ReflectedObject } from '../object-support.js'

const IN_SCHEMAS = `(n.nspname = ANY(?::text[]) OR (? AND n.nspname = current_schema()))`
const NOT_FROM_EXTENSION = (catalog: string, oid: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep WHERE dep.classid = '${catalog}'::regclass AND dep.objid = ${oid} AND dep.deptype = 'e')`

const VIEWS_SQL = `
SELECT n.nspname::text AS schema, c.relname::text AS name, c.relkind::text AS relkind, pg_catalog.pg_get_viewdef(c.oid) AS definition
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('v', 'm') AND ${IN_SCHEMAS} AND ${NOT_FROM_EXTENSION('pg_catalog.pg_class', 'c.oid')}
ORDER BY 1, 2`

const FUNCTIONS_SQL = `
SELECT n.nspname::text AS schema, p.proname::text AS name, pg_catalog.pg_get_function_arguments(p.oid) AS args,
       pg_catalog.pg_get_functiondef(p.oid) AS definition
FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
WHERE p.prokind = 'f' AND ${IN_SCHEMAS} AND ${NOT_FROM_EXTENSION('pg_catalog.pg_proc', 'p.oid')}
ORDER BY 1, 2, 3`

const TRIGGERS_SQL = `
SELECT n.nspname::text AS schema, c.relname::text AS table_name, t.tgname::text AS name, pg_catalog.pg_get_triggerdef(t.oid) AS definition
FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE NOT t.tgisinternal AND ${IN_SCHEMAS} AND ${NOT_FROM_EXTENSION('pg_catalog.pg_trigger', 't.oid')}
ORDER BY 1, 2, 3`

const POLICIES_SQL = `
SELECT n.nspname::text AS schema, c.relname::text AS table_name, p.polname::text AS name, p.polpermissive AS permissive, p.polcmd::text AS cmd,
       CASE WHEN p.polroles = '{0}' THEN 'public'
            ELSE (SELECT string_agg(r.rolname::text, ',' ORDER BY r.rolname) FROM pg_catalog.pg_roles r WHERE r.oid = ANY(p.polroles)) END AS roles,
       pg_catalog.pg_get_expr(p.polqual, p.polrelid) AS using_expr, pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) AS check_expr
FROM pg_catalog.pg_policy p JOIN pg_catalog.pg_class c ON c.oid = p.polrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE ${IN_SCHEMAS}
ORDER BY 1, 2, 3`

// plpgsql comes with every database; it is nobody's model.
const EXTENSIONS_SQL = `
SELECT e.extname::text AS name, n.nspname::text AS schema
FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname <> 'plpgsql'
ORDER BY 1`

const COMMANDS: Record<string, PolicyCommand> = { '*': 'all', r: 'select', a: 'insert', w: 'update', d: 'delete' }
const IDENT = `(?:"(?:[^"]|"")+"|[^\\s."]+)`
const TRIGGER_DEF = new RegExp(`^CREATE (?:CONSTRAINT )?TRIGGER ${IDENT} (.+?) ON ${IDENT}(?:\\.${IDENT})? (.*)$`, 's')

const str = (value: unknown): string => (value === null || value === undefined ? '' : String(value))
const bool = (value: unknown): boolean => value === true || value === 't' || value === 'true'

/**
 * The schema objects of the kinds `request` asks for.
 *
 * @example
 * const { objects } = await reflectPostgresObjects(conn, { schemas: [null], types: new Set(['view']) })
 */
export async function reflectPostgresObjects(conn: DatabaseConnection, request: ObjectReflectRequest): Promise<ObjectReflection> {
  const before = conn.statementCount
  const named = request.schemas.filter((s): s is string => s !== null)
  const params = [named, request.schemas.includes(null)]
  const [{ s: defaultSchema } = { s: 'public' }] = await conn.query<{ s: string }>('SELECT current_schema()::text AS s')
  const schemaOf = (name: unknown): string | null => (str(name) === defaultSchema ? null : str(name))
  const read = async (wanted: boolean, query: string, withParams: boolean, toObject: (row: Row) => ReflectedObject | null) =>
    wanted ? (await conn.query(query, withParams ? params : [])).map(toObject).filter((o): o is ReflectedObject => o !== null) : []
  const objects: ReflectedObject[] = [
    ...(await read(request.types.has('extension'), EXTENSIONS_SQL, false, (row) => reflected({ kind: 'schema_object', type: 'extension', name: str(row.name), schema: schemaOf(row.schema) }, str(row.name)))),
    ...(await read(request.types.has('function'), FUNCTIONS_SQL, true, (row) => {
      const full = str(row.definition)
      const definition = full.slice(full.indexOf('\n') + 1).trim()
      return reflected({ kind: 'schema_object', type: 'function', name: str(row.name), schema: schemaOf(row.schema), args: str(row.args), definition: sql.raw(definition) }, full.trim())
    })),
    ...(await read(request.types.has('view') || request.types.has('materialized_view'), VIEWS_SQL, true, (row) => {
      const type = row.relkind === 'm' ? ('materialized_view' as const) : ('view' as const)
      if (!request.types.has(type)) return null
      const query = str(row.definition).trim().replace(/;$/, '')
      return reflected({ kind: 'schema_object', type, name: str(row.name), schema: schemaOf(row.schema), query: sql.raw(query) }, query)
    })),
    ...(await read(request.types.has('trigger'), TRIGGERS_SQL, true, (row) => {
      const full = str(row.definition)
      const parts = TRIGGER_DEF.exec(full)
      if (parts === null) return null
      return reflected({ kind: 'schema_object', type: 'trigger', name: str(row.name), schema: schemaOf(row.schema), table: str(row.table_name), event: parts[1]!, body: sql.raw(parts[2]!) }, full)
    })),
    ...(await read(request.types.has('policy'), POLICIES_SQL, true, (row) => {
      const object: SchemaObject = {
        kind: 'schema_object',
        type: 'policy',
        name: str(row.name),
        schema: schemaOf(row.schema),
        table: str(row.table_name),
        permissive: bool(row.permissive),
        command: COMMANDS[str(row.cmd)] ?? 'all',
        roles: str(row.roles).split(',').filter(Boolean),
        using: row.using_expr === null ? null : sql.raw(str(row.using_expr)),
        withCheck: row.check_expr === null ? null : sql.raw(str(row.check_expr)),
      }
      return reflected(object, JSON.stringify([object.permissive, object.command, object.roles, row.using_expr, row.check_expr]))
    })),
  ]
  return { objects, queryCount: conn.statementCount - before }
}

function reflected(object: SchemaObject, canonical: string): ReflectedObject {
  return Object.freeze({ object: Object.freeze(object), canonical })
}
