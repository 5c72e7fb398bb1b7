import type { DialectName } from '../dialect/database-url.js'
import type { TableName } from '../dialect/ddl-compiler.js'
import type { DatabaseConnection, Dialect, Row, SqlStatement, StatementSink } from '../dialect/dialect.js'

/**
 * Where compiled SQL goes. The runtime provides two: an online executor that
 * sends statements to a live connection, and an offline sink that writes them
 * into a SQL script. Ops never know which one they talk to.
 */
export interface OperationExecutor {
  readonly dialect: Dialect
  /** True when statements are written to a script instead of run. */
  readonly offline: boolean
  /** Runs (or, offline, emits) one statement. */
  run(statement: SqlStatement): Promise<void>
  /** Runs a query and returns its rows; offline executors throw. */
  query(statement: SqlStatement): Promise<Row[]>
  /** Runs `fn` with the current transaction committed first and a new one begun after. */
  autocommit<T>(fn: () => Promise<T>): Promise<T>
  /**
   * The live connection statements go to (`op.connection`); undefined offline
   * and in dry runs. Required, so an executor that wraps another must say
   * what it passes on.
   */
  readonly connection: DatabaseConnection | undefined
  /**
   * Online: whether dropping `column` of `table` (the table, without `column`)
   * must also clean up a type the database ties to columns (PostgreSQL enums);
   * undefined when the executor cannot tell (offline, dry runs), so the drop
   * keeps its cleanup.
   */
  needsTypeCleanup?(table: TableName, column?: string): Promise<boolean | undefined>
  /** Offline: a scratch database that has seen the script so far, for reading a table's shape (SQLite's batch). */
  readonly shadow?: StatementSink
}

/** What a revision's code can learn about the run it is part of (`op.context`). */
export interface MigrationContextInfo {
  /** The dialect family: 'sqlite', 'postgres' or 'mysql'. */
  readonly dialect: DialectName
  /** `-x key=value` arguments from the command line. */
  readonly xArgs: Readonly<Record<string, string>>
  /** `--tag` given to upgrade/downgrade, if any. */
  readonly tag: string | undefined
  /** True in `--sql` mode: statements are printed, not run. */
  readonly offline: boolean
  /** The revision being run and in which direction. */
  readonly revision: string | undefined
  readonly direction: 'up' | 'down' | undefined
}
