/**
 * Reads one table's shape back from a database's own catalog (PRAGMA,
 * pg_catalog, information_schema), as sorted plain strings, so tests can
 * compare "before", "after" and "after reverse" without trusting the code
 * under test.
 */
import type { DatabaseConnection } from '../../src/dialect/dialect.js'
import type { TestDatabaseKind } from '../support/databases.js'

/** A table as its database reports it. Columns keep their order; the rest is sorted. */
export interface TableCatalog {
  readonly exists: boolean
  readonly columns: string[]
  readonly indexes: string[]
  readonly constraints: string[]
  readonly comment: string | null
}

const lit = (s: string) => `'${s.replaceAll("'", "''")}'`
const str = (v: unknown) => (v === null || v === undefined ? 'null' : String(v))

/**
 * Reads `table`'s columns, indexes, constraints and comment.
 *
 * @example
 * const before = await readTable(conn, 'sqlite', 'account')
 */
export async function readTable(conn: DatabaseConnection, kind: TestDatabaseKind, table: string): Promise<TableCatalog> {
  if (kind === 'sqlite') return readSqlite(conn, table)
  if (kind === 'mysql') return readMysql(conn, table)
  return readPostgres(conn, table)
}

async function readSqlite(conn: DatabaseConnection, table: string): Promise<TableCatalog> {
  const [master] = await conn.query(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`, [table])
  if (!master) return { exists: false, columns: [], indexes: [], constraints: [], comment: null }
  const createSql = String(master.sql)
  const columns = (await conn.query(`PRAGMA table_xinfo(${lit(table)})`)).map(
    (c) => `${str(c.name)} ${str(c.type)} ${Number(c.notnull) ? 'NOT NULL' : 'NULL'} default=${str(c.dflt_value)} pk=${str(c.pk)}`,
  )
  const indexes: string[] = []
  for (const ix of await conn.query(`PRAGMA index_list(${lit(table)})`)) {
    const cols = (await conn.query(`PRAGMA index_info(${lit(String(ix.name))})`)).map((c) => str(c.name)).join(',')
    const label = ix.origin === 'c' ? String(ix.name) : String(ix.origin)
    indexes.push(`${label} ${Number(ix.unique) ? 'UNIQUE ' : ''}(${cols})${Number(ix.partial) ? ' partial' : ''}`)
  }
  const constraints: string[] = []
  const fks = await conn.query(`PRAGMA foreign_key_list(${lit(table)})`)
  for (const fk of fks) constraints.push(`fk ${str(fk.from)} -> ${str(fk.table)}(${str(fk.to)}) on delete ${str(fk.on_delete)}`)
  for (const m of createSql.matchAll(/CONSTRAINT\s+("(?:[^"]|"")+"|\w+)\s+(CHECK|UNIQUE|FOREIGN|PRIMARY)/gi)) constraints.push(`named ${m[1]!.replace(/^"(.*)"$/, '$1').replaceAll('""', '"')} ${m[2]!.toUpperCase()}`)
  const checks = createSql.match(/\bCHECK\s*\(/gi)?.length ?? 0
  if (checks) constraints.push(`checks ${checks}`)
  return { exists: true, columns, indexes: indexes.sort(), constraints: constraints.sort(), comment: null }
}

async function readPostgres(conn: DatabaseConnection, table: string): Promise<TableCatalog> {
  const regclass = `to_regclass(${lit(`"${table.replaceAll('"', '""')}"`)})`
  const [exists] = await conn.query(`SELECT ${regclass} IS NOT NULL AS present`)
  if (!exists?.present) return { exists: false, columns: [], indexes: [], constraints: [], comment: null }
  const columns = (
    await conn.query(
      `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull,
              pg_get_expr(d.adbin, d.adrelid) AS dflt, col_description(a.attrelid, a.attnum) AS comment, a.attidentity AS identity
         FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attrelid = ${regclass} AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
    )
  ).map((c) => `${str(c.name)} ${str(c.type)} ${c.notnull ? 'NOT NULL' : 'NULL'} default=${str(c.dflt)} comment=${str(c.comment)} identity=${str(c.identity)}`)
  const indexes = (await conn.query(`SELECT pg_get_indexdef(indexrelid) AS def FROM pg_index WHERE indrelid = ${regclass}`)).map((r) => str(r.def))
  const constraints = (await conn.query(`SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = ${regclass}`)).map(
    (r) => `${str(r.conname)} ${str(r.def)}`,
  )
  const [comment] = await conn.query(`SELECT obj_description(${regclass}, 'pg_class') AS c`)
  return { exists: true, columns, indexes: indexes.sort(), constraints: constraints.sort(), comment: (comment?.c as string | null) ?? null }
}

