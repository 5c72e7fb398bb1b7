/** `athanor show REV`: one revision's block. */
import type { RegisterCommand } from './index.js'
import type { CommandContext } from '../command-context.js'
import { revisionBlock } from '../format/revision-text.js'

/** Registers `show`. */
export const registerShow: RegisterCommand = (program, bind) => {
  program
    .command('show')
    .description('show the revision(s) a target names')
    .argument('<rev>', 'revision: id, prefix, head, label@head, …')
    .action(bind(show))
}

async function show(ctx: CommandContext, target: string): Promise<void> {
  const athanor = await ctx.athanor()
  const details = await athanor.show(target)
  const { out } = ctx
  if (out.mode.json) return out.json(details)
  out.line(details.map((d) => revisionBlock(d, d.children, false, out.c)).join('\n\n'))
}
