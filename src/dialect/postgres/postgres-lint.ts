/**
 * `athanor lint` on PostgreSQL: which ops take a lock that queues traffic,
 * or rewrite a table, and the form that does not. The lock names and version
 * limits are PostgreSQL's documented ones (ALTER TABLE's "lock level" notes).
 */
import type { SqlType } from '../../schema/types.js'
import type { ColumnAlteration, TableName } from '../ddl-compiler.js'
import type { DatabaseConnection } from '../dialect.js'
import { postgresQuoting } from './postgres-quoting.js'
import { hasVolatileDefault, sizeKey, type LintRuleSet, type LintSubject, type LintTarget, type RuleFinding, type TableSize } from '../lint-rules.js'

/** Functions PostgreSQL evaluates per row (volatile): a default calling one makes ADD COLUMN rewrite the table. */
const VOLATILE_FUNCTIONS = ['random', 'gen_random_uuid', 'uuid_generate_v4', 'uuid_generate_v1', 'clock_timestamp', 'timeofday', 'nextval', 'txid_current']

const RULES = {
  'pg-index-not-concurrent': 'CREATE INDEX without CONCURRENTLY on an existing table blocks writes while it builds',
  'pg-concurrently-in-transaction': 'CREATE/DROP INDEX CONCURRENTLY outside op.autocommitBlock fails: it cannot run in a transaction',
  'pg-unique-without-index': 'ADD CONSTRAINT … UNIQUE builds its index under an ACCESS EXCLUSIVE lock',
  'pg-primary-key-without-index': 'ADD PRIMARY KEY builds its index (and checks NOT NULL) under an ACCESS EXCLUSIVE lock',
  'pg-fk-not-valid': 'ADD FOREIGN KEY without NOT VALID checks every row while blocking writes to both tables',
  'pg-check-not-valid': 'ADD CHECK without NOT VALID scans the table under an ACCESS EXCLUSIVE lock',
  'pg-validate-same-transaction': 'VALIDATE CONSTRAINT in the transaction that added it NOT VALID scans under the ADD\'s exclusive lock',
  'pg-set-not-null': 'SET NOT NULL without a validated CHECK (col IS NOT NULL) scans the table under an ACCESS EXCLUSIVE lock',
  'pg-type-rewrite': 'ALTER COLUMN TYPE that rewrites the table and its indexes under an ACCESS EXCLUSIVE lock',
  'pg-volatile-default': 'ADD COLUMN with a volatile default (or any default before PostgreSQL 11) rewrites the table',
  'pg-enum-value-in-transaction': 'ALTER TYPE … ADD VALUE inside a transaction fails before PostgreSQL 12',
} as const

type RuleId = keyof typeof RULES

function finding(rule: RuleId, level: RuleFinding['level'], table: TableName | null, why: string, safe: string): RuleFinding {
  return { rule, level, table, why, safe }
}

const quoted = (table: TableName) => `"${sizeKey(table)}"`

/**
 * True when changing a column from `from` to `to` keeps the stored bytes, so
 * PostgreSQL changes only the catalog: varchar widened or unbounded, varchar
 * to text, numeric with more precision and the same scale. Everything else
 * (and any USING) rewrites.
 *
 * @example
 * isBinaryCoercible({ kind: 'string', length: 50 }, { kind: 'text' }) // true
 */
export function isBinaryCoercible(from: SqlType, to: SqlType): boolean {
  if (JSON.stringify(from) === JSON.stringify(to)) return true
  const textLike = (t: SqlType) => t.kind === 'text' || (t.kind === 'string' && t.length === null)
  if (from.kind === 'string' && to.kind === 'string') return to.length === null || (from.length !== null && to.length >= from.length)
  if (from.kind === 'string' && textLike(to)) return true
  if (textLike(from) && textLike(to)) return true
  if (from.kind === 'numeric' && to.kind === 'numeric') {
    if (to.precision === null) return true
    return from.precision !== null && to.precision >= from.precision && (to.scale ?? 0) === (from.scale ?? 0)
  }
  if (from.kind === 'binary' && to.kind === 'binary') return true
  return false
}

