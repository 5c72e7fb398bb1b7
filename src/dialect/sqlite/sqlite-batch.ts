import { DatabaseError, UsageError } from '../../errors.js'
import { Table } from '../../schema/table.js'
import type { TableChange, TableName } from '../ddl-compiler.js'
import { standardSavepoint, type RebuildOptions, type SqlStatement, type StatementSink, type TableRebuilder } from '../dialect.js'
import { plainDroppableColumns, planBatch } from './sqlite-batch-plan.js'
import { sqliteCompiler, type SqliteDdlCompiler } from './sqlite-compiler.js'
import { sqliteQuoting } from './sqlite-quoting.js'
import { sqliteRuntime } from './sqlite-runtime.js'
import { readSqliteTableShape } from './sqlite-table-shape.js'

const { quoteIdentifier, quoteQualified } = sqliteQuoting

/** The temporary name a table is built under during a batch. */
export function batchTempName(table: string): string {
  return `_athanor_tmp_${table}`
}

/**
 * The statements of one move-and-copy: create the new shape under a
 * temporary name, copy the rows, drop the old table, rename, recreate the
 * indexes. `legacy_alter_table` is on for the rename so that SQLite does not
 * re-check views that name the table while it is briefly missing.
 */
export function batchStatements(compiler: SqliteDdlCompiler, shape: Table, changes: readonly TableChange[]): SqlStatement[] {
  const { table: target, copy } = planBatch(shape, changes)
  const tempName = batchTempName(shape.name)
  const temp = new Table({
    name: tempName,
    schema: shape.schema,
    columns: target.columnList.map((c) => ({ ...c, table: tempName })),
    parts: { primaryKey: target.primaryKey, constraints: target.constraints, indexes: [] },
  })
  const copied = [...copy.entries()]
  const out: SqlStatement[] = [...compiler.createTable(temp)]
  if (copied.length > 0) {
    const into = copied.map(([to]) => quoteIdentifier(to)).join(', ')
    const from = copied.map(([, source]) => quoteIdentifier(source)).join(', ')
    out.push({ sql: `INSERT INTO ${quoteQualified(tempName, shape.schema)} (${into}) SELECT ${from} FROM ${quoteQualified(shape.name, shape.schema)}` })
  }
  out.push({ sql: `DROP TABLE ${quoteQualified(shape.name, shape.schema)}` })
  out.push({ sql: 'PRAGMA legacy_alter_table = ON' })
  out.push(...compiler.renameTable({ name: tempName, schema: shape.schema }, shape.name))
  out.push({ sql: 'PRAGMA legacy_alter_table = OFF' })
  for (const index of target.indexes) out.push(...compiler.createIndex(index))
  return out
}

/**
 * The statements for a batch: native `DROP COLUMN`s when every change drops
 * a column nothing else depends on (no key, constraint, index or check names
 * it: SQLite can then drop it in place, without copying the table), the
 * move-and-copy otherwise.
 */
export function rebuildPlan(
  compiler: SqliteDdlCompiler,
  shape: Table,
  changes: readonly TableChange[],
  always = false,
): { statements: SqlStatement[]; copies: boolean } {
  const drops = always ? null : plainDroppableColumns(shape, changes)
  if (drops) {
    return { statements: drops.flatMap((column) => compiler.dropColumn(shape, column)), copies: false }
  }
  return { statements: batchStatements(compiler, shape, changes), copies: true }
}

/**
 * SQLite's batch mode (Alembic's move-and-copy). Online, the table's shape
 * is read from the database; offline it must be given.
 *
 * Foreign keys: dropping the old table deletes its rows first when
 * `PRAGMA foreign_keys` is on, which would fire ON DELETE CASCADE in child
 * tables, and that pragma cannot change inside a transaction. A migration
 * run turns enforcement off before its first transaction (see
 * `sqliteRuntime`), so there the pragma reads off and the rebuild stays in
 * the migration's transaction, inside a savepoint. Only ops run outside a
 * migration with enforcement on and a table referring to this one (e.g.
 * `Athanor.withOperations`) take the other way: the transaction so far is
 * committed (as with `autocommitBlock`) and the rebuild runs in its own
 * transaction with enforcement off. Either way `PRAGMA foreign_key_check`
 * must pass for the rebuilt table before the copy is kept.
 */
