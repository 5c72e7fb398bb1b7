/**
 * A revision together with its place in the graph: the record the API's read
 * methods return and the CLI prints (text and `--json`).
 */
import type { RevisionGraph } from '../script/graph.js'
import type { Revision } from '../script/revision.js'

/** A revision as the read commands report it. `revision` is the full id (DESIGN §3 JSON key). */
export interface RevisionDetails {
  readonly revision: string
  readonly message: string
  readonly downRevisions: readonly string[]
  /** Branch labels the revision belongs to (declared here or inherited along its branch, as Alembic shows them). */
  readonly branchLabels: readonly string[]
  /** Branch labels this revision's file declares. */
  readonly declaredBranchLabels: readonly string[]
  readonly dependsOn: readonly string[]
  readonly createDate: string | null
  readonly path: string
  readonly isHead: boolean
  readonly isBase: boolean
  readonly isBranchPoint: boolean
  readonly isMergePoint: boolean
  /** Ids of the revisions whose parent this is. */
  readonly children: readonly string[]
}

/**
 * Describes `revision` within `graph`.
 *
 * @example
 * describeRevision(graph, graph.get('3f2a9c1b7d4e')).isHead // true
 */
export function describeRevision(graph: RevisionGraph, revision: Revision): RevisionDetails {
  return {
    revision: revision.id,
    message: revision.message,
    downRevisions: revision.downRevisions,
    branchLabels: graph.labelsOf(revision.id),
    declaredBranchLabels: revision.branchLabels,
    dependsOn: revision.dependsOn,
    createDate: revision.createDate ?? null,
    path: revision.path,
    isHead: graph.children(revision.id).length === 0,
    isBase: revision.downRevisions.length === 0,
    isBranchPoint: graph.isBranchPoint(revision.id),
    isMergePoint: graph.isMergePoint(revision.id),
    children: graph.children(revision.id).map((child) => child.id),
  }
}

/**
 * The graph's heads; with `resolveDependencies`, minus every head that
 * another head depends on (directly or through its ancestors), as Alembic's
 * `heads --resolve-dependencies` treats `depends_on` like a parent link.
 */
export function resolveHeads(graph: RevisionGraph, resolveDependencies: boolean): Revision[] {
  const heads = graph.heads()
  if (!resolveDependencies) return heads
  const needed = new Set<string>()
  for (const head of heads) {
    for (const id of graph.ancestors(head.id, { dependencies: true })) if (id !== head.id) needed.add(id)
  }
  return heads.filter((head) => !needed.has(head.id))
}
