/** How `check --conflicts` reads on a terminal. */
import type { ConflictReport } from '../../api/branch-conflicts.js'

/**
 * A block per overlapping pair of heads: one line per table or column both touch.
 *
 * @example
 * conflictLines(report) // ['Branches b2 and c3 both touch:', '  users.email: b2 | c3']
 */
export function conflictLines(report: ConflictReport): string[] {
  const lines: string[] = []
  for (const conflict of report.conflicts) {
    lines.push(`Branches ${conflict.heads[0]} and ${conflict.heads[1]} both touch:`)
    for (const o of conflict.overlaps) {
      lines.push(`  ${o.part === null ? `table ${o.table}` : `${o.table}.${o.part}`}: ${o.left.join(', ')} | ${o.right.join(', ')}`)
    }
  }
  return lines
}
