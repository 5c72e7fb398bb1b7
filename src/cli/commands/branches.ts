/** `athanor branches`: the branch points and what they branch into. */
import type { RegisterCommand } from './index.js'
import type { CommandContext } from '../command-context.js'
import { revisionBlock, revisionLine } from '../format/revision-text.js'

/** Registers `branches`. */
export const registerBranches: RegisterCommand = (program, bind) => {
  program.command('branches').description('show the branch points').action(bind(branches))
}

async function branches(ctx: CommandContext): Promise<void> {
  const athanor = await ctx.athanor()
  const points = await athanor.branches()
  const { out } = ctx
  if (out.mode.json) return out.json(points)
  const blocks: string[] = []
  for (const point of points) {
    const head = out.mode.verbose
      ? revisionBlock(point, point.children, false, out.c)
      : revisionLine(point, { branches: true, treeMarks: true }, out.c)
    const indent = ' '.repeat(point.revision.length)
    const children = (await Promise.all(point.children.map((id) => athanor.show(id)))).flat()
    const lines = children.map((child) => `${indent} -> ${revisionLine(child, { branches: true, treeMarks: true, message: out.mode.verbose }, out.c)}`)
    blocks.push([head, ...lines].join('\n'))
  }
  if (blocks.length > 0) out.line(blocks.join('\n\n'))
}
