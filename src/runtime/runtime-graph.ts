import type { Revision } from '../script/revision.js'

/**
 * The part of the revision graph the runtime uses. `RevisionGraph` from
 * `src/script/graph.ts` satisfies it; the runtime names only what it needs so
 * that it stays independent of how the script layer builds the graph.
 */
export interface RuntimeGraph {
  get(id: string): Revision
  resolve(target: string, current?: readonly string[]): Revision[]
  upgradePlan(current: readonly string[], target: string): Revision[]
  downgradePlan(current: readonly string[], target: string): Revision[]
  nextCurrent(current: readonly string[], step: Revision, direction: 'up' | 'down'): string[]
}

/** The part of a `ScriptDirectory` the runtime uses. */
export interface RuntimeScript {
  readonly graph: RuntimeGraph
}

/**
 * Every revision that is applied when the version table holds `current`: the
 * rows themselves and everything they descend from, dependencies included.
 *
 * @example
 * appliedRevisions(graph, ['c3']).has('a1') // true when c3 descends from a1
 */
export function appliedRevisions(graph: RuntimeGraph, current: readonly string[]): Set<string> {
  const applied = new Set<string>()
  const pending = [...current]
  while (pending.length > 0) {
    const id = pending.pop()!
    if (applied.has(id)) continue
    const revision = lookup(graph, id)
    if (revision === undefined) continue
    if (applied.has(revision.id)) continue
    applied.add(revision.id)
    pending.push(...revision.downRevisions, ...revision.dependsOn)
  }
  return applied
}

function lookup(graph: RuntimeGraph, idOrLabel: string): Revision | undefined {
  try {
    return graph.get(idOrLabel)
  } catch {
    // dependsOn may name a branch label rather than an id.
    try {
      return graph.resolve(idOrLabel)[0]
    } catch {
      return undefined
    }
  }
}
