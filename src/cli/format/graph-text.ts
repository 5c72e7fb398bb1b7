/**
 * The revision DAG as text, newest first, one lane per open branch (like
 * `git log --graph`): `*` is a revision, `|` a lane passing by, `\` a merge
 * point opening a lane for its extra parent, `/` a lane joining its branch point.
 */
import type { HistoryEntry } from '../../api.js'
import type { Colors } from '../output.js'

/**
 * Renders `entries` (newest first, as `Athanor.history` returns them).
 *
 * @example
 * renderGraphText(await athanor.history(), colors)
 * // * 9c0d… (head) (mergepoint) merge
 * // |\
 * // * | 47a1… branch a
 * // | * 5b2e… branch b
 * // |/
 * // * 1f3c… (branchpoint) base
 */
export function renderGraphText(entries: readonly HistoryEntry[], c: Colors): string {
  const lanes: Array<string | null> = []
  const out: string[] = []
  // Lane i is drawn in column 2i; a lane that opens or joins is drawn in the gap left of it.
  const row = (cell: (lane: string | null, index: number) => string, gap: (index: number) => string = () => ' '): string =>
    lanes
      .map((lane, index) => (index === 0 ? '' : gap(index)) + cell(lane, index))
      .join('')
      .replace(/\s+$/, '')
  const passing = (lane: string | null): string => (lane === null ? ' ' : '|')

  for (const entry of entries) {
    const cols = lanes.flatMap((lane, index) => (lane === entry.revision ? [index] : []))
    if (cols.length > 1) {
      // A branch point: its children's lanes join here before it is drawn.
      const joining = new Set(cols.slice(1))
      out.push(row((lane, i) => (joining.has(i) ? ' ' : passing(lane)), (i) => (joining.has(i) ? '/' : ' ')))
      for (const i of joining) lanes[i] = null
      trimLanes(lanes)
    }
    const col = cols[0] ?? allocate(lanes, 0, entry.revision)
    out.push(`${row((lane, i) => (i === col ? '*' : passing(lane)))}  ${label(entry, c)}`)

    const [first, ...extra] = entry.downRevisions
    lanes[col] = first ?? null
    const opened = new Set<number>()
    for (const parent of extra) {
      if (lanes.includes(parent)) continue
      opened.add(allocate(lanes, col + 1, parent))
    }
    if (opened.size > 0) out.push(row((lane, i) => (opened.has(i) ? ' ' : passing(lane)), (i) => (opened.has(i) ? '\\' : ' ')))
    trimLanes(lanes)
  }
  return out.join('\n')
}

function trimLanes(lanes: Array<string | null>): void {
  while (lanes.length > 0 && lanes[lanes.length - 1] === null) lanes.pop()
}

function allocate(lanes: Array<string | null>, from: number, id: string): number {
  for (let i = from; i < lanes.length; i++) {
    if (lanes[i] === null) {
      lanes[i] = id
      return i
    }
  }
  lanes.push(id)
  return lanes.length - 1
}

function label(entry: HistoryEntry, c: Colors): string {
  const marks = [
    entry.branchLabels.length > 0 ? c.cyan(` (${entry.branchLabels.join(', ')})`) : '',
    entry.isHead ? c.green(' (head)') : '',
    entry.isCurrent ? c.magenta(' (current)') : '',
    entry.isBranchPoint ? c.blue(' (branchpoint)') : '',
    entry.isMergePoint ? c.blue(' (mergepoint)') : '',
    entry.dependsOn.length > 0 ? ` (depends on ${entry.dependsOn.join(', ')})` : '',
  ]
  return `${c.bold(c.yellow(entry.revision))}${marks.join('')} ${entry.message}`
}
