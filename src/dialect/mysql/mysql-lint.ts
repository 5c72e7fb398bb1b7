/**
 * `athanor lint` on MariaDB/MySQL: which ALTER TABLE algorithm the server
 * will pick for an op (INSTANT changes only metadata, INPLACE lets writes go
 * on, COPY copies the table row by row with writes blocked), from the
 * server's version, as MariaDB's "InnoDB Online DDL Operations" pages list.
 */
import type { SqlType } from '../../schema/types.js'
import type { TableChange, TableName } from '../ddl-compiler.js'
import type { DatabaseConnection } from '../dialect.js'
import { sizeKey, type LintRuleSet, type LintSubject, type LintTarget, type RuleFinding, type TableSize } from '../lint-rules.js'

const RULES = {
  'mysql-copy-algorithm': 'an ALTER the server can only run with ALGORITHM=COPY: the table is copied with writes blocked',
  'mysql-fk-copy': 'ADD FOREIGN KEY with foreign_key_checks on runs ALGORITHM=COPY on the child table',
  'mysql-fulltext-build': 'building a FULLTEXT index holds LOCK=SHARED (writes wait); the first one rebuilds the table',
} as const

/** The algorithm MariaDB/MySQL uses for one change. */
export type AlterAlgorithm = 'INSTANT' | 'INPLACE' | 'COPY'

type Version = readonly [number, number]

const atLeast = (v: Version | null, major: number, minor: number) => v === null || v[0] > major || (v[0] === major && v[1] >= minor)

/** True for a MySQL version number (5.x, 8.x, 9.x) rather than MariaDB's 10.x/11.x. */
const isMysql = (target: LintTarget) => target.product === 'MySQL'

function widensVarchar(from: SqlType | undefined, to: SqlType): boolean {
  return from !== undefined && from.kind === 'string' && to.kind === 'string' && from.length !== null && (to.length === null || to.length >= from.length)
}

/**
 * The algorithm the server picks for `change`, given its version.
 *
 * @example
 * alterAlgorithm({ kind: 'dropColumn', column: 'legacy' }, { version: [10, 11], product: 'MariaDB' }) // 'INSTANT'
 */
export function alterAlgorithm(change: TableChange, target: LintTarget): AlterAlgorithm {
  const v = target.version
  const instantColumns = isMysql(target) ? atLeast(v, 8, 0) : atLeast(v, 10, 4)
  switch (change.kind) {
    case 'addColumn':
      if (change.column.autoincrement) return 'COPY'
      return instantColumns ? 'INSTANT' : 'INPLACE'
    case 'dropColumn':
      return instantColumns ? 'INSTANT' : 'INPLACE'
    case 'alterColumn': {
      const a = change.alteration
      if (a.type !== undefined && JSON.stringify(a.type) !== JSON.stringify(a.existingType) && !widensVarchar(a.existingType, a.type)) return 'COPY'
      if (a.nullable === false && a.existingNullable !== false) return 'INPLACE'
      return 'INSTANT'
    }
    case 'addConstraint':
      if (change.constraint.kind === 'foreignKey' || change.constraint.kind === 'check') return 'COPY'
      return 'INPLACE'
    case 'dropConstraint':
      return change.constraintKind === 'primaryKey' ? 'COPY' : 'INSTANT'
    case 'createIndex':
    case 'dropIndex':
      return 'INPLACE'
    case 'setTableComment':
      return 'INSTANT'
  }
}

function serverName(target: LintTarget): string {
  const name = target.product ?? 'MariaDB'
  return target.version === null ? name : `${name} ${target.version.join('.')}`
}

/** A FULLTEXT build on an existing table, whether from raw SQL or `createIndex(…, { method: 'fulltext' })`. */
function fulltextFinding(table: TableName | null): RuleFinding {
  return {
    rule: 'mysql-fulltext-build',
    level: 'error',
    table,
    why: 'a FULLTEXT index build holds LOCK=SHARED: reads go on, every write waits until it ends; the first FULLTEXT index on a table also rebuilds it',
    safe: 'build it when writes can pause, or with an online schema change tool; add the FTS_DOC_ID column in the CREATE TABLE so later builds skip the rebuild',
  }
}

