/**
 * The lossless round trip on a real application's MySQL schema, on MariaDB:
 * load its dump with the `mariadb` client into one database, reflect it, use
 * the reflected tables as the models, autogenerate a revision into a second,
 * empty database, upgrade, then compare both with
 * `mysqldump --no-data --skip-comments` (normalized only for statement order
 * and the order of a table's keys), run `check` on the copy, and
 * `downgrade base`. The PostgreSQL twin is real-schema-round-trip.ts.
 *
 * @example
 * const report = await roundTripMysqlSchema(MYSQL_REAL_SCHEMAS[0]!)
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

/** The MySQL schemas of test/fixtures/real-schemas/ (their sources are in its README). */
export const MYSQL_REAL_SCHEMAS: readonly RealSchema[] = [
  { name: 'pterodactyl', file: 'test/fixtures/real-schemas/pterodactyl-mysql-schema.sql' },
  { name: 'animethemes', file: 'test/fixtures/real-schemas/animethemes-mysql-schema.sql' },
]

const VERSION_TABLE = ROUND_TRIP_VERSION_TABLE

/**
 * Runs the whole round trip for one schema on two fresh MariaDB databases
 * and drops them afterwards. `prelude` is always empty: a MySQL dump holds
 * nothing the copy needs before its tables.
 *
 * @example
 * const { dumpDiff, checkDiffs } = await roundTripMysqlSchema(MYSQL_REAL_SCHEMAS[0]!)
 */
export async function roundTripMysqlSchema(schema: RealSchema): Promise<RoundTripReport> {
  const source = await createTestDatabase('mysql')
  const copy = await createTestDatabase('mysql')
  const dir = mkdtempSync(join(tmpdir(), 'athanor-real-schema-'))
  try {
    execFileSync('mariadb', clientArgs(source), { input: readFileSync(repoPath(schema.file)), stdio: ['pipe', 'ignore', 'pipe'] })
    const sourceConn = await source.connect()
    const models = (await reflect(sourceConn)).tables
    const copyConn = await copy.connect()
    const migrated = await migrateCopy(copy, copyConn, models, dir)
    const { upgradeError } = migrated

    const dumpDiff = diffLines(normalizedDump(source), normalizedDump(copy), dir)
    const checkDiffs = await migrated.checkDiffs()
    const downgradeError = await migrated.downgrade()
    const leftAfterDowngrade = upgradeError === null ? normalizedDump(copy) : []
    return { name: schema.name, tables: models.length, prelude: [], upgradeError, dumpDiff, checkDiffs, downgradeError, leftAfterDowngrade }
  } finally {
    rmSync(dir, { recursive: true, force: true })
    await Promise.all([source.drop(), copy.drop()])
  }
}

function clientArgs(db: TestDatabase): string[] {
  const url = new URL(db.url)
  return [`-h${url.hostname}`, `-P${url.port || '3306'}`, `-u${url.username || 'root'}`, url.pathname.replace(/^\//, '')]
}

/**
 * The database's `mysqldump --no-data --skip-comments` as a sorted list of
 * CREATE statements, each with its key and constraint lines sorted (the
 * server lists them in the order they were made), the client's `SET` lines,
 * `DROP TABLE IF EXISTS` and athanor's version table left out.
 */
function normalizedDump(db: TestDatabase): string[] {
  const dump = execFileSync('mysqldump', ['--no-data', '--skip-comments', ...clientArgs(db)], { encoding: 'utf8', maxBuffer: 1 << 28 })
  const statements: string[] = []
  for (const raw of dump.split(/;\n/)) {
    const lines = raw.split('\n').filter((line) => line.trim() !== '' && !/^\/\*![0-9]{5} SET /.test(line) && !/^\/\*M!/.test(line) && !/^DROP TABLE IF EXISTS /.test(line))
    if (lines.length === 0) continue
    const text = lines.join('\n')
    if (text.includes(`\`${VERSION_TABLE}`)) continue
    statements.push(sortKeyLines(lines).join('\n'))
  }
  return statements.sort()
}

/** A CREATE TABLE with its KEY / CONSTRAINT lines in one order (columns keep theirs: column order is part of the schema). */
function sortKeyLines(lines: readonly string[]): string[] {
  const isKey = (line: string) => /^\s+(PRIMARY KEY|UNIQUE KEY|KEY|FULLTEXT KEY|SPATIAL KEY|CONSTRAINT) /.test(line)
  const keys = lines.filter(isKey).map((line) => line.replace(/,$/, '')).sort()
  const others = lines.filter((line) => !isKey(line)).map((line) => line.replace(/,$/, ''))
  const closing = others.findIndex((line) => line.startsWith(')'))
  if (closing < 0) return [...lines]
  return [...others.slice(0, closing), ...keys, ...others.slice(closing)]
}
