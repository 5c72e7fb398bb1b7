import { UsageError } from '../errors.js'
import type { RevisionGraph } from '../script/graph.js'
import type { Revision } from '../script/revision.js'

/**
 * Revisions to apply, in order, to bring `current` up to `target`. A target
 * below the current revision is an error, as in Alembic: upgrade never moves
 * down. A row no revision file defines is an `UnknownVersionRowError`.
 *
 * @example
 * planUpgrade(graph, [], 'head') // every revision, oldest first
 */
export function planUpgrade(graph: RevisionGraph, current: readonly string[], target: string): Revision[] {
  const plan = graph.upgradePlan(current, target)
  if (plan.length > 0) return plan
  const applied = graph.applied(current)
  const below = graph.resolve(target, current).find((revision) => applied.has(revision.id) && !current.includes(revision.id))
  if (below !== undefined) {
    throw new UsageError(`"${target}" (${below.id}) is not a valid upgrade target: it is below the current revision ${describe(current)}`, {
      hint: `to move down, run: downgrade ${target}`,
    })
  }
  return plan
}

/**
 * Revisions to un-apply, in order, to bring `current` down to `target`. A
 * target above the current revision is an error, as in Alembic.
 *
 * @example
 * planDowngrade(graph, ['c3'], 'base') // c3, b2, a1
 */
export function planDowngrade(graph: RevisionGraph, current: readonly string[], target: string): Revision[] {
  const plan = graph.downgradePlan(current, target)
  if (plan.length > 0) return plan
  const applied = graph.applied(current)
  const above = graph.resolve(target, current).find((revision) => !applied.has(revision.id))
  if (above !== undefined) {
    throw new UsageError(`"${target}" (${above.id}) is not a valid downgrade target: it is above the current revision ${describe(current)}`, {
      hint: `to move up, run: upgrade ${target}`,
    })
  }
  return plan
}

/**
 * The version-table rows after `stamp targets`: each target replaces the
 * current rows on its own line of history (its ancestors and descendants);
 * rows on unrelated branches stay. With `purge` the table is emptied first.
 * `base` empties it too.
 *
 * @example
 * stampRows(graph, ['b2'], ['a1'], false) // ['a1']
 */
export function stampRows(graph: RevisionGraph, current: readonly string[], targets: readonly string[], purge: boolean): string[] {
  const resolved: Revision[] = []
  let clear = purge
  for (const target of targets) {
    const revisions = graph.resolve(target, current)
    if (target === 'base') clear = true
    resolved.push(...revisions)
  }
  if (!clear) {
    // Stamping is how such a row is replaced, so the refusal names the stamp that does it.
    const unknown = current.find((id) => !graph.has(id))
    if (unknown !== undefined) {
      throw new UsageError(`the version table names ${unknown}, which no revision file defines`, {
        hint: `replace it with: stamp --purge ${targets.join(' ')}`,
      })
    }
  }
  const kept = clear
    ? []
    : current.filter((id) => {
        const below = graph.applied([id])
        return !resolved.some((revision) => below.has(revision.id) || graph.applied([revision.id]).has(id))
      })
  const rows = [...kept]
  for (const revision of resolved) if (!rows.includes(revision.id)) rows.push(revision.id)
  // A row that another row descends from is implied by it; keep only the tips.
  return rows
    .filter((id) => !rows.some((other) => other !== id && graph.applied([other]).has(id)))
    .sort()
}

function describe(current: readonly string[]): string {
  return current.length === 0 ? '(base)' : current.join(', ')
}
