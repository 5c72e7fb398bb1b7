/**
 * Principle 8, "compare like with like": a model's server default is
 * created in a scratch table and read back by the same reflector that read
 * the database, so both sides of the comparison are the database's own
 * canonical text (`'0'::integer`, `CURRENT_TIMESTAMP`, `'a'::mood`) and no
 * string rule has to guess how the database rewrites an expression.
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
import { Table } from '../schema/table.js'
import { defaultSql } from './default-text.js'

/** Model columns to their default as the database writes it (null: the database keeps none). */
export type CanonicalDefaults = ReadonlyMap<Column, string | null>

/** Columns per scratch table: far below every database's column and row-size limits. */
const COLUMNS_PER_SCRATCH_TABLE = 40

/**
 * Reads back, through the database, the canonical text of every server
 * default in `tables`. A default the database rejects is left out (it is
 * then compared as written), so canonicalizing never blocks a comparison.
 *
 * @example
 * const canonical = await canonicalizeModelDefaults(conn, models.tables)
 * canonical.get(users.columns.createdAt) // 'CURRENT_TIMESTAMP'
 */
export async function canonicalizeModelDefaults(conn: DatabaseConnection, tables: readonly Table[]): Promise<CanonicalDefaults> {
  const columns = tables.flatMap((t) => t.columnList).filter((c) => c.serverDefault !== null && !c.autoincrement)
  if (columns.length === 0) return new Map()
  const prefix = `athanor_scratch_${randomBytes(4).toString('hex')}_`
  const chunks: Column[][] = []
  for (let i = 0; i < columns.length; i += COLUMNS_PER_SCRATCH_TABLE) chunks.push(columns.slice(i, i + COLUMNS_PER_SCRATCH_TABLE))
  const out = new Map<Column, string | null>()
  const transactional = conn.dialect.transactionalDdl
  if (transactional) await conn.begin()
  const created: string[] = []
  try {
    for (let i = 0; i < chunks.length; i++) {
      const chunk = chunks[i]!
      const name = `${prefix}${i}`
      if (await createScratch(conn, name, chunk, transactional)) created.push(name)
      // One default the database refuses must not cost the others their canonical text.
      else if (chunk.length > 1) chunks.push(...chunk.map((c) => [c]))
    }
    const scratchNames = new Set(created)
    const reflected = await reflect(conn, { includeName: (n, kind) => kind === 'schema' || scratchNames.has(n) })
    for (const table of reflected.tables) {
      const chunk = chunks[Number(table.name.slice(prefix.length))]
      if (!chunk) continue
      chunk.forEach((column, j) => {
        const back = table.column(`c${j}`)
        if (back) out.set(column, back.serverDefault === null ? null : defaultSql(back.serverDefault, conn.dialect))
      })
    }
  } finally {
    if (transactional) await conn.rollback()
    else for (const name of created) await conn.execute(conn.dialect.compiler.dropTable({ name, schema: null })[0]!.sql).catch(() => undefined)
  }
  return out
}

/** Creates one scratch table; false when the database refused it (an unknown type, an invalid default). */
async function createScratch(conn: DatabaseConnection, name: string, columns: readonly Column[], transactional: boolean): Promise<boolean> {
  const scratch = new Table({
    name,
    schema: null,
    columns: columns.map((c, j) =>
      Object.freeze({ ...c, name: `c${j}`, key: `c${j}`, nullable: true, primaryKey: false, autoincrement: false, unique: false, index: false, comment: null, references: null, table: name, schema: null }),
    ),
    parts: { primaryKey: null, constraints: [], indexes: [] },
  })
  const statements = conn.dialect.compiler.createTable(scratch)
  // PostgreSQL aborts the whole transaction on an error; a savepoint keeps the other scratch tables.
  const savepoint = transactional ? `athanor_sp_${name.slice(-12)}` : null
  try {
    if (savepoint) await conn.execute(`SAVEPOINT ${savepoint}`)
    for (const statement of statements) await conn.execute(statement.sql, statement.params ?? [])
    if (savepoint) await conn.execute(`RELEASE SAVEPOINT ${savepoint}`)
    return true
  } catch {
    if (savepoint) await conn.execute(`ROLLBACK TO SAVEPOINT ${savepoint}`).catch(() => undefined)
    return false
  }
}
