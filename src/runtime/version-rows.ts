/**
 * What the version table's rows must be before a run plans on them: each a
 * head of its own line. A row below another row (an ancestor or a
 * dependency of it) is a table no run of athanor or Alembic writes, and
 * planning on it would run revisions twice or skip them.
 */
import { VersionTableInconsistentError } from '../errors.js'
import type { RevisionGraph } from '../script/graph.js'

/**
 * Returns `rows` when no row lies below another; throws a
 * {@link VersionTableInconsistentError} naming the pair otherwise. Rows no
 * revision defines are left to the planner's own error.
 *
 * @example
 * consistentRows(graph, ['a1', 'b2'], 'athanor_version') // throws when b2 descends from a1
 */
export function consistentRows(graph: RevisionGraph, rows: readonly string[], table: string): string[] {
  const known = rows.filter((id) => graph.has(id))
  for (const upper of known) {
    const below = graph.applied([upper])
    const lower = known.find((id) => id !== upper && below.has(id))
    if (lower !== undefined) {
      throw new VersionTableInconsistentError(
        table,
        `it holds ${lower} and its descendant ${upper}`,
        `a database is at one revision per branch; if it is at ${upper}, keep only that row: athanor stamp --purge ${upper}`,
      )
    }
  }
  return [...rows]
}
