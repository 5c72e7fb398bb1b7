import { RevisionError } from '../errors.js'
import { displayPath } from './display-path.js'
import type { Revision } from './revision.js'
import { resolveTarget } from './target-resolver.js'
import { appliedRevisions, nextVersionRows, planDowngrade, planRange, planUpgrade } from './walk-planner.js'

const NO_IDS: readonly string[] = []

/** Adds a revision to the list kept under `key`, creating the list on first use (most revisions have no dependents). */
function appendTo(map: Map<string, Revision[]>, key: string, revision: Revision): void {
  const list = map.get(key)
  if (list === undefined) map.set(key, [revision])
  else list.push(revision)
}

/** Words that target syntax gives a meaning to; no revision id or branch label may be one of them. */
export const RESERVED_TARGET_WORDS: ReadonlySet<string> = new Set(['head', 'heads', 'base', 'current'])

/**
 * The revision DAG: every revision file's `downRevision` edges (parents) and
 * `dependsOn` edges (cross-branch dependencies), validated once, with the
 * queries and walks the runtime and CLI need. Pure: it touches no file and no
 * database.
 *
 * Order is deterministic and never comes from file names: {@link all} is a
 * depth-first topological order (parents and dependencies before children,
 * one branch finished before the next, ties broken by id), and every plan
 * lists its revisions in that order (upgrade) or its exact reverse (downgrade).
 *
 * @example
 * const graph = new RevisionGraph([a, b, c])
 * graph.heads().map((r) => r.id)            // ['c…']
 * graph.upgradePlan([], 'head').map((r) => r.id) // ['a…', 'b…', 'c…']
 */
export class RevisionGraph {
  readonly #byId = new Map<string, Revision>()
  /** Versioned children (revisions naming this one in `downRevision`), in topological order. */
  readonly #children = new Map<string, Revision[]>()
  /** Revisions naming this one (by id or label) in `dependsOn`, in topological order. */
  readonly #dependents = new Map<string, Revision[]>()
  /** `dependsOn` resolved to revision ids. */
  readonly #dependencies = new Map<string, readonly string[]>()
  readonly #labelOwners = new Map<string, Revision>()
  readonly #order: Revision[] = []
  readonly #position = new Map<string, number>()
  #effectiveLabels: Map<string, readonly string[]> | undefined

