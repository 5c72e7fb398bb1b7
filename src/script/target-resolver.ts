import { AmbiguousTargetError, MultipleHeadsError, UnknownVersionRowError, UsageError } from '../errors.js'
import type { RevisionGraph } from './graph.js'
import type { Revision } from './revision.js'

/**
 * Target syntax (DESIGN §3), resolved against a {@link RevisionGraph}:
 *
 * | target            | means                                                       |
 * |-------------------|-------------------------------------------------------------|
 * | `head` / `heads`  | the single head (error when several) / every head           |
 * | `base`            | nothing applied (resolves to `[]`)                          |
 * | `3f2a9c1b7d4e`    | a full id, a unique prefix of ≥ 4 characters, or a label    |
 * | `+2` / `-1`       | walk up / down from the current revision                    |
 * | `REV+2` / `REV-1` | walk up / down from REV (REV may be `head`)                 |
 * | `L@head` …        | the same forms limited to branch L: `L@head`, `L@heads`,    |
 * |                   | `L@base`, `L@REV`, `L@+N`, `L@-N`, `L@REV+N`                |
 *
 * Branch L is the lineage of the revision declaring label L: its ancestors
 * and descendants (Alembic's `_shares_lineage`). `L` may also be a revision.
 */

/** Shortest prefix accepted for a revision id (Alembic's rule). */
export const MINIMUM_PREFIX_LENGTH = 4

/** A target split into its branch, symbol and relative step. */
export interface ParsedTarget {
  /** The part before `@`, when there is one. */
  readonly branch: string | undefined
  /** `head`, `heads`, `base`, an id, prefix or label; '' when the target is only a relative step (`+1`). */
  readonly symbol: string
  /** The signed step of `+N`/`-N`, or undefined when the target is absolute. */
  readonly step: number | undefined
}

/**
 * Splits a target into branch, symbol and step without resolving it.
 *
 * @example
 * parseTarget('billing@-2') // { branch: 'billing', symbol: '', step: -2 }
 * parseTarget('ae10+1')     // { branch: undefined, symbol: 'ae10', step: 1 }
 */
export function parseTarget(graph: RevisionGraph, target: string): ParsedTarget {
  const trimmed = target.trim()
  if (trimmed === '') throw new UsageError('empty revision target', { hint: 'give head, base, a revision id, +N or -N' })
  // An exact id or label wins over every other reading, so one holding "-" is never a relative step.
  if (graph.has(trimmed) || graph.branchLabelOwner(trimmed) !== undefined) return { branch: undefined, symbol: trimmed, step: undefined }
  const at = trimmed.indexOf('@')
  const branch = at < 0 ? undefined : trimmed.slice(0, at)
  const rest = at < 0 ? trimmed : trimmed.slice(at + 1)
  if (branch === '') throw new UsageError(`target "${target}" has no branch name before "@"`)
  if (graph.has(rest) || graph.branchLabelOwner(rest) !== undefined) return { branch, symbol: rest, step: undefined }
  let digitsStart = rest.length
  while (digitsStart > 0 && isDigit(rest.charCodeAt(digitsStart - 1))) digitsStart--
  const sign = rest[digitsStart - 1]
  if (digitsStart < rest.length && (sign === '+' || sign === '-')) {
    const magnitude = Number(rest.slice(digitsStart))
    return { branch, symbol: rest.slice(0, digitsStart - 1), step: sign === '-' ? -magnitude : magnitude }
  }
  return { branch, symbol: rest, step: undefined }
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57
}

/**
 * Resolves a target to revisions (see the table above). `base` → `[]`.
 *
 * @throws UsageError for an unknown, ambiguous or too-short target, `head`
 *   with several heads, or a relative step that walks off the graph or meets
 *   a branch or merge point
 */
export function resolveTarget(graph: RevisionGraph, target: string, current: readonly string[]): Revision[] {
  const parsed = parseTarget(graph, target)
  const lineage = parsed.branch === undefined ? undefined : branchLineage(graph, parsed.branch)
  if (parsed.step === undefined) return resolveSymbol(graph, parsed.symbol, parsed.branch, lineage)
  if (parsed.step === 0) throw new UsageError(`target "${target}" moves 0 steps`)
  const start = parsed.symbol === '' ? currentStart(graph, parsed, lineage, current, target) : singleRevision(graph, parsed.symbol, parsed.branch, lineage)
  const end = walk(graph, start, parsed.step, parsed.step > 0 ? lineage : undefined, target)
  return end === null ? [] : [end]
}

