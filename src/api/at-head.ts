/**
 * Autogenerate and `check` compare the models with a database at the
 * head(s): anywhere else the revision would repeat (or miss) what unapplied
 * revisions do.
 */
import { AthanorError, ErrorCode } from '../errors.js'
import type { RevisionGraph } from '../script/graph.js'

/**
 * The database is not at the head(s). Carries where it is and where the
 * heads are. Exit code 1.
 *
 * @example
 * error.current // ['a1a1a1a1a1a1']; error.heads // ['b2b2b2b2b2b2']
 */
export class NotAtHeadError extends AthanorError {
  /** The version table's rows. */
  readonly current: readonly string[]
  /** The head revisions' ids. */
  readonly heads: readonly string[]

  constructor(current: readonly string[], heads: readonly string[]) {
    super(`the database is not up to date: it is at ${current.length === 0 ? 'base' : current.join(', ')}, the head is ${heads.join(', ')}`, {
      code: ErrorCode.NotAtHead,
      hint: 'run `athanor upgrade head` first, then autogenerate',
    })
    this.current = Object.freeze([...current])
    this.heads = Object.freeze([...heads])
  }

  override get data(): Readonly<Record<string, unknown>> {
    return { current: this.current, heads: this.heads }
  }
}

/**
 * Refuses a database that is not at the head(s).
 *
 * @throws NotAtHeadError
 * @example
 * assertAtHead(script.graph, await athanor.current())
 */
export function assertAtHead(graph: RevisionGraph, current: readonly string[]): void {
  // Rows at every head nothing depends on count as "at head": a head another
  // branch depends on has no row of its own once the dependent is applied.
  if (current.every((id) => graph.has(id)) && graph.isAtHeads(current)) return
  throw new NotAtHeadError(current, graph.heads().map((r) => r.id))
}