function alterFindings(table: TableName, a: ColumnAlteration, notNullChecked: boolean, target: LintTarget): RuleFinding[] {
  const out: RuleFinding[] = []
  const major = target.version?.[0] ?? null
  if (a.nullable === false && a.existingNullable !== false) {
    const checkHelps = major === null || major >= 12
    if (!notNullChecked || !checkHelps) {
      out.push(
        finding(
          'pg-set-not-null',
          'error',
          table,
          `SET NOT NULL on "${a.column}" reads every row of ${quoted(table)} under an ACCESS EXCLUSIVE lock: reads and writes wait${checkHelps ? '' : ` (PostgreSQL ${major} cannot use a check constraint to skip the scan)`}`,
          checkHelps
            ? `add CHECK ("${a.column}" IS NOT NULL) with { notValid: true }, op.validateConstraint it in a following revision, then SET NOT NULL (which then skips the scan) and drop the check`
            : 'keep the column nullable and enforce it with a CHECK (…) NOT VALID plus VALIDATE CONSTRAINT until the server is 12 or later',
        ),
      )
    }
  }
  if (a.type !== undefined) {
    const known = a.existingType !== undefined
    const rewrites = a.using !== undefined || !known || !isBinaryCoercible(a.existingType as SqlType, a.type)
    if (rewrites) {
      out.push(
        finding(
          'pg-type-rewrite',
          known ? 'error' : 'warning',
          table,
          known
            ? `changing the type of "${a.column}" rewrites ${quoted(table)} and rebuilds its indexes under an ACCESS EXCLUSIVE lock`
            : `the type of "${a.column}" changes with no existingType given, so whether ${quoted(table)} is rewritten cannot be told`,
          'expand/contract: add a column of the new type, backfill it in batches, switch reads and writes, drop the old column in a later revision; casts that do not rewrite: varchar(n) → varchar(m ≥ n) or text, numeric(p,s) → numeric(p′ ≥ p,s)',
        ),
      )
    }
  }
  return out
}

function tableChangeFindings(subject: Extract<LintSubject, { kind: 'tableChange' }>, target: LintTarget): RuleFinding[] {
  const { table, change } = subject
  const major = target.version?.[0] ?? null
  switch (change.kind) {
    case 'createIndex': {
      if (subject.concurrently) {
        if (!subject.inTransaction) return []
        return [
          finding('pg-concurrently-in-transaction', 'error', table, `CREATE INDEX CONCURRENTLY "${change.index.name}" cannot run inside a transaction block: the revision fails`, 'wrap the call in await op.autocommitBlock(async () => { … })'),
        ]
      }
      return [
        finding(
          'pg-index-not-concurrent',
          'error',
          table,
          `CREATE INDEX "${change.index.name}" holds a SHARE lock on ${quoted(table)} until the index is built: every INSERT, UPDATE and DELETE waits`,
          'op.createIndex(…, { concurrently: true }) inside await op.autocommitBlock(async () => { … })',
        ),
      ]
    }
    case 'dropIndex':
      return subject.concurrently && subject.inTransaction
        ? [finding('pg-concurrently-in-transaction', 'error', table, `DROP INDEX CONCURRENTLY "${change.name}" cannot run inside a transaction block: the revision fails`, 'wrap the call in await op.autocommitBlock(async () => { … })')]
        : []
    case 'addConstraint': {
      const c = change.constraint
      if (c.kind === 'unique') {
        return [
          finding('pg-unique-without-index', 'error', table, `ADD CONSTRAINT ${c.name ?? ''} UNIQUE builds its index on ${quoted(table)} under an ACCESS EXCLUSIVE lock: reads and writes wait`, 'create a unique index { concurrently: true } in op.autocommitBlock first (then ADD CONSTRAINT … UNIQUE USING INDEX if a constraint is needed)'),
        ]
      }
      if (c.kind === 'primaryKey') {
        return [
          finding('pg-primary-key-without-index', 'error', table, `ADD PRIMARY KEY builds its index on ${quoted(table)} under an ACCESS EXCLUSIVE lock`, 'create a unique index { concurrently: true } first, then ADD CONSTRAINT … PRIMARY KEY USING INDEX'),
        ]
      }
      if (subject.notValid) return []
      if (c.kind === 'foreignKey') {
        return [
          finding(
            'pg-fk-not-valid',
            'error',
            table,
            `ADD FOREIGN KEY ${c.name ?? ''} checks every row of ${quoted(table)} while holding SHARE ROW EXCLUSIVE locks on it and on "${c.referredTable}": writes to both wait`,
            'add it with { notValid: true }, then op.validateConstraint(name, table) in a following revision (VALIDATE lets writes go on)',
          ),
        ]
      }
      return [
        finding('pg-check-not-valid', 'error', table, `ADD CHECK ${c.name ?? ''} reads every row of ${quoted(table)} under an ACCESS EXCLUSIVE lock`, 'add it with { notValid: true }, then op.validateConstraint(name, table) in a following revision'),
      ]
    }
    case 'addColumn': {
      const d = change.column.serverDefault
      if (d === null) return []
      const volatile = hasVolatileDefault(change.column, VOLATILE_FUNCTIONS)
      const old = major !== null && major < 11
      if (!volatile && !old) return []
      return [
        finding(
          'pg-volatile-default',
          'error',
          table,
          volatile
            ? `ADD COLUMN "${change.column.name}" with a volatile default computes it for every row: ${quoted(table)} is rewritten under an ACCESS EXCLUSIVE lock`
            : `before PostgreSQL 11, ADD COLUMN "${change.column.name}" with a default rewrites ${quoted(table)} under an ACCESS EXCLUSIVE lock`,
          'add the column without a default (or with a constant one), set the default afterwards, and backfill existing rows in batches',
        ),
      ]
    }
    case 'alterColumn':
      return alterFindings(table, change.alteration, subject.notNullChecked, target)
    default:
      return []
  }
}

