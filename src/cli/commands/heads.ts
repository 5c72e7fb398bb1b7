/** `athanor heads [--resolve-dependencies]`: the revisions nothing follows. */
import type { RegisterCommand } from './index.js'
import type { CommandContext } from '../command-context.js'
import { revisionBlock, revisionLine } from '../format/revision-text.js'

/** Registers `heads`. */
export const registerHeads: RegisterCommand = (program, bind) => {
  program
    .command('heads')
    .description('show the current heads of the revision graph')
    .option('--resolve-dependencies', 'treat depends-on links as parents')
    .action(bind(heads))
}

async function heads(ctx: CommandContext, options: { resolveDependencies?: boolean }): Promise<void> {
  const athanor = await ctx.athanor()
  const list = await athanor.heads({ resolveDependencies: options.resolveDependencies === true })
  const { out } = ctx
  if (out.mode.json) return out.json(list)
  if (out.mode.verbose) {
    out.line(list.map((d) => revisionBlock(d, d.children, false, out.c)).join('\n\n'))
    return
  }
  for (const d of list) out.line(revisionLine(d, { branches: true }, out.c))
}
