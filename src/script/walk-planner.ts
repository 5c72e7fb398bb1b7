import { AmbiguousTargetError, UnknownVersionRowError, UsageError } from '../errors.js'
import type { RevisionGraph } from './graph.js'
import type { Revision } from './revision.js'
import { branchLineage, describeRevisions, parseTarget, resolveTarget } from './target-resolver.js'

/**
 * Upgrade, downgrade and history walks over a {@link RevisionGraph}, and the
 * version-table bookkeeping of each step. The version table holds a set of
 * rows; a revision is applied when it is a row or an ancestor (through
 * `downRevision` or `dependsOn`) of a row — Alembic's model.
 *
 * Every walk sorts by the graph's topological order, so a downgrade is the
 * exact reverse of the upgrade that covers the same revisions.
 */

/** Every applied revision id: the rows and all their ancestors, dependencies included. */
export function appliedRevisions(graph: RevisionGraph, current: readonly string[]): Set<string> {
  const applied = new Set<string>()
  const todo: string[] = []
  for (const id of current) {
    if (!graph.has(id)) throw new UnknownVersionRowError(id)
    if (!applied.has(id)) {
      applied.add(id)
      todo.push(id)
    }
  }
  for (let id = todo.pop(); id !== undefined; id = todo.pop()) {
    for (const below of [...graph.get(id).downRevisions, ...graph.dependenciesOf(id)]) {
      if (!applied.has(below)) {
        applied.add(below)
        todo.push(below)
      }
    }
  }
  return applied
}

/** Ids of `starts` and everything above them, `dependsOn` included, in one walk however many starts. */
function withDescendants(graph: RevisionGraph, starts: readonly Revision[]): Set<string> {
  const found = new Set(starts.map((revision) => revision.id))
  const todo = [...found]
  for (let id = todo.pop(); id !== undefined; id = todo.pop()) {
    for (const above of [...graph.children(id), ...graph.dependents(id)]) {
      if (!found.has(above.id)) {
        found.add(above.id)
        todo.push(above.id)
      }
    }
  }
  return found
}

function inOrder(graph: RevisionGraph, ids: Iterable<string>, direction: 'up' | 'down'): Revision[] {
  const sorted = [...ids].sort((left, right) => graph.position(left) - graph.position(right))
  if (direction === 'down') sorted.reverse()
  return sorted.map((id) => graph.get(id))
}

/**
 * Revisions to apply, in order, to go from `current` to `target`: everything
 * the target needs (its ancestors and dependencies) that is not applied yet.
 * A target already below the current revisions gives an empty plan.
 */
export function planUpgrade(graph: RevisionGraph, current: readonly string[], target: string): Revision[] {
  const applied = appliedRevisions(graph, current)
  const parsed = parseTarget(graph, target)
  if (parsed.symbol === '' && parsed.step !== undefined && parsed.step < 0) {
    throw new UsageError(`"${target}" goes down; use downgrade`)
  }
  const targets = resolveTarget(graph, target, current)
  const needed = appliedRevisions(graph, targets.map((revision) => revision.id))
  for (const id of applied) needed.delete(id)
  return inOrder(graph, needed, 'up')
}

/**
 * Revisions to un-apply, in order, to go from `current` down to `target`:
 * the applied revisions above the target (and everything depending on them).
 * `base` un-applies everything; `label@base` un-applies the label's branch
 * down to where it forks from another branch; `label@REV` limits the walk to
 * the children of REV on that branch.
 *
 * @throws UsageError when the target is not applied (nothing to go down to)
 */
export function planDowngrade(graph: RevisionGraph, current: readonly string[], target: string): Revision[] {
  const applied = appliedRevisions(graph, current)
  const parsed = parseTarget(graph, target)
  if (parsed.symbol === '' && parsed.step !== undefined && parsed.step > 0) {
    throw new UsageError(`"${target}" goes up; use upgrade`)
  }
  let roots: Revision[]
  let destination: Revision | undefined
  if (parsed.branch !== undefined && parsed.symbol === 'base' && parsed.step === undefined) {
    const root = graph.branchRoot(parsed.branch) ?? resolveTarget(graph, parsed.branch, current)[0]
    roots = root === undefined ? [] : [root]
  } else {
    const resolved = resolveTarget(graph, target, current)
    if (resolved.length > 1) {
      throw new AmbiguousTargetError(target, resolved.map((revision) => revision.id), `downgrade needs one target, but "${target}" names ${describeRevisions(resolved)}`)
    }
    destination = resolved[0]
    roots = destination === undefined ? graph.bases() : graph.children(destination.id)
    const anchor = parsed.branch ?? (parsed.symbol === '' && parsed.step !== undefined ? current[0] : undefined)
    if (anchor !== undefined && roots.length > 1) {
      const lineage = branchLineage(graph, anchor)
      roots = roots.filter((revision) => lineage.has(revision.id))
    }
  }
  if (destination !== undefined && !applied.has(destination.id)) {
    throw new UsageError(`cannot downgrade to ${destination.id}: it is not applied`, {
      hint: current.length === 0 ? 'the database is at base' : `the database is at ${current.join(', ')}`,
    })
  }
  const removed = withDescendants(graph, roots)
  for (const id of removed) if (!applied.has(id)) removed.delete(id)
  return inOrder(graph, removed, 'down')
}

