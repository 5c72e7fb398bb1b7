/**
 * Test support for autogenerate: apply ops straight to a connection (no
 * revision files), and load the fixture models.
 */
import { join } from 'node:path'
import type { DatabaseConnection } from '../../src/dialect/dialect.js'
import type { OperationExecutor } from '../../src/operations/executor.js'
import type { MigrateOperation } from '../../src/operations/ops/migrate-operation.js'
import { loadModels } from '../../src/autogenerate/load-models.js'
import type { Table } from '../../src/schema/table.js'

/** An executor that runs each statement at once, outside any transaction. */
export function directExecutor(conn: DatabaseConnection): OperationExecutor {
  return {
    dialect: conn.dialect,
    offline: false,
    run: async (s) => void (await conn.execute(s.sql, s.params ?? [])),
    query: (s) => conn.query(s.sql, s.params ?? []),
    autocommit: (fn) => fn(),
  } as OperationExecutor
}

/** Runs ops in order on `conn`. */
export async function applyOps(conn: DatabaseConnection, ops: readonly MigrateOperation[]): Promise<void> {
  const executor = directExecutor(conn)
  for (const op of ops) await op.run(executor)
}

/** Absolute path of a fixture models module. */
export function fixturePath(name: string): string {
  return join(import.meta.dirname, 'fixtures', name)
}

/** The tables of a fixture models module. */
export async function fixtureTables(name: string): Promise<readonly Table[]> {
  return (await loadModels(fixturePath(name))).tables
}
