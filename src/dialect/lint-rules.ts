import type { Column } from '../schema/column.js'
import { isSqlFragment, sqlText } from '../schema/sql.js'
import type { TableChange, TableName } from './ddl-compiler.js'
import type { DatabaseConnection } from './dialect.js'

/**
 * What `athanor lint` shows a dialect's rules about one op of a revision: the
 * op's change as data (the same `TableChange` the compiler reads), and what the
 * linter learned around it. Ops on a table created in the same revision are
 * never shown: a new table is empty and nobody waits on it.
 */
export type LintSubject =
  | {
      readonly kind: 'tableChange'
      readonly table: TableName
      readonly change: TableChange
      /** CREATE INDEX … CONCURRENTLY asked for. */
      readonly concurrently: boolean
      /** A foreign key or check added NOT VALID. */
      readonly notValid: boolean
      /** The op runs inside a transaction (not in `op.autocommitBlock`, on a database whose DDL is transactional). */
      readonly inTransaction: boolean
      /** For `SET NOT NULL`: a validated check `col IS NOT NULL` exists on the column (added earlier in the linted range). */
      readonly notNullChecked: boolean
      /** The change is one of an `op.batchAlterTable`'s (which is also shown whole, as a `batch` subject). */
      readonly inBatch: boolean
    }
  | {
      readonly kind: 'validateConstraint'
      readonly table: TableName
      readonly name: string
      /** The constraint was added NOT VALID earlier in this same transaction, so its lock is still held. */
      readonly addedInSameTransaction: boolean
    }
  | { readonly kind: 'addEnumValue'; readonly name: string; readonly value: string; readonly inTransaction: boolean }
  | {
      /** A batch (`op.batchAlterTable`): its changes together, as a rebuild sees them. */
      readonly kind: 'batch'
      readonly table: TableName
      readonly changes: readonly TableChange[]
      readonly recreateAlways: boolean
    }
  | { readonly kind: 'rawSql'; readonly sql: string }

/** One finding a dialect rule reports; the linter adds the revision, the op, the size and the level after size. */
export interface RuleFinding {
  /** The rule's id, e.g. `pg-index-not-concurrent`. */
  readonly rule: string
  readonly level: 'error' | 'warning'
  /** The table whose size decides whether it matters; null when none does (an enum type). */
  readonly table: TableName | null
  /** Why it hurts on a busy database. */
  readonly why: string
  /** The safe way to do the same thing. */
  readonly safe: string
}

/** A table's size from the catalog statistics; `rows` null when the database has no estimate yet. */
export interface TableSize {
  readonly rows: number | null
  readonly bytes: number | null
}

/** Facts about the target database the rules read; `version` null when it could not be reached. */
export interface LintTarget {
  /** The server's version as `[major, minor]` (PostgreSQL 15.4 → [15, 4]; MariaDB 10.11 → [10, 11]). */
  readonly version: readonly [number, number] | null
  /** The server's name where a family has several (`MariaDB`, `MySQL`). */
  readonly product: string | null
}

/** The rules one family ships, with their ids for docs and for `lint.allow`. */
export interface LintRuleSet {
  /** Every rule id this set can report, with a one-line summary. */
  readonly rules: Readonly<Record<string, string>>
  /** The findings for one subject. */
  check(subject: LintSubject, target: LintTarget): RuleFinding[]
  /** The server's version and product. */
  describeTarget(conn: DatabaseConnection): Promise<LintTarget>
  /** Sizes of `tables` from catalog statistics; a table missing from the database is left out. */
  tableSizes(conn: DatabaseConnection, tables: readonly TableName[]): Promise<Map<string, TableSize>>
}

/**
 * A dialect's lint rules, loaded on first use: only `athanor lint` needs them.
 *
 * @example
 * const rules = await dialect.lint.load()
 * rules.check({ kind: 'rawSql', sql: 'UPDATE t SET a = 1' }, { version: null, product: null })
 */
export interface LazyLintRules {
  load(): Promise<LintRuleSet>
}

/**
 * The key a table's size is stored under in {@link LintRuleSet.tableSizes}'s map.
 *
 * @example
 * sizeKey({ name: 'account', schema: null }) // 'account'
 */
export function sizeKey(table: TableName): string {
  return table.schema === null ? table.name : `${table.schema}.${table.name}`
}

/**
 * True when a column's default is evaluated per row at ALTER time (`random()`,
 * `gen_random_uuid()`, `clock_timestamp()`…): the statement writes every row.
 * `now()` / `CURRENT_TIMESTAMP` are stable within a statement, so they are not.
 *
 * @example
 * hasVolatileDefault(toColumn('id', t.uuid().serverDefault(sql`gen_random_uuid()`))) // true
 */
export function hasVolatileDefault(column: Column, volatileFunctions: readonly string[]): boolean {
  const text = defaultText(column)
  if (text === null) return false
  const lower = text.toLowerCase()
  return volatileFunctions.some((fn) => new RegExp(`\\b${fn}\\s*\\(`).test(lower))
}

function defaultText(column: Column): string | null {
  const d = column.serverDefault
  return d === null || !isSqlFragment(d) ? null : sqlText(d)
}