export const sqliteRebuilder: TableRebuilder = {
  async rebuild(sink: StatementSink, table: TableName, changes: readonly TableChange[], options: RebuildOptions = {}) {
    const shape = options.shape ?? (await currentShape(sink, table))
    const plan = rebuildPlan(sqliteCompiler, shape, changes, options.always ?? false)
    const { copies } = plan
    const statements = copies && !sink.offline ? [...plan.statements, ...(await survivingState(sink, table))] : plan.statements
    const run = async (list: readonly SqlStatement[]) => {
      for (const s of list) await sink.run(s)
    }
    if (sink.offline) {
      await run(statements)
      return
    }
    if (!copies || !(await needsForeignKeysOff(sink, table))) {
      // A savepoint makes the copy all-or-nothing whether or not a transaction is open.
      const savepoint = standardSavepoint(quoteIdentifier('athanor_batch'))
      await sink.run({ sql: savepoint.begin })
      try {
        await run(statements)
        await checkForeignKeys(sink, table)
        await sink.run({ sql: savepoint.release })
      } catch (error) {
        await sink.run({ sql: savepoint.rollback }).catch(() => undefined)
        await sink.run({ sql: savepoint.release }).catch(() => undefined)
        await sink.run({ sql: 'PRAGMA legacy_alter_table = OFF' }).catch(() => undefined)
        throw error
      }
      return
    }
    if (!sink.autocommit) {
      throw new DatabaseError(`cannot rebuild "${table.name}" safely: foreign keys are enforced and other tables refer to it`, {
        hint: 'run the migration with PRAGMA foreign_keys=OFF',
      })
    }
    await sink.autocommit(async () => {
      await sink.run({ sql: 'PRAGMA foreign_keys = OFF' })
      try {
        await sink.run({ sql: 'BEGIN IMMEDIATE' }) // take the write lock at once, as the migration lock does
        try {
          await run(statements)
          await checkForeignKeys(sink, table)
          await sink.run({ sql: 'COMMIT' })
        } catch (error) {
          await sink.run({ sql: 'ROLLBACK' }).catch(() => undefined)
          await sink.run({ sql: 'PRAGMA legacy_alter_table = OFF' }).catch(() => undefined)
          throw error
        }
      } finally {
        await sink.run({ sql: 'PRAGMA foreign_keys = ON' })
      }
    })
  },
}

/** The table's shape: from the database online, offline from the shape the script so far gave it. */
async function currentShape(sink: StatementSink, table: TableName): Promise<Table> {
  if (!sink.offline) return readSqliteTableShape(sink, table)
  const hint = 'render from base (base:head) or from a database that has the table, or pass { copyFrom: table(...) } to batchAlterTable'
  if (sink.shadow === undefined) throw new UsageError(`batch mode on "${table.name}" needs the table's current shape offline`, { hint })
  const [exists] = await sink.shadow.query(sqliteRuntime.tableExistsQuery(table.name, table.schema ?? undefined))
  if (exists === undefined) {
    throw new UsageError(`batch mode on "${table.name}": the table's shape is unknown offline (no revision rendered creates it, and the database has none)`, { hint })
  }
  return readSqliteTableShape(sink.shadow, table)
}

/**
 * What DROP TABLE would lose and the table's shape does not hold: its
 * triggers (re-created as stored) and its AUTOINCREMENT high-water mark (so
 * ids of deleted rows are not handed out again).
 */
async function survivingState(sink: StatementSink, table: TableName): Promise<SqlStatement[]> {
  const prefix = table.schema ? `${quoteIdentifier(table.schema)}.` : ''
  const triggers = await sink.query({
    sql: `SELECT sql FROM ${prefix}sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND sql IS NOT NULL ORDER BY rowid`,
    params: [table.name],
  })
  const out: SqlStatement[] = triggers.map((t) => ({ sql: String(t.sql) }))
  const [hasSequence] = await sink.query({ sql: `SELECT 1 AS x FROM ${prefix}sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'` })
  if (hasSequence) {
    const [row] = await sink.query({ sql: `SELECT seq FROM ${prefix}sqlite_sequence WHERE name = ?`, params: [table.name] })
    if (row) {
      out.push({
        sql: `UPDATE ${prefix}sqlite_sequence SET seq = max(seq, ${Number(row.seq)}) WHERE name = ${sqliteQuoting.renderLiteral(table.name)}`,
      })
    }
  }
  return out
}

async function needsForeignKeysOff(sink: StatementSink, table: TableName): Promise<boolean> {
  const [enforced] = await sink.query({ sql: 'PRAGMA foreign_keys' })
  if (!enforced || Number(Object.values(enforced)[0]) === 0) return false
  const master = table.schema ? `${quoteIdentifier(table.schema)}.sqlite_master` : 'sqlite_master'
  const children = await sink.query({
    sql: `SELECT 1 FROM ${master} m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table' AND f."table" = ? COLLATE NOCASE LIMIT 1`,
    params: [table.name],
  })
  return children.length > 0
}

async function checkForeignKeys(sink: StatementSink, table: TableName): Promise<void> {
  const prefix = table.schema ? `${quoteIdentifier(table.schema)}.` : ''
  const name = table.name.toLowerCase()
  const violations = (await sink.query({ sql: `PRAGMA ${prefix}foreign_key_check` })).filter(
    (v) => String(v.table).toLowerCase() === name || String(v.parent).toLowerCase() === name,
  )
  if (violations.length > 0) {
    throw new DatabaseError(`rebuilding "${table.name}" would break ${violations.length} foreign key reference(s)`, {
      hint: 'fix or delete the rows whose referenced row is missing, then run again',
    })
  }
}