  /**
   * Builds and validates the graph.
   *
   * @throws RevisionError on a duplicate id (naming both files), a missing
   *   `downRevision` or `dependsOn` (naming the file), a cycle (naming its
   *   revisions), a branch label declared twice (naming both files), or an id
   *   or label that is a reserved word.
   */
  constructor(revisions: Iterable<Revision>) {
    for (const revision of revisions) {
      const existing = this.#byId.get(revision.id)
      if (existing !== undefined) {
        throw new RevisionError(`duplicate revision id ${revision.id} in ${displayPath(existing.path)} and ${displayPath(revision.path)}`, {
          hint: 'give one of them a new id (and update any downRevision that names it)',
        })
      }
      if (RESERVED_TARGET_WORDS.has(revision.id)) {
        throw new RevisionError(`revision id "${revision.id}" in ${displayPath(revision.path)} is a reserved target word`)
      }
      this.#byId.set(revision.id, revision)
    }
    this.#indexLabels()
    this.#linkEdges()
    this.#sortTopologically()
    const byPosition = (left: Revision, right: Revision): number => this.position(left.id) - this.position(right.id)
    for (const list of this.#children.values()) if (list.length > 1) list.sort(byPosition)
    for (const list of this.#dependents.values()) if (list.length > 1) list.sort(byPosition)
  }

  /** How many revisions the graph holds. */
  get size(): number {
    return this.#byId.size
  }

  /** True when a revision with exactly this full id exists. */
  has(id: string): boolean {
    return this.#byId.has(id)
  }

  /**
   * The revision with exactly this full id (no prefixes, no labels: see {@link resolve}).
   *
   * @throws RevisionError when no revision has this id
   */
  get(id: string): Revision {
    const revision = this.#byId.get(id)
    if (revision === undefined) throw new RevisionError(`no revision has the id ${id}`)
    return revision
  }

  /** Every revision in topological order: bases first, parents and dependencies before children. */
  all(): readonly Revision[] {
    return this.#order
  }

  /** Index of a revision in {@link all}; the tie-breaker every plan sorts by. */
  position(id: string): number {
    const position = this.#position.get(id)
    if (position === undefined) throw new RevisionError(`no revision has the id ${id}`)
    return position
  }

  /** Revisions no other revision names as its `downRevision` (in topological order). */
  heads(): Revision[] {
    return this.#order.filter((revision) => !this.#children.has(revision.id))
  }

  /** Revisions without a `downRevision` (in topological order). */
  bases(): Revision[] {
    return this.#order.filter((revision) => revision.downRevisions.length === 0)
  }

  /** Revisions whose `downRevision` names this one, in topological order. */
  children(id: string): Revision[] {
    this.get(id)
    return [...(this.#children.get(id) ?? [])]
  }

  /** Revisions whose `dependsOn` names this one (by id or label), in topological order. */
  dependents(id: string): Revision[] {
    this.get(id)
    return [...(this.#dependents.get(id) ?? [])]
  }

  /** The ids a revision depends on, with labels in `dependsOn` resolved to the revisions declaring them. */
  dependenciesOf(id: string): readonly string[] {
    this.get(id)
    return this.#dependencies.get(id) ?? NO_IDS
  }

  /** True when more than one revision names this one as its `downRevision`. */
  isBranchPoint(id: string): boolean {
    return this.children(id).length > 1
  }

  /** True when this revision names more than one `downRevision`. */
  isMergePoint(id: string): boolean {
    return this.get(id).downRevisions.length > 1
  }

  /** The revision that declares a branch label, or undefined. */
  branchLabelOwner(label: string): Revision | undefined {
    return this.#labelOwners.get(label)
  }

  /** Every declared branch label, sorted. */
  branchLabels(): string[] {
    return [...this.#labelOwners.keys()].sort()
  }

  /**
   * The branch labels a revision belongs to (Alembic semantics): those it
   * declares, those of every ancestor that declares one (a label covers all
   * descendants of its revision), and those declared further up a straight
   * line of revisions down to the nearest branch or merge point.
   */
  labelsOf(id: string): readonly string[] {
    this.get(id)
    this.#effectiveLabels ??= this.#computeEffectiveLabels()
    return this.#effectiveLabels.get(id) ?? []
  }

  /**
   * Ids of every revision below `id` (not including it).
   *
   * @param options.dependencies follow `dependsOn` edges too (default true)
   */
  ancestors(id: string, options: { dependencies?: boolean } = {}): Set<string> {
    this.get(id)
    const withDependencies = options.dependencies ?? true
    return this.#collect([id], (current) => {
      const parents = this.get(current).downRevisions
      return withDependencies ? [...parents, ...(this.#dependencies.get(current) ?? [])] : parents
    })
  }

  /**
   * Ids of every revision above `id` (not including it).
   *
   * @param options.dependencies follow `dependsOn` edges too (default true)
   */
  descendants(id: string, options: { dependencies?: boolean } = {}): Set<string> {
    this.get(id)
    const withDependencies = options.dependencies ?? true
    return this.#collect([id], (current) => {
      const children = (this.#children.get(current) ?? []).map((revision) => revision.id)
      if (!withDependencies) return children
      return [...children, ...(this.#dependents.get(current) ?? []).map((revision) => revision.id)]
    })
  }

  /**
   * Ids reachable from `starts` by `next`, not including the starts unless reached again.
   * Iterative, so a 10,000-revision chain does not overflow the stack.
   */
  #collect(starts: readonly string[], next: (id: string) => readonly string[]): Set<string> {
    const seen = new Set<string>()
    const todo = [...starts]
    for (let id = todo.pop(); id !== undefined; id = todo.pop()) {
      for (const nextId of next(id)) {
        if (!seen.has(nextId)) {
          seen.add(nextId)
          todo.push(nextId)
        }
      }
    }
    return seen
  }

  /**
   * Resolves a target to revisions. `base` → []; `heads` → all heads; `head`
   * errors when there are several. Also full ids, unique prefixes of at least
   * 4 characters, branch labels, `+N`/`-N` (relative to `current`), `REV+N`,
   * `REV-N`, and `label@head|heads|base|REV|+N|-N`.
   *
   * @param current the version table's rows, for relative targets
   * @throws UsageError for an unknown, ambiguous or too-short target, or `head` with several heads
   */
  resolve(target: string, current: readonly string[] = []): Revision[] {
    return resolveTarget(this, target, current)
  }

  /**
   * True when the version table rows `current` leave nothing to apply: every
   * revision is applied. Use this rather than comparing rows with
   * {@link heads}: as in Alembic, a head that another branch depends on is
   * folded into its dependent's row, so the rows can be fewer than the heads.
   *
   * @example
   * graph.isAtHeads(['y1']) // true when y1 depends on the other head b1
   */
  isAtHeads(current: readonly string[]): boolean {
    return this.applied(current).size === this.size
  }

  /**
   * Ids of every revision that is applied when the version table holds
   * `current`: the rows and everything below them, dependencies included.
   *
   * @throws UnknownVersionRowError when a row names no revision
   * @example
   * graph.applied(['c3']).has('a1') // true when c3 descends from a1
   */
  applied(current: readonly string[]): Set<string> {
    return appliedRevisions(this, current)
  }

  /** Revisions to apply, in order, to go from `current` (the version table's rows) to `target`. */
  upgradePlan(current: readonly string[], target: string): Revision[] {
    return planUpgrade(this, current, target)
  }

  /** Revisions to un-apply, in order, to go from `current` down to `target`. */
  downgradePlan(current: readonly string[], target: string): Revision[] {
    return planDowngrade(this, current, target)
  }

  /** The version-table rows after applying (up) or un-applying (down) `step` when rows were `current`. */
  nextCurrent(current: readonly string[], step: Revision, direction: 'up' | 'down'): string[] {
    return nextVersionRows(this, current, step, direction)
  }

  /** Revisions between two targets for `history -r A:B` (either side optional), newest first. */
  range(from: string | undefined, to: string | undefined, current: readonly string[] = []): Revision[] {
    return planRange(this, from, to, current)
  }

  #indexLabels(): void {
    for (const revision of this.#byId.values()) {
      for (const label of revision.branchLabels) {
        const owner = this.#labelOwners.get(label)
        if (owner !== undefined) {
          throw new RevisionError(`branch label "${label}" is declared by both ${displayPath(owner.path)} and ${displayPath(revision.path)}`, {
            hint: 'a label names one branch: keep it on the revision that starts the branch',
          })
        }
        const sameId = this.#byId.get(label)
        if (sameId !== undefined) {
          throw new RevisionError(`branch label "${label}" in ${displayPath(revision.path)} is also the id of the revision in ${displayPath(sameId.path)}`)
        }
        if (RESERVED_TARGET_WORDS.has(label)) {
          throw new RevisionError(`branch label "${label}" in ${displayPath(revision.path)} is a reserved target word`)
        }
        this.#labelOwners.set(label, revision)
      }
    }
  }

  #linkEdges(): void {
    for (const revision of this.#byId.values()) {
      for (const parentId of revision.downRevisions) {
        if (parentId === revision.id) {
          throw new RevisionError(`revision ${revision.id} in ${displayPath(revision.path)} names itself as its downRevision`)
        }
        if (!this.#byId.has(parentId)) {
          throw new RevisionError(`${displayPath(revision.path)} names downRevision ${parentId}, but no revision has that id`, {
            hint: 'was a revision file deleted or renamed? point downRevision at an existing revision',
          })
        }
        appendTo(this.#children, parentId, revision)
      }
      const dependencies: string[] = []
      for (const dependency of revision.dependsOn) {
        const target = this.#byId.get(dependency) ?? this.#labelOwners.get(dependency)
        if (target === undefined) {
          throw new RevisionError(`${displayPath(revision.path)} names dependsOn ${dependency}, but no revision id or branch label matches it`)
        }
        if (target.id === revision.id) {
          throw new RevisionError(`revision ${revision.id} in ${displayPath(revision.path)} depends on itself`)
        }
        if (dependencies.includes(target.id) || revision.downRevisions.includes(target.id)) continue
        dependencies.push(target.id)
        appendTo(this.#dependents, target.id, revision)
      }
      if (dependencies.length > 0) this.#dependencies.set(revision.id, dependencies)
    }
  }

  /**
   * Depth-first post-order from the real heads (revisions nothing points at),
   * sorted by id, following dependencies before parents: parents come out
   * before children, each branch contiguous.
   * Detects cycles on the way (a cycle has no real head, so every revision is
   * also tried as a start).
   */
  #sortTopologically(): void {
    const state = new Map<string, 'active' | 'done'>()
    const realHeads: string[] = []
    for (const id of this.#byId.keys()) if (!this.#children.has(id) && !this.#dependents.has(id)) realHeads.push(id)
    this.#depthFirstFrom(realHeads.sort(), state)
    // Revisions left unvisited lie on a cycle (nothing outside it points at them): walking from them reports it.
    if (state.size < this.#byId.size) this.#depthFirstFrom([...this.#byId.keys()].sort(), state)
  }

  #depthFirstFrom(starts: readonly string[], state: Map<string, 'active' | 'done'>): void {
    // Frames index into dependencies first, then parents, without building an edge array per revision.
    const stack: { revision: Revision; dependencies: readonly string[]; next: number }[] = []
    const push = (id: string): void => {
      state.set(id, 'active')
      stack.push({ revision: this.get(id), dependencies: this.#dependencies.get(id) ?? NO_IDS, next: 0 })
    }
    for (const start of starts) {
      if (state.has(start)) continue
      push(start)
      while (stack.length > 0) {
        const frame = stack[stack.length - 1] as (typeof stack)[number]
        const index = frame.next
        const edge = index < frame.dependencies.length ? frame.dependencies[index] : frame.revision.downRevisions[index - frame.dependencies.length]
        if (edge === undefined) {
          stack.pop()
          const id = frame.revision.id
          state.set(id, 'done')
          this.#position.set(id, this.#order.length)
          this.#order.push(frame.revision)
          continue
        }
        frame.next++
        const edgeState = state.get(edge)
        if (edgeState === 'done') continue
        if (edgeState === 'active') {
          const cycleStart = stack.findIndex((entry) => entry.revision.id === edge)
          const cycle = stack.slice(cycleStart).map((entry) => `${entry.revision.id} (${displayPath(entry.revision.path)})`)
          throw new RevisionError(`revision cycle: ${[...cycle, cycle[0]].join(' -> ')}`, {
            hint: 'each revision in the cycle names the next as downRevision or dependsOn; one of them must point elsewhere',
          })
        }
        push(edge)
      }
    }
  }

  #computeEffectiveLabels(): Map<string, readonly string[]> {
    const labels = new Map<string, Set<string>>()
    const add = (id: string, label: string): void => {
      let set = labels.get(id)
      if (set === undefined) labels.set(id, (set = new Set()))
      set.add(label)
    }
    for (const [label, owner] of this.#labelOwners) {
      add(owner.id, label)
      for (const id of this.descendants(owner.id, { dependencies: false })) add(id, label)
      for (const id of this.#straightLineBelow(owner.id)) add(id, label)
    }
    const result = new Map<string, readonly string[]>()
    for (const [id, set] of labels) result.set(id, [...set].sort())
    return result
  }

  /**
   * Ancestors reached by walking down single parents from `id`, stopping
   * before a revision with several children (or dependents) or several parents:
   * the part of a branch below the revision that names it.
   */
  #straightLineBelow(id: string): string[] {
    const line: string[] = []
    let current = this.get(id)
    while (current.downRevisions.length === 1) {
      const parent = this.get(current.downRevisions[0] as string)
      const fanOut = (this.#children.get(parent.id)?.length ?? 0) + (this.#dependents.get(parent.id)?.length ?? 0)
      if (fanOut > 1 || parent.downRevisions.length > 1) break
      line.push(parent.id)
      current = parent
    }
    return line
  }

  /**
   * The lowest revision of a label's branch: the revision that declares it,
   * walked down the straight line below it. `label@base` un-applies from here.
   */
  branchRoot(label: string): Revision | undefined {
    const owner = this.#labelOwners.get(label)
    if (owner === undefined) return undefined
    const line = this.#straightLineBelow(owner.id)
    return line.length === 0 ? owner : this.get(line[line.length - 1] as string)
  }
}
