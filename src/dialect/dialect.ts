import type { Table } from '../schema/table.js'
import type { SqlTypeKind } from '../schema/types.js'
import type { DialectName, DriverName } from './database-url.js'
import type { DependentTypes } from './dependent-types.js'
import type { DdlCompiler, TableChange, TableName } from './ddl-compiler.js'
import type { DatabaseDriver } from './driver-connection.js'
import type { LazyLintRules } from './lint-rules.js'
import type { ObjectSupport } from './object-support.js'
import type { Reflector } from './reflector.js'
import type { RuntimeSupport } from './runtime-support.js'
import type { SchemaEquivalence } from './schema-equivalence.js'
import type { IdentifierLimit } from './identifier-limit.js'

/** A SQL statement with optional positional parameters, as sent to a driver. */
export interface SqlStatement {
  readonly sql: string
  readonly params?: readonly unknown[]
}

/** A row as returned by a driver: column name to value. */
export type Row = Record<string, unknown>

/**
 * One open connection to a database, behind the same small interface for every
 * driver (better-sqlite3, pg, mysql2, pglite). Parameters are written `?` in
 * SQL given to {@link DatabaseConnection.execute}; the driver adapter rewrites
 * them to its own placeholder style.
 *
 * @example
 * await conn.execute('INSERT INTO t (a) VALUES (?)', [1])
 * const rows = await conn.query('SELECT a FROM t')
 */
export interface DatabaseConnection {
  readonly dialect: Dialect
  /** Runs a statement, returning the number of affected rows where the driver knows it. */
  execute(sql: string, params?: readonly unknown[]): Promise<{ rowCount: number }>
  /** Runs a query and returns its rows. */
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>
  begin(): Promise<void>
  commit(): Promise<void>
  rollback(): Promise<void>
  /** Number of statements sent since the connection opened (for benchmarks). */
  readonly statementCount: number
  close(): Promise<void>
}

/**
 * One database family, as one object of parts (Kysely's dialect cut):
 * quoting and literals, the DDL compiler, the reflector, the runtime support
 * (migration lock, catalog queries, placeholders), the equivalence rules
 * autogenerate compares with, and the drivers that open its URLs. The rest
 * of the code never asks which database it talks to; it asks the dialect.
 * A dialect is loaded through the registry (`loadDialect(url)`), or comes
 * with a connection (`conn.dialect`).
 *
 * @example
 * const dialect = await loadDialect('sqlite::memory:')
 * dialect.quoteIdentifier('a"b') // '"a""b"'
 * const schema = await dialect.reflector.reflect(conn, options)
 */
export interface Dialect {
  readonly name: DialectName
  /** True where DDL runs inside a transaction and rolls back with it. */
  readonly transactionalDdl: boolean
  /** The longest name this database keeps, where it has a limit a name could pass (see identifier-limit.ts). */
  readonly identifierLimit?: IdentifierLimit
  /** Quotes one identifier (table, column, index, constraint name); a name over `identifierLimit` is a `UsageError`. */
  quoteIdentifier(name: string): string
  /** Quotes a possibly schema-qualified name: `quoteQualified('t', 's')` → `"s"."t"`. */
  quoteQualified(name: string, schema?: string | null): string
  /** Renders a JavaScript value as a SQL literal the database reads back exactly. */
  renderLiteral(value: unknown): string
  /**
   * Statements an offline script starts with, so the database's own client
   * reads the rest as it was written (MariaDB: `SET NAMES utf8mb4`, or a
   * 4-byte character fails in `mariadb`).
   */
  readonly scriptPreamble: readonly string[]
  /** Statements that begin/commit/rollback a transaction, for offline scripts. */
  readonly beginSql: string
  readonly commitSql: string
  readonly rollbackSql: string
  /**
   * The statements of a savepoint called `name` (quoted by the dialect), for
   * work that may fail inside a transaction without ending it.
   *
   * @example
   * const sp = dialect.savepoint('scratch') // { begin: 'SAVEPOINT "scratch"', release: …, rollback: … }
   */
  savepoint(name: string): SavepointSql
  /** Compiles schema objects and ops to this database's SQL. */
  readonly compiler: DdlCompiler
  /** Types that live as long as the columns using them (PostgreSQL enums); absent where there are none. */
  readonly dependentTypes?: DependentTypes
  /**
   * Rebuilds a table by move-and-copy for changes {@link DdlCompiler.needsRebuild}
   * reports (SQLite's batch mode). Absent where every change is a plain ALTER.
   */
  readonly rebuilder?: TableRebuilder
  /** Views, functions, triggers, extensions and policies: the kinds this database has, their DDL and reflection. */
  readonly objects: ObjectSupport
  /** Reads a live database's schema into the shared vocabulary. */
  readonly reflector: Reflector
  /** The migration lock, the version table's catalog query and the placeholder syntax. */
  readonly runtime: RuntimeSupport
  /** What autogenerate treats as the same on this database (type spellings, default actions…). */
  readonly equivalence: SchemaEquivalence
  /** The rules `athanor lint` applies to ops on this database (loaded on first use). */
  readonly lint: LazyLintRules
  /** The zero-downtime forms autogenerate's `safe` mode writes here; absent: none (its changes are written as usual). */
  readonly safeForms?: SafeForms
  /**
   * The TypeScript type of the driver's result values for the type kinds
   * where it differs from the portable answer (`athanor types`): better-sqlite3
   * gives dates and JSON as text and booleans as 0/1, mysql2 TINYINT(1)
   * booleans as numbers, pg 64-bit integers as strings.
   */
  readonly resultValueTypes: Readonly<Partial<Record<SqlTypeKind, string>>>
  /** The drivers that open this database, by the name its URL schemes give (`DatabaseUrl.driver`). */
  readonly drivers: Readonly<Partial<Record<DriverName, DatabaseDriver>>>
}

