/**
 * Source checksums of applied revisions: reading them back against the files
 * (`current --verify`, `check --verify`) and recording a file's new checksum
 * when an edit was intended (`rehash`). The runner records them as it applies
 * revisions; this file only reads and re-records.
 */
import { openConnection } from '../dialect/connect.js'
import type { DatabaseConnection } from '../dialect/dialect.js'
import { checksumTableName, checksumTableSql, VERSION_COLUMN } from '../dialect/version-table-sql.js'
import { UsageError } from '../errors.js'
import { revisionChecksum } from '../script/revision-checksum.js'
import type { Revision } from '../script/revision.js'
import { withMigrationLock, type RuntimeOptions, type RuntimeScript } from './commands.js'
import { OnlineExecutor } from './online-executor.js'
import { VersionTable } from './version-table.js'

/** An applied revision whose file no longer has the checksum recorded when it ran. */
export interface ChangedRevision {
  readonly revision: string
  /** The revision file, absolute. */
  readonly path: string
  readonly recorded: string
  readonly actual: string
}

/** What {@link verifyChecksums} found. */
export interface VerifyResult {
  /** True when no applied revision's file changed. */
  readonly ok: boolean
  readonly changed: readonly ChangedRevision[]
  /** Applied revisions with no recorded checksum (stamped, applied from offline SQL, or before checksums were kept). */
  readonly unrecorded: readonly string[]
  /** The version table's rows. */
  readonly current: readonly string[]
}

/** One revision `rehash` recorded. */
export interface RehashedRevision {
  readonly revision: string
  readonly path: string
  readonly checksum: string
  /** What was recorded before, null when nothing was. */
  readonly previous: string | null
}

/**
 * Compares the checksum recorded for each applied revision with its file
 * now. Reads only: creates nothing, takes no lock.
 *
 * @example
 * const { ok, changed } = await verifyChecksums(script, options)
 * for (const c of changed) console.log(`${c.revision} ${c.path} changed`)
 */
export async function verifyChecksums(script: RuntimeScript, o: RuntimeOptions): Promise<VerifyResult> {
  const conn = await openConnection(o.url)
  try {
    const current = await new VersionTable(conn.dialect, o.versionTable, o.versionTableSchema).read(conn)
    const recorded = await readChecksums(conn, o)
    const changed: ChangedRevision[] = []
    const unrecorded: string[] = []
    for (const revision of appliedInOrder(script, current)) {
      const before = recorded.get(revision.id)
      if (before === undefined) {
        unrecorded.push(revision.id)
        continue
      }
      const actual = revisionChecksum(revision.path)
      if (actual !== before) changed.push({ revision: revision.id, path: revision.path, recorded: before, actual })
    }
    return { ok: changed.length === 0, changed, unrecorded, current }
  } finally {
    await conn.close()
  }
}

/**
 * Records the current checksum of each revision `targets` name (ids,
 * prefixes, `heads`, `label@head`…), accepting an intentional edit. Each
 * must be applied. Runs under the migration lock, in one transaction.
 *
 * @throws UsageError when a target names no revision or one that is not applied
 * @example
 * await rehashRevisions(script, ['3f2a'], options) // [{ revision: '3f2a9c1b7d4e', checksum: '…', previous: '…' }]
 */
export async function rehashRevisions(script: RuntimeScript, targets: readonly string[], o: RuntimeOptions): Promise<RehashedRevision[]> {
  if (targets.length === 0) throw new UsageError('rehash needs at least one revision', { hint: 'e.g. athanor rehash 3f2a9c1b7d4e' })
  const { graph } = script
  const revisions = [...new Map(targets.flatMap((target) => graph.resolve(target)).map((r) => [r.id, r])).values()]
  if (revisions.length === 0) throw new UsageError(`${targets.join(', ')} names no revision`)
  const { rehashed } = await withMigrationLock(
    o,
    async ({ conn, table, lock, checksums }) => {
      const executor = new OnlineExecutor(conn, lock)
      await executor.begin()
      try {
        const applied = graph.applied(await table.readExisting(conn))
        const notApplied = revisions.filter((r) => !applied.has(r.id))
        if (notApplied.length > 0) {
          throw new UsageError(`${notApplied.map((r) => r.id).join(', ')} ${notApplied.length === 1 ? 'is' : 'are'} not applied: there is no checksum to accept`, {
            hint: 'rehash names revisions the database is at or past; `athanor current` lists them',
          })
        }
        const recorded = await readChecksums(conn, o)
        const rehashed: RehashedRevision[] = []
        for (const revision of revisions) {
          const checksum = revisionChecksum(revision.path)
          for (const statement of checksums!.record(revision.id, checksum)) await executor.run(statement)
          rehashed.push({ revision: revision.id, path: revision.path, checksum, previous: recorded.get(revision.id) ?? null })
        }
        await executor.commit()
        return { rehashed }
      } catch (error) {
        await executor.rollback().catch(() => undefined)
        throw error
      }
    },
    { checksums: true },
  )
  return rehashed
}

async function readChecksums(conn: DatabaseConnection, o: RuntimeOptions): Promise<Map<string, string>> {
  const exists = conn.dialect.runtime.tableExistsQuery(checksumTableName(o.versionTable), o.versionTableSchema)
  if ((await conn.query(exists.sql, exists.params)).length === 0) return new Map()
  const rows = await conn.query(checksumTableSql(conn.dialect, o.versionTable, o.versionTableSchema).select.sql)
  return new Map(rows.map((row) => [String(row[VERSION_COLUMN]), String(row['checksum'])]))
}

/** The applied revisions, oldest first (graph order), so reports read as history does. */
function appliedInOrder(script: RuntimeScript, current: readonly string[]): Revision[] {
  const applied = script.graph.applied(current)
  return script.graph.all().filter((r) => applied.has(r.id))
}
