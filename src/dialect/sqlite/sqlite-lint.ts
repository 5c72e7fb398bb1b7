/**
 * `athanor lint` on SQLite: a change SQLite cannot make with ALTER is a
 * move-and-copy (batch mode), which copies every row while holding the
 * database's single write lock: every other writer waits, and readers of a
 * rollback-journal database too.
 */
import type { TableChange, TableName } from '../ddl-compiler.js'
import type { DatabaseConnection } from '../dialect.js'
import { sizeKey, type LintRuleSet, type LintSubject, type LintTarget, type RuleFinding, type TableSize } from '../lint-rules.js'
import { sqliteCompiler } from './sqlite-compiler.js'
import { sqliteQuoting } from './sqlite-quoting.js'

const sqliteQuote = sqliteQuoting.quoteIdentifier

const RULES = {
  'sqlite-table-rebuild': 'a change SQLite makes by move-and-copy: every row is copied under the write lock',
} as const

function rebuild(table: TableName, what: string): RuleFinding {
  return {
    rule: 'sqlite-table-rebuild',
    level: 'warning',
    table,
    why: `${what} rebuilds "${sizeKey(table)}" by move-and-copy: every row is copied while the database's write lock is held, so every other writer waits`,
    safe: 'group the changes to this table in one op.batchAlterTable so it is copied once, and run it when writes can pause; adding a nullable column or an index needs no rebuild',
  }
}

function check(subject: LintSubject, _target: LintTarget): RuleFinding[] {
  if (subject.kind === 'batch') {
    const needs = subject.recreateAlways || subject.changes.some((c: TableChange) => sqliteCompiler.needsRebuild(c))
    return needs ? [rebuild(subject.table, `a batch of ${subject.changes.length} change(s)`)] : []
  }
  if (subject.kind === 'tableChange' && !subject.inBatch && sqliteCompiler.needsRebuild(subject.change)) return [rebuild(subject.table, subject.change.kind)]
  return []
}

async function describeTarget(conn: DatabaseConnection): Promise<LintTarget> {
  const rows = await conn.query<{ v: unknown }>('SELECT sqlite_version() AS v')
  const match = /^(\d+)\.(\d+)/.exec(String(rows[0]?.v ?? ''))
  return { version: match ? [Number(match[1]), Number(match[2])] : null, product: 'SQLite' }
}

// SQLite keeps no row estimate unless ANALYZE ran, so rows are counted; bytes come from dbstat where it is compiled in.
async function tableSizes(conn: DatabaseConnection, tables: readonly TableName[]): Promise<Map<string, TableSize>> {
  const sizes = new Map<string, TableSize>()
  for (const table of tables) {
    const schema = table.schema ?? 'main'
    const exists = await conn.query(`SELECT 1 AS present FROM ${sqliteQuote(schema)}.sqlite_master WHERE type = 'table' AND name = ?`, [table.name])
    if (exists.length === 0) continue
    const counted = await conn.query<{ n: unknown }>(`SELECT count(*) AS n FROM ${sqliteQuote(schema)}.${sqliteQuote(table.name)}`)
    let bytes: number | null = null
    try {
      const stat = await conn.query<{ b: unknown }>('SELECT sum(pgsize) AS b FROM dbstat WHERE name = ? AND schema = ?', [table.name, schema])
      bytes = stat[0]?.b === null || stat[0]?.b === undefined ? null : Number(stat[0].b)
    } catch {
      bytes = null
    }
    sizes.set(sizeKey(table), { rows: Number(counted[0]?.n ?? 0), bytes })
  }
  return sizes
}

/**
 * SQLite's lint rules.
 *
 * @example
 * sqliteLint.check({ kind: 'batch', table: { name: 'account', schema: null }, changes: [{ kind: 'dropColumn', column: 'legacy' }], recreateAlways: false }, { version: null, product: 'SQLite' })
 */
export const sqliteLint: LintRuleSet = { rules: RULES, check, describeTarget, tableSizes }
