/**
 * Alembic's text forms of a revision: the one-line form of `heads`,
 * `history` and `current`, and the `Rev: …` block of `show` and `--verbose`.
 */
import type { RevisionDetails } from '../../api/revision-details.js'
import type { Colors } from '../output.js'

/** Which parts the one-line form shows (Alembic's `cmd_format` switches). */
export interface LineParts {
  /** `<down> -> <id>` (history). */
  readonly parents?: boolean
  /** ` (label, …)` after the id. */
  readonly branches?: boolean
  /** ` (branchpoint)` / ` (mergepoint)`. */
  readonly treeMarks?: boolean
  /** `, message` at the end. */
  readonly message?: boolean
  /** ` (current)` after ` (head)`. */
  readonly current?: boolean
}

/**
 * One revision on one line, as Alembic prints it.
 *
 * @example
 * revisionLine(d, { parents: true, treeMarks: true, message: true }, c) // '<base> -> 3f2a9c1b7d4e (head), create users'
 */
export function revisionLine(d: RevisionDetails, parts: LineParts, c: Colors): string {
  let text = c.bold(c.yellow(d.revision))
  if (parts.parents === true) {
    const deps = d.dependsOn.length > 0 ? ` (${d.dependsOn.join(', ')})` : ''
    text = `${formatDown(d)}${deps} -> ${text}`
  }
  if (parts.branches === true && d.branchLabels.length > 0) text += ` (${c.cyan(d.branchLabels.join(', '))})`
  if (d.isHead) text += c.green(' (head)')
  if (parts.current === true) text += c.magenta(' (current)')
  if (parts.treeMarks === true) {
    if (d.isBranchPoint) text += c.blue(' (branchpoint)')
    if (d.isMergePoint) text += c.blue(' (mergepoint)')
  }
  if (parts.message === true) text += `, ${d.message}`
  return text
}

/**
 * Alembic's `log_entry` block: `Rev:`, `Parent:`/`Merges:`, dependencies,
 * branches, labels, path, then the doc comment indented. Ends without a blank line.
 */
export function revisionBlock(d: RevisionDetails, children: readonly string[], isCurrent: boolean, c: Colors): string {
  const marks = [d.isHead ? ' (head)' : '', d.isBranchPoint ? ' (branchpoint)' : '', d.isMergePoint ? ' (mergepoint)' : '', isCurrent ? ' (current)' : '']
  const lines = [`Rev: ${c.bold(c.yellow(d.revision))}${marks.join('')}`]
  lines.push(d.isMergePoint ? `Merges: ${formatDown(d)}` : `Parent: ${formatDown(d)}`)
  if (d.dependsOn.length > 0) lines.push(`Also depends on: ${d.dependsOn.join(', ')}`)
  if (d.isBranchPoint) lines.push(`Branches into: ${children.join(', ')}`)
  if (d.branchLabels.length > 0) lines.push(`Branch names: ${d.branchLabels.join(', ')}`)
  lines.push(`Path: ${d.path}`)
  lines.push('')
  const doc = [d.message, '', `Revision ID: ${d.revision}`, `Revises: ${d.downRevisions.join(', ')}`]
  if (d.createDate !== null) doc.push(`Create Date: ${d.createDate}`)
  // Every doc line indented, blank ones too, exactly as Alembic prints them.
  for (const line of doc) lines.push(`    ${line}`)
  return lines.join('\n')
}

/** `<base>` for a root, else the parents joined by `, `. */
export function formatDown(d: RevisionDetails): string {
  return d.downRevisions.length === 0 ? '<base>' : d.downRevisions.join(', ')
}
