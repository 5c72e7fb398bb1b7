/** `athanor current`: the revisions the database's version table names. */
import type { RegisterCommand } from './index.js'
import type { CommandContext } from '../command-context.js'
import { revisionBlock, revisionLine } from '../format/revision-text.js'

/** Registers `current`. */
export const registerCurrent: RegisterCommand = (program, bind) => {
  program.command('current').description('show the revisions the database is at').action(bind(current))
}

async function current(ctx: CommandContext): Promise<void> {
  const athanor = await ctx.athanor()
  const ids = await athanor.current()
  const details = (await Promise.all(ids.map((id) => athanor.show(id)))).flat()
  const { out } = ctx
  if (out.mode.json) return out.json(details)
  // At base nothing is printed, as Alembic does, so a script can test for empty output.
  if (details.length === 0) return
  if (out.mode.verbose) {
    out.line(details.map((d) => revisionBlock(d, d.children, true, out.c)).join('\n\n'))
    return
  }
  // Alembic's `current` shows no branch labels (unlike `heads`).
  for (const d of details) out.line(revisionLine(d, {}, out.c))
}
