/** `athanor current`: the revisions the database's version table names. */
import { AthanorError, ErrorCode } from '../../errors.js'
import type { RegisterCommand } from './index.js'
import type { CommandContext } from '../command-context.js'
import { revisionBlock, revisionLine } from '../format/revision-text.js'
import { verifyWarnings } from '../format/verify-text.js'
import type { Athanor, VerifyResult } from '../../api.js'

/** The changed revisions at or below `id`, oldest first. */
function changedBelow(athanor: Athanor, id: string, verified: VerifyResult): VerifyResult['changed'] {
  const below = athanor.script.graph.applied([id])
  return verified.changed.filter((c) => below.has(c.revision))
}

/** Registers `current`. */
export const registerCurrent: RegisterCommand = (program, bind) => {
  program
    .command('current')
    .description('show the revisions the database is at')
    .option('--verify', 'warn about applied revisions whose files changed since they ran')
    .option('--check-heads', 'exit 1 unless the database is at every head')
    .action(bind(current))
}

async function current(ctx: CommandContext, flags: { verify?: boolean; checkHeads?: boolean }): Promise<void> {
  const athanor = await ctx.athanor()
  const ids = await athanor.current()
  // A row no revision file defines is said to be one, as upgrade says it (not "no revision matches").
  athanor.script.graph.applied(ids)
  if (flags.checkHeads === true) {
    // Alembic's `current --check-heads`: a script can tell an out-of-date database by the exit code.
    const heads = athanor.script.graph.heads().map((r) => r.id)
    if (!athanor.script.graph.isAtHeads(ids)) {
      throw new AthanorError(`the database is at ${ids.length === 0 ? 'base' : ids.join(', ')}, not at the head${heads.length === 1 ? '' : 's'} ${heads.join(', ')}`, {
        code: ErrorCode.NotAtHead,
        hint: 'run `athanor upgrade heads`',
      })
    }
  }
  const details = (await Promise.all(ids.map((id) => athanor.show(id)))).flat()
  const { out } = ctx
  const verified = flags.verify === true ? await athanor.verify() : undefined
  for (const warning of verified === undefined ? [] : verifyWarnings(verified, ctx.cwd)) out.warn(warning)
  // --json keeps its list shape; each current revision says whether its file or an ancestor's changed.
  if (out.mode.json) return out.json(verified === undefined ? details : details.map((d) => ({ ...d, changed: changedBelow(athanor, d.revision, verified) })))
  // At base nothing is printed, as Alembic does, so a script can test for empty output.
  if (details.length === 0) return
  if (out.mode.verbose) {
    out.line(details.map((d) => revisionBlock(d, d.children, true, out.c)).join('\n\n'))
    return
  }
  // Alembic's `current` shows no branch labels (unlike `heads`).
  for (const d of details) out.line(revisionLine(d, {}, out.c))
}
