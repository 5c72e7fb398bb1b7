import type { DatabaseConnection } from '../dialect.js'
import type { StatementEffect } from '../statement-effect.js'

/** A name as MySQL writes it: backquoted (doubled backquotes inside) or bare. */
const NAME = '(`(?:[^`]|``)+`|[A-Za-z0-9_$]+)'
/** A table, maybe schema-qualified. */
const TABLE = `${NAME}(?:\\s*\\.\\s*${NAME})?`

interface TableRef {
  readonly schema: string | null
  readonly name: string
}

/** Catalog probes, each answering "is it there?". */
const probes = {
  table: (t: TableRef) => ({
    sql: 'SELECT 1 AS present FROM information_schema.tables WHERE table_schema = COALESCE(?, DATABASE()) AND table_name = ?',
    params: [t.schema, t.name],
  }),
  column: (t: TableRef, column: string) => ({
    sql: 'SELECT 1 AS present FROM information_schema.columns WHERE table_schema = COALESCE(?, DATABASE()) AND table_name = ? AND column_name = ?',
    params: [t.schema, t.name, column],
  }),
  index: (t: TableRef, index: string) => ({
    sql: 'SELECT 1 AS present FROM information_schema.statistics WHERE table_schema = COALESCE(?, DATABASE()) AND table_name = ? AND index_name = ?',
    params: [t.schema, t.name, index],
  }),
  constraint: (t: TableRef, name: string) => ({
    sql: 'SELECT 1 AS present FROM information_schema.table_constraints WHERE table_schema = COALESCE(?, DATABASE()) AND table_name = ? AND constraint_name = ?',
    params: [t.schema, t.name, name],
  }),
}

type Probe = { sql: string; params: readonly unknown[] }

function unquote(name: string): string {
  return name.startsWith('`') ? name.slice(1, -1).replace(/``/g, '`') : name
}

function tableRef(first: string, second: string | undefined): TableRef {
  return second === undefined ? { schema: null, name: unquote(first) } : { schema: unquote(first), name: unquote(second) }
}

async function present(conn: DatabaseConnection, probe: Probe): Promise<boolean> {
  return (await conn.query(probe.sql, probe.params)).length > 0
}

/** A schema effect: `wanted` is whether the probed object exists once the statement has run. */
function schema(description: string, probe: Probe, wanted: boolean, also?: { probe: Probe; wanted: boolean }): StatementEffect {
  return {
    kind: 'schema',
    description,
    async tookEffect(conn) {
      if ((await present(conn, probe)) !== wanted) return false
      return also === undefined || (await present(conn, also.probe)) === also.wanted
    },
  }
}

const DATA = /^(?:INSERT|UPDATE|DELETE|REPLACE|SELECT|WITH|SET|DO|CALL|LOCK|UNLOCK)\b/i

/** The first clause of `ALTER TABLE t …` (a MySQL ALTER is applied whole, so the first clause tells). */
function alterEffect(t: TableRef, clause: string): StatementEffect | undefined {
  const where = `${t.schema === null ? '' : `${t.schema}.`}${t.name}`
  let m: RegExpExecArray | null
  if ((m = new RegExp(`^ADD\\s+CONSTRAINT\\s+${NAME}`, 'i').exec(clause))) {
    const name = unquote(m[1]!)
    return schema(`adds constraint ${name} to ${where}`, probes.constraint(t, name), true)
  }
  if ((m = new RegExp(`^ADD\\s+(?:UNIQUE\\s+)?(?:INDEX|KEY)\\s+${NAME}`, 'i').exec(clause))) {
    const name = unquote(m[1]!)
    return schema(`adds index ${name} to ${where}`, probes.index(t, name), true)
  }
  if ((m = new RegExp(`^ADD\\s+(?:COLUMN\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?${NAME}`, 'i').exec(clause))) {
    const name = unquote(m[1]!)
    if (/^(?:PRIMARY|UNIQUE|INDEX|KEY|FOREIGN|CHECK|FULLTEXT|SPATIAL|CONSTRAINT)$/i.test(name)) return undefined
    return schema(`adds column ${name} to ${where}`, probes.column(t, name), true)
  }
  if ((m = new RegExp(`^DROP\\s+(?:FOREIGN\\s+KEY|CONSTRAINT|CHECK)\\s+(?:IF\\s+EXISTS\\s+)?${NAME}`, 'i').exec(clause))) {
    const name = unquote(m[1]!)
    return schema(`drops constraint ${name} of ${where}`, probes.constraint(t, name), false)
  }
  if ((m = new RegExp(`^DROP\\s+(?:INDEX|KEY)\\s+(?:IF\\s+EXISTS\\s+)?${NAME}`, 'i').exec(clause))) {
    const name = unquote(m[1]!)
    return schema(`drops index ${name} of ${where}`, probes.index(t, name), false)
  }
  if (/^DROP\s+PRIMARY\s+KEY\b/i.test(clause)) return schema(`drops the primary key of ${where}`, probes.index(t, 'PRIMARY'), false)
  if ((m = new RegExp(`^DROP\\s+(?:COLUMN\\s+)?(?:IF\\s+EXISTS\\s+)?${NAME}`, 'i').exec(clause))) {
    const name = unquote(m[1]!)
    return schema(`drops column ${name} of ${where}`, probes.column(t, name), false)
  }
  if ((m = new RegExp(`^RENAME\\s+(?:TO|AS)?\\s*${TABLE}`, 'i').exec(clause))) {
    const to = tableRef(m[1]!, m[2])
    return schema(`renames ${where} to ${to.name}`, probes.table(to), true, { probe: probes.table(t), wanted: false })
  }
  if ((m = new RegExp(`^RENAME\\s+COLUMN\\s+${NAME}\\s+TO\\s+${NAME}`, 'i').exec(clause))) {
    const [from, to] = [unquote(m[1]!), unquote(m[2]!)]
    return schema(`renames column ${from} of ${where} to ${to}`, probes.column(t, to), true, { probe: probes.column(t, from), wanted: false })
  }
  if ((m = new RegExp(`^CHANGE\\s+(?:COLUMN\\s+)?${NAME}\\s+${NAME}`, 'i').exec(clause))) {
    const [from, to] = [unquote(m[1]!), unquote(m[2]!)]
    // CHANGE a a … only restates the column: nothing in the catalog's names tells whether it ran.
    if (from === to) return undefined
    return schema(`renames column ${from} of ${where} to ${to}`, probes.column(t, to), true, { probe: probes.column(t, from), wanted: false })
  }
  return undefined
}

