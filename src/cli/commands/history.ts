/** `athanor history [-r A:B] [--indicate-current]`: the revisions, newest first. */
import type { RegisterCommand } from './index.js'
import type { CommandContext } from '../command-context.js'
import { revisionBlock, revisionLine } from '../format/revision-text.js'

/** Registers `history`. */
export const registerHistory: RegisterCommand = (program, bind) => {
  program
    .command('history')
    .description('list revisions, newest first')
    .option('-r, --rev-range <range>', 'only revisions in A:B (either side may be empty)')
    .option('-i, --indicate-current', 'mark the revisions the database is at (reads the database)')
    .action(bind(history))
}

async function history(ctx: CommandContext, options: { revRange?: string; indicateCurrent?: boolean }): Promise<void> {
  const athanor = await ctx.athanor()
  const entries = await athanor.history({
    ...(options.revRange === undefined ? {} : { range: options.revRange }),
    indicateCurrent: options.indicateCurrent === true,
  })
  const { out } = ctx
  if (out.mode.json) return out.json(entries)
  if (out.mode.verbose) {
    if (entries.length > 0) out.line(entries.map((e) => revisionBlock(e, e.children, e.isCurrent, out.c)).join('\n\n'))
    return
  }
  const lines = entries.map((e) =>
    revisionLine(e, { parents: true, branches: true, treeMarks: true, message: true, current: e.isCurrent }, out.c),
  )
  if (lines.length > 0) out.line(lines.join('\n'))
}