/**
 * Which zero-downtime forms `revision --autogenerate --safe` may write on a
 * database (PostgreSQL has them all; MariaDB and SQLite none).
 *
 * @example
 * const postgresSafeForms: SafeForms = { concurrentIndexes: true, notValidConstraints: true }
 */
export interface SafeForms {
  /** An index on an existing table is built `CONCURRENTLY`, inside `op.autocommitBlock`. */
  readonly concurrentIndexes: boolean
  /** Foreign keys and checks are added `NOT VALID` and validated in a following revision; `SET NOT NULL` goes through a validated check. */
  readonly notValidConstraints: boolean
}

/** Where a rebuild sends its statements: the operations executor fits this shape. */
export interface StatementSink {
  readonly offline: boolean
  run(statement: SqlStatement): Promise<void>
  query(statement: SqlStatement): Promise<Row[]>
  /**
   * Offline only: a scratch database that has seen every statement written so
   * far (see `RuntimeSupport.openOfflineShadow`), to read a table's shape from.
   */
  readonly shadow?: StatementSink
  /** Runs `fn` outside the current transaction (see OperationExecutor.autocommit). */
  autocommit?<T>(fn: () => Promise<T>): Promise<T>
}

/** Options of a table rebuild. */
export interface RebuildOptions {
  /**
   * The table as it is now (Alembic's `copy_from`). When absent it is read
   * from the database online, and offline from the sink's shadow: the shape
   * the revisions being rendered gave the table.
   */
  readonly shape?: Table
  /** Rebuild even when no change needs it (Alembic's `recreate='always'`). */
  readonly always?: boolean
}

/**
 * Applies several changes to one table with a single move-and-copy: create
 * the new shape under a temporary name, copy the rows, drop the old table,
 * rename, recreate indexes.
 */
export interface TableRebuilder {
  rebuild(sink: StatementSink, table: TableName, changes: readonly TableChange[], options?: RebuildOptions): Promise<void>
}

/**
 * A rebuilder whose code loads on its first rebuild: most runs never need
 * a move-and-copy, so they never load it.
 *
 * @example
 * const rebuilder = lazyRebuilder(async () => (await import('./sqlite-batch.js')).sqliteRebuilder)
 */
export function lazyRebuilder(load: () => Promise<TableRebuilder>): TableRebuilder {
  return { rebuild: async (sink, table, changes, options) => (await load()).rebuild(sink, table, changes, options) }
}

/** The three statements of one savepoint: set it, keep its work, undo its work. */
export interface SavepointSql {
  readonly begin: string
  readonly release: string
  readonly rollback: string
}

/**
 * Savepoints as SQL:2003 writes them, which SQLite, PostgreSQL and
 * MySQL/MariaDB all accept; only the name's quoting differs.
 *
 * @example
 * standardSavepoint('"sp"') // { begin: 'SAVEPOINT "sp"', release: 'RELEASE SAVEPOINT "sp"', rollback: 'ROLLBACK TO SAVEPOINT "sp"' }
 */
export function standardSavepoint(quotedName: string): SavepointSql {
  return {
    begin: `SAVEPOINT ${quotedName}`,
    release: `RELEASE SAVEPOINT ${quotedName}`,
    rollback: `ROLLBACK TO SAVEPOINT ${quotedName}`,
  }
}