function changeFindings(table: TableName, change: TableChange, target: LintTarget): RuleFinding[] {
  if (change.kind === 'createIndex' && change.index.method?.toLowerCase() === 'fulltext') return [fulltextFinding(table)]
  if (alterAlgorithm(change, target) !== 'COPY') return []
  const on = `"${sizeKey(table)}"`
  if (change.kind === 'addConstraint' && change.constraint.kind === 'foreignKey') {
    return [
      {
        rule: 'mysql-fk-copy',
        level: 'error',
        table,
        why: `ADD FOREIGN KEY runs ALGORITHM=COPY on ${serverName(target)}: ${on} is copied row by row and writes to it wait until the copy ends`,
        safe: 'add the key while foreign_key_checks=0 (ALGORITHM=INPLACE, no row check: verify the data yourself first), or use an online schema change tool (pt-online-schema-change, gh-ost)',
      },
    ]
  }
  return [
    {
      rule: 'mysql-copy-algorithm',
      level: 'error',
      table,
      why: `${change.kind} cannot run ALGORITHM=INSTANT or INPLACE on ${serverName(target)}: it runs ALGORITHM=COPY, copying ${on} with writes blocked`,
      safe: 'expand/contract: add a new column (INSTANT), backfill in batches, switch, drop the old one; or use an online schema change tool',
    },
  ]
}

function check(subject: LintSubject, target: LintTarget): RuleFinding[] {
  switch (subject.kind) {
    case 'tableChange':
      return changeFindings(subject.table, subject.change, target)
    case 'rawSql':
      // A FULLTEXT key inside CREATE TABLE is built on an empty table: nothing waits.
      return /\bfulltext\b/i.test(subject.sql) && !/^\s*create\s+table\b/i.test(subject.sql) ? [fulltextFinding(tableOfFulltext(subject.sql))] : []
    default:
      return []
  }
}

/** The table a FULLTEXT statement names, for its size: `ON t (…)` or `ALTER TABLE t`. */
function tableOfFulltext(sql: string): TableName | null {
  const match = /\b(?:on|alter\s+table)\s+[`"]?([\w$]+)[`"]?(?:\.[`"]?([\w$]+)[`"]?)?/i.exec(sql)
  if (!match?.[1]) return null
  return match[2] ? { schema: match[1], name: match[2] } : { schema: null, name: match[1] }
}

async function describeTarget(conn: DatabaseConnection): Promise<LintTarget> {
  const rows = await conn.query<{ v: unknown }>('SELECT VERSION() AS v')
  const text = String(rows[0]?.v ?? '')
  const match = /^(\d+)\.(\d+)/.exec(text)
  return { version: match ? [Number(match[1]), Number(match[2])] : null, product: /mariadb/i.test(text) ? 'MariaDB' : 'MySQL' }
}

async function tableSizes(conn: DatabaseConnection, tables: readonly TableName[]): Promise<Map<string, TableSize>> {
  const sizes = new Map<string, TableSize>()
  for (const table of tables) {
    const rows = await conn.query<{ table_rows: unknown; bytes: unknown }>(
      'SELECT table_rows AS table_rows, data_length + index_length AS bytes FROM information_schema.tables WHERE table_schema = COALESCE(?, DATABASE()) AND table_name = ?',
      [table.schema, table.name],
    )
    const row = rows[0]
    if (row === undefined) continue
    sizes.set(sizeKey(table), { rows: row.table_rows === null ? null : Number(row.table_rows), bytes: row.bytes === null ? null : Number(row.bytes) })
  }
  return sizes
}

/**
 * MariaDB/MySQL lint rules.
 *
 * @example
 * mysqlLint.check({ kind: 'rawSql', sql: 'CREATE FULLTEXT INDEX ft ON post (body)' }, { version: [10, 11], product: 'MariaDB' })
 */
export const mysqlLint: LintRuleSet = { rules: RULES, check, describeTarget, tableSizes }
