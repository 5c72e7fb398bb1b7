/**
 * The loop a user runs, through real revision files: autogenerate the models
 * into a revision, upgrade, compare again, and downgrade to base. Defect
 * tests of issue 11 drive it with small models on each database.
 *
 * @example
 * const loop = await revisionLoop(db)
 * const first = await loop.autogenerate(metadata.tables)
 * await loop.upgrade()
 * expect(await loop.diffs(metadata.tables)).toEqual([])
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { compareWithConnection } from '../../src/autogenerate/autogenerate.js'
import type { Comparison } from '../../src/autogenerate/schema-diff.js'
import type { DatabaseConnection } from '../../src/dialect/dialect.js'
import { reflect } from '../../src/dialect/reflector.js'
import { runDowngrade, runUpgrade } from '../../src/runtime/commands.js'
import { ScriptDirectory } from '../../src/script/script-directory.js'
import { writeComparison } from '../autogenerate/support.js'
import type { TestDatabase } from '../support/databases.js'
import { runtimeOptions } from '../support/migration-project.js'

/** One project folder and one database, driven as the CLI would. */
export interface RevisionLoop {
  readonly conn: DatabaseConnection
  /** Writes a revision of what the models need; returns its source ('' when nothing was found) and the comparison. */
  autogenerate(tables: Models): Promise<{ source: string; comparison: Comparison }>
  upgrade(): Promise<void>
  downgrade(target?: string): Promise<void>
  /** What autogenerate would still find. */
  diffs(tables: Models): Promise<Comparison['diffs']>
  /** Names of the tables left in the database (the version table excluded). */
  tableNames(): Promise<string[]>
  remove(): void
}

const settings = { versionTable: 'athanor_version' }

/** Tables, or tables and schema objects. */
type Models = Parameters<typeof compareWithConnection>[1]

/** A fresh migrations folder on `db`. */
export async function revisionLoop(db: TestDatabase): Promise<RevisionLoop> {
  const dir = mkdtempSync(join(tmpdir(), 'athanor-lossless-'))
  mkdirSync(join(dir, 'migrations', 'versions'), { recursive: true })
  let script = await ScriptDirectory.load(join(dir, 'migrations'))
  const conn = await db.connect()
  return {
    conn,
    async autogenerate(tables) {
      const comparison = await compareWithConnection(conn, tables, settings)
      const heads = script.graph.heads().map((r) => r.id)
      const written = await writeComparison(script, { message: `step ${heads.length}`, downRevisions: heads }, comparison, conn.dialect)
      script = await ScriptDirectory.load(join(dir, 'migrations'))
      return { source: written.revision ? readFileSync(written.revision.path, 'utf8') : '', comparison }
    },
    upgrade: async () => void (await runUpgrade(script, 'head', runtimeOptions(db.url))),
    downgrade: async (target = 'base') => void (await runDowngrade(script, target, runtimeOptions(db.url))),
    diffs: async (tables) => (await compareWithConnection(conn, tables, settings)).diffs,
    tableNames: async () => (await reflect(conn)).tables.map((t) => t.name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}
