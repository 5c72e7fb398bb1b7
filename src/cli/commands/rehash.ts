/** `athanor rehash REV…`: accept an intentional edit of applied revision files. */
import { relative } from 'node:path'
import type { RegisterCommand } from './index.js'
import type { CommandContext } from '../command-context.js'

/** Registers `rehash`. */
export const registerRehash: RegisterCommand = (program, bind) => {
  program
    .command('rehash')
    .description('record the current checksum of applied revisions whose files were edited on purpose')
    .argument('<revisions...>', 'applied revisions (ids, prefixes, heads, label@head…)')
    .action(bind(rehash))
}

async function rehash(ctx: CommandContext, revisions: string[]): Promise<void> {
  const athanor = await ctx.athanor()
  const rehashed = await athanor.rehash(revisions, { onLockWait: (message) => ctx.out.warn(message) })
  if (ctx.out.mode.json) return ctx.out.json({ rehashed })
  for (const r of rehashed) {
    const state = r.previous === null ? 'recorded' : r.previous === r.checksum ? 'unchanged' : 'accepted the edit'
    ctx.out.info(`${r.revision} ${relative(ctx.cwd, r.path)}: ${state}`)
  }
}
