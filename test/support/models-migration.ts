/**
 * The middle of every real-schema round trip, whatever the database: take
 * reflected tables as the models, autogenerate the initial revision into an
 * empty copy, upgrade it, and hand back what `check` and `downgrade base`
 * then do. Each database's harness only loads its dump and compares the two
 * databases with its own tool.
 *
 * @example
 * const copy = await migrateCopy(copyDb, copyConn, models, dir)
 * if (copy.upgradeError === null) console.log(await copy.checkDiffs(), await copy.downgrade())
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { compareWithConnection } from '../../src/autogenerate/autogenerate.js'
import type { SchemaDiff } from '../../src/autogenerate/schema-diff.js'
import type { DatabaseConnection } from '../../src/dialect/dialect.js'
import type { Table } from '../../src/schema/table.js'
import { runDowngrade, runUpgrade } from '../../src/runtime/commands.js'
import { ScriptDirectory } from '../../src/script/script-directory.js'
import { writeComparison } from '../autogenerate/support.js'
import type { TestDatabase } from './databases.js'
import { runtimeOptions } from './migration-project.js'

/** The version table the round trips use; their dumps leave it out. */
export const ROUND_TRIP_VERSION_TABLE = 'athanor_version'

/** The copy after its initial revision ran (or failed to). */
export interface MigratedCopy {
  /** The upgrade's error, or null when it ran. */
  readonly upgradeError: string | null
  /** What `check` finds on the copy against the same models (nothing asked when the upgrade failed). */
  checkDiffs(): Promise<readonly SchemaDiff[]>
  /** Runs `downgrade base`; its error, or null (not run when the upgrade failed). */
  downgrade(): Promise<string | null>
}

/**
 * Autogenerates the copy's initial revision from `models` in `dir` and upgrades the copy to it.
 *
 * @example
 * const { upgradeError } = await migrateCopy(copy, await copy.connect(), (await reflect(sourceConn)).tables, dir)
 */
export async function migrateCopy(copy: TestDatabase, copyConn: DatabaseConnection, models: readonly Table[], dir: string): Promise<MigratedCopy> {
  const settings = { versionTable: ROUND_TRIP_VERSION_TABLE }
  mkdirSync(join(dir, 'migrations', 'versions'), { recursive: true })
  const script = await ScriptDirectory.load(join(dir, 'migrations'))
  const comparison = await compareWithConnection(copyConn, models, settings)
  await writeComparison(script, { message: 'initial', downRevisions: [] }, comparison, copyConn.dialect)
  const reloaded = await ScriptDirectory.load(join(dir, 'migrations'))
  const upgradeError = await failure(() => runUpgrade(reloaded, 'head', runtimeOptions(copy.url)))
  return {
    upgradeError,
    checkDiffs: async () => (upgradeError === null ? (await compareWithConnection(copyConn, models, settings)).diffs : []),
    downgrade: async () => (upgradeError === null ? failure(() => runDowngrade(reloaded, 'base', runtimeOptions(copy.url))) : null),
  }
}

/**
 * The error message (with its cause) of a step that failed, or null when it ran.
 *
 * @example
 * expect(await failure(() => runUpgrade(script, 'head', options))).toBeNull()
 */
export async function failure(run: () => Promise<unknown>): Promise<string | null> {
  try {
    await run()
    return null
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : ''
    return (error instanceof Error ? error.message : String(error)) + cause
  }
}