/**
 * MySQL/MariaDB: what a statement does, read from its text, for the DDL
 * forms athanor's compiler writes and the usual hand-written ones (CREATE /
 * DROP TABLE, VIEW, INDEX; ALTER TABLE ADD / DROP column, index or
 * constraint; renames). `undefined` for DDL whose effect the catalog's names
 * cannot show (a MODIFY of a column's type, a comment): a crash during one
 * of those is left to the user to settle.
 *
 * @example
 * mysqlStatementEffect('DROP TABLE `t_35`') // { kind: 'schema', description: 'drops table t_35', … }
 */
export function mysqlStatementEffect(sql: string): StatementEffect | undefined {
  const text = sql.replace(/^(?:\s+|--[^\n]*\n|#[^\n]*\n|\/\*(?!!)[\s\S]*?\*\/)+/, '').trim()
  if (DATA.test(text)) return { kind: 'data' }
  let m: RegExpExecArray | null
  if ((m = new RegExp(`^CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:TABLE|(?:ALGORITHM\\s*=\\s*\\w+\\s+)?(?:DEFINER\\s*=\\s*\\S+\\s+)?(?:SQL\\s+SECURITY\\s+\\w+\\s+)?VIEW)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?${TABLE}`, 'i').exec(text))) {
    const t = tableRef(m[1]!, m[2])
    return schema(`creates ${t.name}`, probes.table(t), true)
  }
  if ((m = new RegExp(`^DROP\\s+(?:TABLE|VIEW)\\s+(?:IF\\s+EXISTS\\s+)?${TABLE}\\s*(?:;|$|RESTRICT|CASCADE)`, 'i').exec(text))) {
    const t = tableRef(m[1]!, m[2])
    return schema(`drops ${t.name}`, probes.table(t), false)
  }
  if ((m = new RegExp(`^CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:UNIQUE\\s+|FULLTEXT\\s+|SPATIAL\\s+)?INDEX\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?${NAME}\\s+(?:USING\\s+\\w+\\s+)?ON\\s+${TABLE}`, 'i').exec(text))) {
    const name = unquote(m[1]!)
    const t = tableRef(m[2]!, m[3])
    return schema(`creates index ${name} on ${t.name}`, probes.index(t, name), true)
  }
  if ((m = new RegExp(`^DROP\\s+INDEX\\s+(?:IF\\s+EXISTS\\s+)?${NAME}\\s+ON\\s+${TABLE}`, 'i').exec(text))) {
    const name = unquote(m[1]!)
    const t = tableRef(m[2]!, m[3])
    return schema(`drops index ${name} of ${t.name}`, probes.index(t, name), false)
  }
  if ((m = new RegExp(`^RENAME\\s+TABLE\\s+${TABLE}\\s+TO\\s+${TABLE}\\s*(?:;|$)`, 'i').exec(text))) {
    const from = tableRef(m[1]!, m[2])
    const to = tableRef(m[3]!, m[4])
    return schema(`renames ${from.name} to ${to.name}`, probes.table(to), true, { probe: probes.table(from), wanted: false })
  }
  if ((m = new RegExp(`^ALTER\\s+(?:ONLINE\\s+|IGNORE\\s+)*TABLE\\s+(?:IF\\s+EXISTS\\s+)?${TABLE}\\s+`, 'i').exec(text))) {
    return alterEffect(tableRef(m[1]!, m[2]), text.slice(m[0].length))
  }
  return undefined
}