async function readMysql(conn: DatabaseConnection, table: string): Promise<TableCatalog> {
  const [info] = await conn.query(`SELECT table_comment AS c FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?`, [table])
  if (!info) return { exists: false, columns: [], indexes: [], constraints: [], comment: null }
  const columns = (
    await conn.query(
      `SELECT column_name AS name, column_type AS type, is_nullable AS nullable, column_default AS dflt, column_comment AS comment, extra
         FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ? ORDER BY ordinal_position`,
      [table],
    )
  ).map((c) => `${str(c.name)} ${str(c.type)} ${c.nullable === 'NO' ? 'NOT NULL' : 'NULL'} default=${str(c.dflt)} comment=${str(c.comment)} ${str(c.extra)}`)
  const stats = await conn.query(
    `SELECT index_name AS name, non_unique AS nu, column_name AS col FROM information_schema.statistics
      WHERE table_schema = DATABASE() AND table_name = ? ORDER BY index_name, seq_in_index`,
    [table],
  )
  const byIndex = new Map<string, { unique: boolean; cols: string[] }>()
  for (const s of stats) {
    const entry = byIndex.get(String(s.name)) ?? { unique: Number(s.nu) === 0, cols: [] }
    entry.cols.push(str(s.col))
    byIndex.set(String(s.name), entry)
  }
  const indexes = [...byIndex].map(([name, e]) => `${name} ${e.unique ? 'UNIQUE ' : ''}(${e.cols.join(',')})`)
  const constraints = (
    await conn.query(
      `SELECT tc.constraint_name AS name, tc.constraint_type AS type, cc.check_clause AS clause, rc.delete_rule AS del, rc.referenced_table_name AS ref
         FROM information_schema.table_constraints tc
         LEFT JOIN information_schema.check_constraints cc ON cc.constraint_schema = tc.constraint_schema AND cc.constraint_name = tc.constraint_name AND cc.table_name = tc.table_name
         LEFT JOIN information_schema.referential_constraints rc ON rc.constraint_schema = tc.constraint_schema AND rc.constraint_name = tc.constraint_name AND rc.table_name = tc.table_name
        WHERE tc.table_schema = DATABASE() AND tc.table_name = ?`,
      [table],
    )
  ).map((r) => `${str(r.type)} ${str(r.name)} ${r.clause ? str(r.clause) : ''}${r.ref ? `-> ${str(r.ref)} on delete ${str(r.del)}` : ''}`.trim())
  return { exists: true, columns, indexes: indexes.sort(), constraints: constraints.sort(), comment: info.c === '' ? null : str(info.c) }
}

/**
 * Names of the enum types in a PostgreSQL database (empty elsewhere).
 *
 * @example
 * expect(await enumTypes(conn, 'postgres')).toEqual(['mood'])
 */
export async function enumTypes(conn: DatabaseConnection, kind: TestDatabaseKind): Promise<string[]> {
  if (kind !== 'postgres' && kind !== 'pglite') return []
  const rows = await conn.query(`SELECT typname FROM pg_type WHERE typtype = 'e' ORDER BY typname`)
  return rows.map((r) => String(r.typname))
}