function check(subject: LintSubject, target: LintTarget): RuleFinding[] {
  switch (subject.kind) {
    case 'tableChange':
      return tableChangeFindings(subject, target)
    case 'validateConstraint':
      return subject.addedInSameTransaction
        ? [
            finding(
              'pg-validate-same-transaction',
              'warning',
              subject.table,
              `VALIDATE CONSTRAINT "${subject.name}" runs in the transaction that added it NOT VALID, so the scan happens while the ADD's lock on ${quoted(subject.table)} is still held`,
              'move op.validateConstraint to a following revision (or into op.autocommitBlock)',
            ),
          ]
        : []
    case 'addEnumValue': {
      const major = target.version?.[0] ?? null
      if (!subject.inTransaction || major === null || major >= 12) return []
      return [
        finding('pg-enum-value-in-transaction', 'error', null, `ALTER TYPE "${subject.name}" ADD VALUE cannot run inside a transaction block on PostgreSQL ${major}: the revision fails`, 'call op.addEnumValue inside await op.autocommitBlock(async () => { … })'),
      ]
    }
    default:
      return []
  }
}

async function describeTarget(conn: DatabaseConnection): Promise<LintTarget> {
  const rows = await conn.query<{ v: unknown }>('SELECT current_setting(?) AS v', ['server_version_num'])
  const num = Number(rows[0]?.v)
  return { version: Number.isFinite(num) ? [Math.floor(num / 10_000), num % 10_000] : null, product: 'PostgreSQL' }
}

/** Up to this many bytes, a table without a row estimate is counted instead. */
const COUNTABLE_BYTES = 16 * 1024 * 1024

async function tableSizes(conn: DatabaseConnection, tables: readonly TableName[]): Promise<Map<string, TableSize>> {
  const sizes = new Map<string, TableSize>()
  for (const table of tables) {
    const found = await conn.query<{ reltuples: unknown; bytes: unknown }>(
      `SELECT c.reltuples AS reltuples, pg_total_relation_size(c.oid) AS bytes
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relname = ? AND n.nspname = COALESCE(?::text, current_schema()) AND c.relkind IN ('r', 'p')`,
      [table.name, table.schema],
    )
    const row = found[0]
    if (row === undefined) continue
    const tuples = Number(row.reltuples)
    const bytes = Number(row.bytes)
    // -1: never analyzed or vacuumed, so the catalog has no estimate; a table this small is cheap to count.
    let rows: number | null = tuples < 0 ? null : Math.round(tuples)
    if (rows === null && bytes <= COUNTABLE_BYTES) {
      const counted = await conn.query<{ n: unknown }>(`SELECT count(*) AS n FROM ${postgresQuoting.quoteQualified(table.name, table.schema)}`)
      rows = Number(counted[0]?.n ?? 0)
    }
    sizes.set(sizeKey(table), { rows, bytes })
  }
  return sizes
}

/**
 * PostgreSQL's lint rules.
 *
 * @example
 * postgresLint.check({ kind: 'addEnumValue', name: 'mood', value: 'meh', inTransaction: true }, { version: [11, 0], product: 'PostgreSQL' })
 * // [{ rule: 'pg-enum-value-in-transaction', … }]
 */
export const postgresLint: LintRuleSet = { rules: RULES, check, describeTarget, tableSizes }
