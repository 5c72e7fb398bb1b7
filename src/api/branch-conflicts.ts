/**
 * `check --conflicts`: for each pair of unmerged branches (each pair of
 * heads), the tables and columns that revisions on both sides touch, read
 * from the ops each revision's upgrade declares in a dry compile (the
 * functions run against lint's op recorder; no database is opened).
 */
import { runWithXArgs } from '../config/x-args.js'
import type { Dialect } from '../dialect/dialect.js'
import { OpRecorder } from '../lint/op-recorder.js'
import { touchesOf, type OpTouch } from '../operations/ops/op-touches.js'
import { loadRevisionModule } from '../runtime/revision-module.js'
import type { RevisionGraph } from '../script/graph.js'
import type { Revision } from '../script/revision.js'

/** One table (or one part of it) both branches of a pair touch. */
export interface BranchOverlap {
  readonly table: string
  /** The column, `index:NAME` or `constraint:NAME` both touch; null when one side changes the table as a whole. */
  readonly part: string | null
  /** The revisions on each side that touch it, oldest first. */
  readonly left: readonly string[]
  readonly right: readonly string[]
}

/** Two heads whose branches overlap. */
export interface BranchConflict {
  readonly heads: readonly [string, string]
  readonly overlaps: readonly BranchOverlap[]
}

/** What {@link findBranchConflicts} found. */
export interface ConflictReport {
  readonly conflicts: readonly BranchConflict[]
  /** Revisions on a branch whose effect could not be read in full: raw SQL, an unknown op, or code that needs a database. */
  readonly unanalysed: readonly { readonly revision: string; readonly reason: string }[]
}

/**
 * Pairs of unmerged branches whose revisions touch the same table or column.
 * Only revisions that are on one branch and not the other are compared.
 *
 * @example
 * const { conflicts } = await findBranchConflicts(graph, dialect, {})
 * conflicts[0] // { heads: ['b2', 'c3'], overlaps: [{ table: 'users', part: 'email', left: ['b2'], right: ['c3'] }] }
 */
export async function findBranchConflicts(graph: RevisionGraph, dialect: Dialect, xArgs: Readonly<Record<string, string>>): Promise<ConflictReport> {
  const heads = graph.heads()
  const touches = new Map<string, OpTouch[]>()
  const unanalysed: { revision: string; reason: string }[] = []
  const branchOf = (head: Revision): Set<string> => new Set([head.id, ...graph.ancestors(head.id)])
  const branches = heads.map(branchOf)
  const shared = (i: number, j: number) => new Set([...branches[i]!].filter((id) => branches[j]!.has(id)))
  const needed = new Set<string>()
  for (let i = 0; i < heads.length; i++) for (let j = i + 1; j < heads.length; j++) {
    const common = shared(i, j)
    for (const id of [...branches[i]!, ...branches[j]!]) if (!common.has(id)) needed.add(id)
  }
  for (const revision of graph.all()) {
    if (!needed.has(revision.id)) continue
    const read = await readTouches(revision, dialect, xArgs)
    touches.set(revision.id, read.touches)
    if (read.problem !== undefined) unanalysed.push({ revision: revision.id, reason: read.problem })
  }
  const conflicts: BranchConflict[] = []
  for (let i = 0; i < heads.length; i++) for (let j = i + 1; j < heads.length; j++) {
    const common = shared(i, j)
    const only = (k: number) => graph.all().filter((r) => branches[k]!.has(r.id) && !common.has(r.id)).map((r) => r.id)
    const overlaps = overlapsOf(only(i), only(j), touches)
    if (overlaps.length > 0) conflicts.push({ heads: [heads[i]!.id, heads[j]!.id], overlaps })
  }
  return { conflicts, unanalysed }
}

async function readTouches(revision: Revision, dialect: Dialect, xArgs: Readonly<Record<string, string>>): Promise<{ touches: OpTouch[]; problem?: string }> {
  const recorder = new OpRecorder(dialect, xArgs)
  let problem: string | undefined
  try {
    await runWithXArgs(xArgs, async () => {
      const module = await loadRevisionModule(revision)
      const op = recorder.operations('up', revision.id)
      await module.upgrade(op)
      await op.drain()
    })
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error)
  }
  const found: OpTouch[] = []
  const unknown = new Set<string>()
  for (const { op } of recorder.recorded) {
    const { touches, known } = touchesOf(op)
    found.push(...touches)
    if (!known) unknown.add(op.kind)
  }
  if (problem === undefined && unknown.size > 0) problem = `${[...unknown].join(', ')} cannot be read for the objects it touches`
  return problem === undefined ? { touches: found } : { touches: found, problem }
}

function overlapsOf(left: readonly string[], right: readonly string[], touches: ReadonlyMap<string, OpTouch[]>): BranchOverlap[] {
  const byTable = (ids: readonly string[]) => {
    const tables = new Map<string, Map<string | null, string[]>>()
    for (const id of ids) {
      for (const touch of touches.get(id) ?? []) {
        const parts = tables.get(touch.table) ?? new Map<string | null, string[]>()
        tables.set(touch.table, parts)
        const list = parts.get(touch.part) ?? []
        if (!list.includes(id)) list.push(id)
        parts.set(touch.part, list)
      }
    }
    return tables
  }
  const a = byTable(left)
  const b = byTable(right)
  const overlaps: BranchOverlap[] = []
  for (const [table, leftParts] of a) {
    const rightParts = b.get(table)
    if (rightParts === undefined) continue
    const all = (parts: Map<string | null, string[]>) => [...new Set([...parts.values()].flat())]
    if (leftParts.has(null) || rightParts.has(null)) {
      overlaps.push({ table, part: null, left: order(left, all(leftParts)), right: order(right, all(rightParts)) })
      continue
    }
    for (const [part, ids] of leftParts) {
      const other = rightParts.get(part)
      if (other !== undefined) overlaps.push({ table, part, left: order(left, ids), right: order(right, other) })
    }
  }
  return overlaps
}

function order(sequence: readonly string[], ids: readonly string[]): string[] {
  return sequence.filter((id) => ids.includes(id))
}