/**
 * True when `ancestor` is below one of `ids` (not equal to it). Searches
 * down from `ids` and prunes at the ancestor's topological position: nothing
 * placed before it in the order can have it below.
 */
function isBelow(graph: RevisionGraph, ancestor: string, ids: readonly string[], dependencies: boolean): boolean {
  const floor = graph.position(ancestor)
  const seen = new Set<string>()
  const todo = ids.filter((id) => graph.position(id) > floor)
  for (let id = todo.pop(); id !== undefined; id = todo.pop()) {
    const revision = graph.get(id)
    const below = dependencies ? [...revision.downRevisions, ...graph.dependenciesOf(id)] : revision.downRevisions
    for (const next of below) {
      if (next === ancestor) return true
      if (!seen.has(next) && graph.position(next) > floor) {
        seen.add(next)
        todo.push(next)
      }
    }
  }
  return false
}

/**
 * The version-table rows after one step.
 *
 * Up on R: rows below R (its parents and dependencies, or anything under
 * them) are replaced by R: a merge replaces several rows with one, a second
 * child of a branch point adds a row. As in Alembic's `alembic_version`, a
 * `dependsOn` dependency's row is folded into R's too, so the rows never hold
 * one revision below another (Alembic refuses such a table as "overlapping").
 *
 * Down on R: R's row goes, and R's parents and dependencies come back unless
 * another remaining row (or another of them) already has them below it.
 *
 * @returns the rows in topological order
 */
export function nextVersionRows(graph: RevisionGraph, current: readonly string[], step: Revision, direction: 'up' | 'down'): string[] {
  for (const id of current) if (!graph.has(id)) throw new UnknownVersionRowError(id)
  const stepId = graph.get(step.id).id
  const rows = new Set(current)
  if (direction === 'up') {
    for (const row of current) {
      if (row !== stepId && (step.downRevisions.includes(row) || isBelow(graph, row, [stepId], true))) rows.delete(row)
    }
    rows.add(stepId)
  } else {
    rows.delete(stepId)
    const candidates = [...new Set([...step.downRevisions, ...graph.dependenciesOf(stepId)])]
    const remaining = [...rows]
    for (const candidate of candidates) {
      if (rows.has(candidate)) continue
      const others = candidates.filter((other) => other !== candidate)
      if (isBelow(graph, candidate, remaining, true) || isBelow(graph, candidate, others, true)) continue
      rows.add(candidate)
    }
  }
  return [...rows].sort((left, right) => graph.position(left) - graph.position(right))
}

/**
 * Revisions for `history -r FROM:TO`, newest first: TO and everything below
 * it, down to and including FROM. A missing FROM means base, a missing TO
 * means heads; either may be `current` (the version table's rows).
 *
 * @throws UsageError when FROM is not below TO
 */
export function planRange(graph: RevisionGraph, from: string | undefined, to: string | undefined, current: readonly string[]): Revision[] {
  const resolveSide = (side: string | undefined, fallback: () => Revision[]): Revision[] => {
    if (side === undefined || side.trim() === '') return fallback()
    if (side.trim() === 'current') return current.map((id) => (graph.has(id) ? graph.get(id) : raise(new UnknownVersionRowError(id))))
    return resolveTarget(graph, side, current)
  }
  const upper = resolveSide(to, () => graph.heads())
  const lower = resolveSide(from, () => [])
  const included = appliedRevisions(graph, upper.map((revision) => revision.id))
  if (lower.length > 0) {
    for (const revision of lower) {
      if (!included.has(revision.id)) {
        throw new UsageError(`revision ${revision.id} is not below ${to ?? 'heads'}, so -r ${from ?? ''}:${to ?? ''} is empty`)
      }
    }
    const above = new Set<string>(lower.map((revision) => revision.id))
    for (const revision of lower) for (const id of graph.descendants(revision.id, { dependencies: false })) above.add(id)
    for (const id of included) if (!above.has(id)) included.delete(id)
  }
  return inOrder(graph, included, 'down')
}

function raise(error: Error): never {
  throw error
}
