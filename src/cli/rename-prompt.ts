/**
 * Asks on a terminal whether a vanished and an appeared table or column are
 * one thing renamed (drizzle-kit asks the same; Alembic cannot tell and
 * writes drop + add). The CLI's `revision --autogenerate` hands it to the
 * API as `decideRename` when stdin and stdout are a TTY; the API itself never
 * asks. Elsewhere `--rename` / `--no-rename` decide, and what neither settles
 * is written as a rename marked `// review:`.
 */
import type { RenameCandidate, RenameDecision } from '../api.js'

/**
 * A `decideRename` callback that asks the user, one candidate at a time.
 * Cancelling (Ctrl-C) leaves the candidate for review.
 *
 * @example
 * await athanor.autogenerate('rename login', { decideRename: promptRenameDecision })
 */
export async function promptRenameDecision(candidate: RenameCandidate): Promise<RenameDecision> {
  const { select, isCancel } = await import('@clack/prompts')
  const what = candidate.kind === 'table' ? `table "${candidate.from}"` : `column "${candidate.table}.${candidate.from}"`
  const answer = await select<RenameDecision>({
    message: `Is ${candidate.kind} "${candidate.to}" the ${what} renamed?`,
    options: [
      { value: 'rename', label: `yes: rename ${candidate.from} to ${candidate.to} (keeps the data)` },
      { value: 'drop-add', label: `no: drop ${candidate.from} and create ${candidate.to} (loses ${candidate.from}'s data)` },
      { value: 'review', label: 'not sure: write the rename with a // review: note' },
    ],
  })
  return isCancel(answer) ? 'review' : answer
}

/**
 * True when a prompt can be shown: the CLI writes to a terminal and the
 * process reads from one.
 *
 * @example
 * canPrompt(ctx.out) // false under a pipe or in CI
 */
export function canPrompt(out: { readonly isTerminal: boolean }): boolean {
  return out.isTerminal && process.stdin.isTTY === true
}
