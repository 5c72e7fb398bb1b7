import { RevisionGraph } from '../../src/script/graph.js'
import type { Revision } from '../../src/script/revision.js'

/** Shape of one revision in a test graph: parents, dependencies and labels by id. */
export interface RevisionShape {
  down?: string | string[]
  deps?: string[]
  labels?: string[]
  message?: string
}

/** A Revision as the header parser would produce it, with a path named after the id. */
export function revision(id: string, shape: RevisionShape = {}): Revision {
  const down = shape.down === undefined ? [] : typeof shape.down === 'string' ? [shape.down] : shape.down
  return {
    id,
    downRevisions: down,
    branchLabels: shape.labels ?? [],
    dependsOn: shape.deps ?? [],
    message: shape.message ?? `message of ${id}`,
    createDate: undefined,
    path: `versions/${id}_file.ts`,
  }
}

/** Builds a graph from `{ id: shape }`. */
export function graphOf(shapes: Record<string, RevisionShape>): RevisionGraph {
  return new RevisionGraph(Object.entries(shapes).map(([id, shape]) => revision(id, shape)))
}

/** Ids of revisions, for compact assertions. */
export function ids(revisions: readonly Revision[]): string[] {
  return revisions.map((entry) => entry.id)
}

/** Applies a plan step by step with nextCurrent, returning the rows after each step. */
export function rowsAlong(graph: RevisionGraph, current: readonly string[], plan: readonly Revision[], direction: 'up' | 'down'): string[][] {
  const seen: string[][] = []
  let rows = [...current]
  for (const step of plan) {
    rows = graph.nextCurrent(rows, step, direction)
    seen.push([...rows].sort())
  }
  return seen
}