/**
 * The revisions sharing a lineage with a branch label (or revision) `branch`:
 * the revision declaring it, its ancestors and its descendants, without
 * following `dependsOn`.
 */
export function branchLineage(graph: RevisionGraph, branch: string): Set<string> {
  const owner = graph.branchLabelOwner(branch) ?? branchAsRevision(graph, branch)
  const lineage = graph.ancestors(owner.id, { dependencies: false })
  for (const id of graph.descendants(owner.id, { dependencies: false })) lineage.add(id)
  lineage.add(owner.id)
  return lineage
}

function branchAsRevision(graph: RevisionGraph, branch: string): Revision {
  try {
    return lookupId(graph, branch, undefined)
  } catch (error) {
    const labels = graph.branchLabels()
    throw new UsageError(`no branch label or revision "${branch}"`, {
      hint: labels.length === 0 ? 'no revision declares branchLabels yet' : `known branch labels: ${labels.join(', ')}`,
      cause: error,
    })
  }
}

function resolveSymbol(graph: RevisionGraph, symbol: string, branch: string | undefined, lineage: Set<string> | undefined): Revision[] {
  const inLineage = (revision: Revision): boolean => lineage === undefined || lineage.has(revision.id)
  switch (symbol) {
    case 'base':
      return []
    case 'heads':
      return graph.heads().filter(inLineage)
    case 'head': {
      const heads = graph.heads().filter(inLineage)
      if (heads.length > 1) {
        const name = branch === undefined ? 'head' : `${branch}@head`
        throw new MultipleHeadsError(name, ids(heads), `"${name}" is ambiguous: there are ${heads.length} heads: ${describeRevisions(heads)}`, {
          hint: branch === undefined ? 'use "heads" for all of them, a label ("<label>@head") or a revision id' : 'name one of them by id',
        })
      }
      return heads
    }
    default:
      return [lookupId(graph, symbol, lineage, branch)]
  }
}

/** Resolves a symbol that must name exactly one revision (the start of `REV+N`). */
function singleRevision(graph: RevisionGraph, symbol: string, branch: string | undefined, lineage: Set<string> | undefined): Revision | null {
  const revisions = resolveSymbol(graph, symbol, branch, lineage)
  if (revisions.length > 1) {
    throw new AmbiguousTargetError(symbol, ids(revisions), `"${symbol}" names ${revisions.length} revisions: ${describeRevisions(revisions)}; a relative step needs one`)
  }
  return revisions[0] ?? null
}

/**
 * Finds a revision by full id, branch label or unique prefix (≥ 4 characters),
 * limited to a branch's lineage when one is given.
 */
export function lookupId(graph: RevisionGraph, symbol: string, lineage: Set<string> | undefined, branch?: string): Revision {
  let found: Revision | undefined
  if (graph.has(symbol)) found = graph.get(symbol)
  found ??= graph.branchLabelOwner(symbol)
  if (found === undefined) {
    if (symbol.length < MINIMUM_PREFIX_LENGTH) {
      throw new UsageError(`no revision "${symbol}"; a revision prefix needs at least ${MINIMUM_PREFIX_LENGTH} characters`)
    }
    let candidates = graph.all().filter((revision) => revision.id.startsWith(symbol))
    if (lineage !== undefined && candidates.length > 1) candidates = candidates.filter((revision) => lineage.has(revision.id))
    if (candidates.length === 0) {
      throw new UsageError(`no revision, branch label or prefix matches "${symbol}"`, {
        hint: 'run `athanor history` to see the revision ids',
      })
    }
    if (candidates.length > 1) {
      throw new AmbiguousTargetError(symbol, ids(candidates), `revision prefix "${symbol}" is ambiguous: ${describeRevisions(candidates)}`, {
        hint: 'give more characters of the id',
      })
    }
    found = candidates[0] as Revision
  }
  if (lineage !== undefined && !lineage.has(found.id)) {
    throw new UsageError(`revision ${found.id} is not on branch "${branch}"`)
  }
  return found
}

