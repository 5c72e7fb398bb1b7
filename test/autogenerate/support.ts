/**
 * Test support for autogenerate: apply ops straight to a connection (no
 * revision files), write a comparison as a revision file without the API, and
 * load the fixture models.
 */
import { join } from 'node:path'
import { renderComparison } from '../../src/autogenerate/autogenerate.js'
import type { Comparison, DataLoss } from '../../src/autogenerate/schema-diff.js'
import type { DatabaseConnection, Dialect } from '../../src/dialect/dialect.js'
import type { NewRevisionSpec } from '../../src/script/revision-writer.js'
import type { Revision } from '../../src/script/revision.js'
import type { ScriptDirectory } from '../../src/script/script-directory.js'
import type { OperationExecutor } from '../../src/operations/executor.js'
import type { MigrateOperation } from '../../src/operations/ops/migrate-operation.js'
import { loadModels } from '../../src/api/load-models.js'
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

/** What {@link writeComparison} wrote: the revision (null when the comparison found nothing), its diffs and data loss. */
export interface WrittenComparison {
  readonly revision: Revision | null
  readonly diffs: Comparison['diffs']
  readonly dataLoss: readonly DataLoss[]
}

/** Renders a comparison and writes it into `script` as a revision, as `athanor.autogenerate` does; nothing when it is empty. */
export async function writeComparison(
  script: ScriptDirectory,
  spec: Pick<NewRevisionSpec, 'message' | 'downRevisions'>,
  comparison: Comparison,
  dialect: Dialect,
): Promise<WrittenComparison> {
  if (comparison.changes.length === 0) return { revision: null, diffs: comparison.diffs, dataLoss: [] }
  const { upgradeBody, downgradeBody, imports, dataLoss } = renderComparison(comparison, dialect)
  const revision = await script.writeRevision({ ...spec, upgradeBody, downgradeBody, ...(imports ? { imports } : {}) })
  return { revision, diffs: comparison.diffs, dataLoss }
}
