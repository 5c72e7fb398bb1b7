/**
 * `check --history`: the whole revision history replayed into a scratch
 * database that needs no server (the dialect chooses it: SQLite in memory,
 * PGlite, a throwaway database on the configured MariaDB), then compared
 * with the models. `--roundtrip` also steps each revision up, down (the
 * schema must be what it was before the upgrade) and up again; after a
 * downgrade that left a difference the scratch database is built afresh up
 * to that revision, so each later one is still checked on the schema it
 * expects. Nothing is
 * read from or written to the configured database itself.
 */
import type { ResolvedConfig } from '../config/config-types.js'
import { compareWithConnection } from '../autogenerate/autogenerate.js'
import type { SchemaDiff } from '../autogenerate/schema-diff.js'
import type { DatabaseConnection } from '../dialect/dialect.js'
import { reflect } from '../dialect/reflector.js'
import { loadDialect, parseDatabaseUrl } from '../dialect/registry.js'
import { runRevisions, runUpgrade, type RuntimeOptions } from '../runtime/commands.js'
import type { ScriptDirectory } from '../script/script-directory.js'
import type { Revision } from '../script/revision.js'
import type { ScratchDatabase } from '../dialect/runtime-support.js'
import { compareModelsOn, compareSettingsOf, loadConfigModels, type CompareMetadataResult } from './model-comparison.js'
import { runtimeOptionsOf } from './run-options.js'

/** A revision whose downgrade did not give back the schema its upgrade started from. */
export interface RoundtripFailure {
  readonly revision: string
  readonly message: string
  /** What differs after upgrade → downgrade, read as "what the downgrade should have restored": `add_index` is an index it dropped and did not put back… */
  readonly diffs: readonly SchemaDiff[]
}

/** What `check --history` (and `--roundtrip`) found: `compareMetadata`'s shape, plus where and what was replayed. */
export interface HistoryCheckResult extends CompareMetadataResult {
  /** The scratch database the history was replayed into, e.g. `SQLite in memory`. */
  readonly scratch: string
  /** Every revision replayed, base to heads. */
  readonly revisions: readonly string[]
  /** With `roundtrip`: how many revisions were stepped up, down and up, and those whose downgrade left a difference. */
  readonly roundtrip?: { readonly checked: number; readonly failures: readonly RoundtripFailure[] }
}

/**
 * Replays the history into a scratch database and compares it with the
 * models; with `roundtrip`, checks each revision's downgrade on the way.
 *
 * @example
 * const { upToDate, diffs, scratch, roundtrip } = await checkHistory(athanor.config, athanor.script, { roundtrip: true })
 */
export async function checkHistory(config: ResolvedConfig, script: ScriptDirectory, options: { roundtrip?: boolean } = {}): Promise<HistoryCheckResult> {
  const models = await loadConfigModels(config)
  const dialect = await loadDialect(config.url)
  const url = parseDatabaseUrl(config.url)
  let scratch = await dialect.runtime.openScratch(url)
  const description = scratch.description
  try {
    const revisions = script.graph.all()
    const runOn = (s: ScratchDatabase): RuntimeOptions => ({ ...runtimeOptionsOf(config, {}), connection: s.connection })
    let roundtrip: HistoryCheckResult['roundtrip']
    if (options.roundtrip === true) {
      const failures: RoundtripFailure[] = []
      // The models' schemas besides the default one: where their tables, and so the revisions' work, live.
      const schemas = [...new Set(models.tables.map((t) => t.schema).filter((s): s is string => s !== null))]
      for (const [at, revision] of revisions.entries()) {
        const diffs = await stepUpDown(script, revision, runOn(scratch), { config, schemas })
        if (diffs.length > 0) {
          failures.push({ revision: revision.id, message: revision.message, diffs })
          // The schema is not what the next revisions expect: rebuild it up to here from a fresh scratch database.
          await scratch.dispose()
          scratch = await dialect.runtime.openScratch(url)
          await runRevisions(script, 'up', revisions.slice(0, at + 1), runOn(scratch))
        } else {
          await runRevisions(script, 'up', [revision], runOn(scratch))
        }
      }
      roundtrip = { checked: revisions.length, failures }
    } else {
      await runUpgrade(script, 'heads', runOn(scratch))
    }
    const { comparison } = await compareModelsOn(scratch.connection, config, models)
    return {
      upToDate: comparison.diffs.length === 0,
      diffs: comparison.diffs,
      notCarried: comparison.notCarried,
      scratch: description,
      revisions: revisions.map((r) => r.id),
      ...(roundtrip === undefined ? {} : { roundtrip }),
    }
  } finally {
    await scratch.dispose()
  }
}

/**
 * Upgrades one revision, downgrades it, and compares the schema with the one
 * read before the upgrade (the same database on both sides, so nothing is
 * canonicalized away): the differences are what the downgrade left undone.
 */
async function stepUpDown(
  script: ScriptDirectory,
  revision: Revision,
  run: RuntimeOptions,
  { config, schemas }: { config: ResolvedConfig; schemas: readonly string[] },
): Promise<readonly SchemaDiff[]> {
  const conn = run.connection as DatabaseConnection
  const before = await reflect(conn, { schemas: [null, ...schemas], versionTable: config.versionTable })
  await runRevisions(script, 'up', [revision], run)
  await runRevisions(script, 'down', [revision], run)
  return (await compareWithConnection(conn, before.tables, compareSettingsOf(config))).diffs
}