/** Where a `+N`/`-N` without a revision starts: the one current revision (on the branch, when named). */
function currentStart(
  graph: RevisionGraph,
  parsed: ParsedTarget,
  lineage: Set<string> | undefined,
  current: readonly string[],
  target: string,
): Revision | null {
  for (const id of current) {
    if (!graph.has(id)) throw new UnknownVersionRowError(id)
  }
  let starts = current.map((id) => graph.get(id))
  if (lineage !== undefined) {
    starts = starts.filter((revision) => lineage.has(revision.id))
    if (starts.length === 0) starts = appliedTipsOnBranch(graph, current, lineage)
  }
  if (starts.length > 1) {
    throw new AmbiguousTargetError(target, ids(starts), `"${target}" is ambiguous: the database is at ${starts.length} revisions: ${describeRevisions(starts)}`, {
      hint: `name the branch ("<label>@${relativeStep(parsed)}") or the revision to start from ("<rev>${relativeStep(parsed)}")`,
    })
  }
  const start = starts[0]
  if (start === undefined && (parsed.step ?? 0) < 0) {
    throw new UsageError(`"${target}" cannot go down: no revision is applied`)
  }
  return start ?? null
}

/** The relative step as the user wrote it, `+N` or `-N`, for hints. */
function relativeStep(parsed: ParsedTarget): string {
  const step = parsed.step ?? 1
  return step < 0 ? String(step) : `+${step}`
}

/**
 * When no current row is on the branch (another branch was merged or
 * depended on past it), the applied revisions of the branch without an
 * applied child on it.
 */
function appliedTipsOnBranch(graph: RevisionGraph, current: readonly string[], lineage: Set<string>): Revision[] {
  const applied = new Set(current)
  for (const id of current) for (const ancestor of graph.ancestors(id)) applied.add(ancestor)
  const onBranch = [...applied].filter((id) => lineage.has(id))
  const below = new Set(onBranch.flatMap((id) => [...graph.get(id).downRevisions, ...graph.dependenciesOf(id)]))
  return onBranch.filter((id) => !below.has(id)).map((id) => graph.get(id)).sort((a, b) => graph.position(a.id) - graph.position(b.id))
}

/**
 * Walks `steps` revisions up (children) or down (parents) from `start`
 * (null = base). Up, only children in `lineage` count when a branch is named.
 */
function walk(graph: RevisionGraph, start: Revision | null, steps: number, lineage: Set<string> | undefined, target: string): Revision | null {
  let at = start
  for (let taken = 0; taken < Math.abs(steps); taken++) {
    if (steps > 0) {
      let next = at === null ? graph.bases() : graph.children(at.id)
      if (lineage !== undefined) next = next.filter((revision) => lineage.has(revision.id))
      if (next.length === 0) {
        throw new UsageError(`"${target}" walks past the head${taken === 0 ? '' : ` after ${taken} step${taken === 1 ? '' : 's'}`}`)
      }
      if (next.length > 1) {
        const from = at === null ? 'base has several bases' : `${at.id} is a branch point`
        throw new AmbiguousTargetError(target, ids(next), `"${target}" is ambiguous: ${from} (${describeRevisions(next)})`, {
          hint: 'name the branch ("<label>@+N") or a revision id',
        })
      }
      at = next[0] as Revision
    } else {
      if (at === null) throw new UsageError(`"${target}" walks below base${taken === 0 ? '' : ` after ${taken} step${taken === 1 ? '' : 's'}`}`)
      const parents = at.downRevisions.map((id) => graph.get(id))
      if (parents.length > 1) {
        throw new AmbiguousTargetError(target, ids(parents), `"${target}" is ambiguous: ${at.id} is a merge point of ${describeRevisions(parents)}`, {
          hint: 'name the parent to go down to by id',
        })
      }
      at = parents[0] ?? null
    }
  }
  return at
}

function ids(revisions: readonly Revision[]): string[] {
  return revisions.map((revision) => revision.id)
}

/** `a1b2c3d4e5f6 (add users), …` for error messages; long lists are cut. */
export function describeRevisions(revisions: readonly Revision[]): string {
  const shown = revisions.slice(0, 10).map((revision) => (revision.message === '' ? revision.id : `${revision.id} (${revision.message})`))
  if (revisions.length > shown.length) shown.push(`… ${revisions.length - shown.length} more`)
  return shown.join(', ')
}
