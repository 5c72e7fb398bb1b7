/**
 * Decides where a new revision or a merge goes in the graph (Alembic's rules
 * for `revision --head/--splice/--branch-label/--depends-on` and `merge`),
 * producing the spec `ScriptDirectory.writeRevision` writes.
 */
import { MultipleHeadsError, UsageError } from '../errors.js'
import type { RevisionGraph } from '../script/graph.js'
import type { Revision } from '../script/revision.js'
import type { ScriptDirectory } from '../script/script-directory.js'

/** What `ScriptDirectory.writeRevision` takes. */
export type RevisionSpec = Parameters<ScriptDirectory['writeRevision']>[0]

/** Options of `Athanor.revision` (the `revision` command's flags). */
export interface NewRevisionOptions {
  /** Parent: a head, `label@head`, `base` for a new root, or any revision with `splice`. Default: the single head. */
  head?: string
  /** Allow `head` to be a revision that already has children (starts a new branch there). */
  splice?: boolean
  /** Branch label(s) the new revision carries. */
  branchLabel?: string | readonly string[]
  /** Revisions (ids, prefixes or labels) this one depends on across branches. */
  dependsOn?: string | readonly string[]
  /** Use this id instead of a random one. */
  revId?: string
  /** Fill the body by comparing the models with the database (see `Athanor.autogenerate`). */
  autogenerate?: boolean
  /**
   * `--version-path`: the folder the file goes in, a version location or a
   * folder inside one (relative paths from the config's folder).
   */
  versionPath?: string
}

/** Options of `Athanor.merge`. */
export interface MergeOptions {
  branchLabel?: string | readonly string[]
  revId?: string
  /** The folder the merge file goes in, as {@link NewRevisionOptions.versionPath}. */
  versionPath?: string
}

/**
 * The spec of a new revision following Alembic's rules: the parent is the
 * single head unless `head` says otherwise; several heads need `head`; `head`
 * must be a head unless `splice`; `head: 'base'` starts a new root.
 */
export function planNewRevision(graph: RevisionGraph, message: string, options: NewRevisionOptions): RevisionSpec {
  requireMessage(message)
  const branchLabels = list(options.branchLabel)
  checkLabelsFree(graph, branchLabels)
  return {
    message,
    downRevisions: parentsFor(graph, options.head, options.splice === true),
    ...(branchLabels.length > 0 ? { branchLabels } : {}),
    ...(options.dependsOn === undefined ? {} : { dependsOn: resolveDependencies(graph, list(options.dependsOn)) }),
    ...(options.revId === undefined ? {} : { id: options.revId }),
  }
}

/**
 * The spec of a merge revision over `revisions` (every head when empty);
 * fewer than two distinct revisions is an error.
 */
export function planMerge(graph: RevisionGraph, revisions: readonly string[], message: string, options: MergeOptions): RevisionSpec {
  requireMessage(message)
  const targets = revisions.length === 0 ? ['heads'] : revisions
  const parents = unique(targets.flatMap((target) => graph.resolve(target).map((r) => r.id)))
  if (parents.length < 2) {
    throw new UsageError(
      revisions.length === 0
        ? `nothing to merge: there is ${parents.length === 0 ? 'no revision' : 'one head'}`
        : `merge needs at least two distinct revisions, got ${parents.length}`,
      { hint: 'merge joins several heads: athanor merge -m "merge" <rev> <rev>…, or with no revisions for all heads' },
    )
  }
  const branchLabels = list(options.branchLabel)
  checkLabelsFree(graph, branchLabels)
  return {
    message,
    downRevisions: parents,
    ...(branchLabels.length > 0 ? { branchLabels } : {}),
    ...(options.revId === undefined ? {} : { id: options.revId }),
  }
}

function parentsFor(graph: RevisionGraph, head: string | undefined, splice: boolean): string[] {
  if (head === 'base') return []
  if (head === undefined || head === 'head') {
    const heads = graph.heads()
    if (heads.length === 0) return []
    if (heads.length === 1) return [(heads[0] as Revision).id]
    const ids = heads.map((r) => r.id)
    throw new MultipleHeadsError(head, ids, `there are several heads (${ids.join(', ')}); say which one the new revision follows`, {
      hint: 'pass --head <rev> (or label@head), or join them first: athanor merge -m "merge heads"',
    })
  }
  const parents = graph.resolve(head)
  for (const parent of parents) {
    if (!splice && graph.children(parent.id).length > 0) {
      throw new UsageError(`revision ${parent.id} is not a head`, {
        hint: '--splice starts a new branch from a revision that already has children',
      })
    }
  }
  return parents.map((r) => r.id)
}

function resolveDependencies(graph: RevisionGraph, targets: readonly string[]): string[] {
  // Alembic keeps a dependency given as a branch label as the label (it follows the branch);
  // ids and prefixes become full ids.
  return unique(
    targets.map((target) => {
      if (graph.branchLabelOwner(target) !== undefined) return target
      const found = graph.resolve(target)
      if (found.length !== 1) {
        throw new UsageError(`--depends-on ${target} must name one revision, it names ${found.length}`)
      }
      return (found[0] as Revision).id
    }),
  )
}

function checkLabelsFree(graph: RevisionGraph, labels: readonly string[]): void {
  for (const label of labels) {
    const owner = graph.branchLabelOwner(label)
    if (owner !== undefined) {
      throw new UsageError(`branch label "${label}" is already used by revision ${owner.id}`, {
        hint: 'pick another label, or add to that branch with --head ' + label + '@head',
      })
    }
  }
}

function requireMessage(message: string): void {
  if (message.trim() === '') throw new UsageError('a revision needs a message', { hint: 'pass -m "what this revision does"' })
}

function list(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return []
  return typeof value === 'string' ? [value] : [...value]
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)]
}
