/**
 * Executors for operation tests: one that runs statements on a live test
 * connection, and one that only records them (offline mode).
 */
import type { DatabaseConnection, Dialect, Row, SqlStatement } from '../../src/dialect/dialect.js'
import type { MigrationContextInfo, OperationExecutor } from '../../src/operations/executor.js'
import { Operations } from '../../src/operations/operations.js'

/** Runs every statement on `conn`, outside any transaction (each statement autocommits). */
export function connectionExecutor(conn: DatabaseConnection): OperationExecutor & { statements: SqlStatement[] } {
  const statements: SqlStatement[] = []
  return {
    dialect: conn.dialect,
    offline: false,
    connection: conn,
    statements,
    async run(statement) {
      statements.push(statement)
      await conn.execute(statement.sql, statement.params)
    },
    async query(statement): Promise<Row[]> {
      statements.push(statement)
      return conn.query(statement.sql, statement.params)
    },
    autocommit: (fn) => fn(),
  }
}

/** Records statements without running them, as `--sql` mode does. */
export function recordingExecutor(dialect: Dialect): OperationExecutor & { statements: SqlStatement[] } {
  const statements: SqlStatement[] = []
  return {
    dialect,
    offline: true,
    connection: undefined,
    statements,
    async run(statement) {
      statements.push(statement)
    },
    async query(): Promise<Row[]> {
      throw new Error('offline executor cannot query')
    },
    autocommit: (fn) => fn(),
  }
}

/** An `op` over an executor, as the runtime builds one per revision. */
export function operationsOn(executor: OperationExecutor): Operations {
  const context: MigrationContextInfo = {
    dialect: executor.dialect.name,
    xArgs: {},
    tag: undefined,
    offline: executor.offline,
    revision: undefined,
    direction: 'up',
  }
  return new Operations(executor, context)
}

/**
 * Runs statements inside a transaction begun on `conn`, like the runtime's
 * online executor: `autocommit` commits, runs its function, and begins again.
 */
export function transactionalExecutor(conn: DatabaseConnection): OperationExecutor & { statements: SqlStatement[]; begin(): Promise<void>; commit(): Promise<void> } {
  const base = connectionExecutor(conn)
  let open = false
  return {
    ...base,
    async begin() {
      await conn.begin()
      open = true
    },
    async commit() {
      if (open) await conn.commit()
      open = false
    },
    async autocommit(fn) {
      const resume = open
      if (open) await conn.commit()
      open = false
      try {
        return await fn()
      } finally {
        if (resume) {
          await conn.begin()
          open = true
        }
      }
    },
  }
}
