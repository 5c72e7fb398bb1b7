/**
 * The lossless round trip on a real application's SQLite schema: load its
 * dump with the `sqlite3` shell into one file, reflect it, use the reflected
 * tables as the models, autogenerate a revision into a second, empty file,
 * upgrade, then compare both with the shell's `.schema` and the catalog
 * pragmas (`table_xinfo`, `index_list`, `index_xinfo`, `foreign_key_list`),
 * run `check` on the copy, and `downgrade base`. `.schema` keeps each
 * statement's text as its author wrote it, so it is reported, not required
 * to match; the pragmas are what SQLite made of that text, and must.
 *
 * @example
 * const report = await roundTripSqliteSchema(SQLITE_REAL_SCHEMAS[0]!)
 * console.log(report.name, report.dumpDiff.length)
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { reflect } from '../../src/dialect/reflector.js'
import { repoPath } from '../reflection/load-sql-fixture.js'
import { createTestDatabase, type TestDatabase } from './databases.js'
import { migrateCopy, ROUND_TRIP_VERSION_TABLE } from './models-migration.js'
import { diffLines, type RealSchema, type RoundTripReport } from './real-schema-round-trip.js'

/** The SQLite schemas of test/fixtures/real-schemas/ (their sources are in its README). */
export const SQLITE_REAL_SCHEMAS: readonly RealSchema[] = [{ name: 'traewelling', file: 'test/fixtures/real-schemas/traewelling-sqlite-schema.sql' }]

const VERSION_TABLE = ROUND_TRIP_VERSION_TABLE

/** A SQLite round trip's report: the pragma differences are `dumpDiff`; `.schema` lines that differ are `schemaTextDiff`. */
export interface SqliteRoundTripReport extends RoundTripReport {
  readonly schemaTextDiff: readonly string[]
  /** The original's CHECK and COLLATE facts the pragma comparison read from its text (so a test can see they were read). */
  readonly textFacts: readonly string[]
}

/**
 * Runs the whole round trip for one schema on two fresh SQLite files.
 *
 * @example
 * const { dumpDiff, checkDiffs } = await roundTripSqliteSchema(SQLITE_REAL_SCHEMAS[0]!)
 */
export async function roundTripSqliteSchema(schema: RealSchema): Promise<SqliteRoundTripReport> {
  const source = await createTestDatabase('sqlite')
  const copy = await createTestDatabase('sqlite')
  const dir = mkdtempSync(join(tmpdir(), 'athanor-real-schema-'))
  try {
    execFileSync('sqlite3', [fileOf(source)], { input: readFileSync(repoPath(schema.file)), stdio: ['pipe', 'ignore', 'pipe'] })
    const sourceConn = await source.connect()
    const models = (await reflect(sourceConn)).tables
    const copyConn = await copy.connect()
    const migrated = await migrateCopy(copy, copyConn, models, dir)
    const { upgradeError } = migrated

    const original = pragmaDump(source)
    const dumpDiff = diffLines(original, pragmaDump(copy), dir)
    const textFacts = original.filter((line) => / (check|collate) /.test(line))
    const schemaTextDiff = diffLines(schemaText(source), schemaText(copy), dir)
    const checkDiffs = await migrated.checkDiffs()
    const downgradeError = await migrated.downgrade()
    const leftAfterDowngrade = upgradeError === null ? schemaText(copy) : []
    return { name: schema.name, tables: models.length, prelude: [], upgradeError, dumpDiff, schemaTextDiff, textFacts, checkDiffs, downgradeError, leftAfterDowngrade }
  } finally {
    rmSync(dir, { recursive: true, force: true })
    await Promise.all([source.drop(), copy.drop()])
  }
}

function fileOf(db: TestDatabase): string {
  return db.url.replace(/^sqlite:/, '')
}

function shell(db: TestDatabase, command: string): string {
  return execFileSync('sqlite3', ['-batch', '-noheader', '-separator', ' | ', fileOf(db), command], { encoding: 'utf8', maxBuffer: 1 << 26 })
}

/** Whether a catalog name is athanor's bookkeeping or SQLite's own. */
const ignored = (name: string) => name.startsWith(VERSION_TABLE) || name.startsWith('sqlite_')

/** `.schema` as a sorted list of statements, without athanor's tables and SQLite's own. */
function schemaText(db: TestDatabase): string[] {
  return shell(db, '.schema')
    .split(/;\n/)
    .map((s) => s.trim())
    .filter((s) => s !== '' && !/^CREATE TABLE (IF NOT EXISTS )?"?(athanor_version|sqlite_)/i.test(s) && !/ ON "?athanor_version/i.test(s))
    .sort()
}

/**
 * What SQLite made of each table, one line per pragma row, sorted: its
 * columns (`table_xinfo`), indexes (`index_list` with `index_xinfo`'s key
 * columns and orders) and foreign keys. Declared types compare without
 * case, which SQLite's type affinity ignores too.
 */
function pragmaDump(db: TestDatabase): string[] {
  const tables = shell(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").split('\n').filter((n) => n !== '' && !ignored(n))
  const lines: string[] = []
  for (const table of tables) {
    const rows = (sql: string) => shell(db, sql).split('\n').filter((r) => r !== '')
    const t = table.replaceAll("'", "''")
    for (const r of rows(`SELECT cid, name, upper(type), "notnull", dflt_value, pk, hidden FROM pragma_table_xinfo('${t}')`)) lines.push(`${table} column ${r}`)
    for (const r of rows(`SELECT i.name, i."unique", i.origin, i.partial, group_concat(x.name || CASE x."desc" WHEN 1 THEN ' DESC' ELSE '' END, ', ') FROM pragma_index_list('${t}') i JOIN pragma_index_xinfo(i.name) x WHERE x.key = 1 GROUP BY i.name`)) {
      // SQLite names the indexes behind UNIQUE and PRIMARY KEY itself (sqlite_autoindex_<table>_<n>).
      lines.push(`${table} index ${r.replace(/^sqlite_autoindex_[^ ]+/, 'sqlite_autoindex')}`)
    }
    for (const r of rows(`SELECT "table", "from", "to", on_update, on_delete, "match" FROM pragma_foreign_key_list('${t}')`)) lines.push(`${table} foreign key ${r}`)
    const text = shell(db, `SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '${t}'`)
    for (const fact of textFacts(text)) lines.push(`${table} ${fact}`)
  }
  return lines.sort()
}

/**
 * What no pragma shows: each CHECK's expression and each COLLATE, from the
 * stored CREATE TABLE text, without case, quotes and spacing (which carry no
 * meaning there).
 */
function textFacts(createTable: string): string[] {
  const plain = createTable.toLowerCase().replace(/["`]/g, '').replace(/\s+/g, ' ')
  const facts = [...plain.matchAll(/\bcollate (\w+)/g)].map((m) => `collate ${m[1]}`)
  for (const m of plain.matchAll(/\bcheck ?\(/g)) {
    let depth = 0
    let end = m.index + m[0].length - 1
    for (; end < plain.length; end++) {
      if (plain[end] === '(') depth++
      if (plain[end] === ')' && --depth === 0) break
    }
    facts.push(`check ${plain.slice(m.index + m[0].length, end).replace(/ /g, '')}`)
  }
  return facts
}
