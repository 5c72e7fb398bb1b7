/** `athanor merge [REV...] -m MSG`: join several heads into one. */
import { relative, resolve } from 'node:path'
import { UsageError } from '../../errors.js'
import type { RegisterCommand } from './index.js'
import type { CommandContext } from '../command-context.js'

/** Registers `merge`. */
export const registerMerge: RegisterCommand = (program, bind) => {
  program
    .command('merge')
    .description('create a merge revision joining revisions (default: all heads)')
    .argument('[revisions...]', 'revisions to merge; default: all heads')
    .option('-m, --message <msg>', 'message of the merge revision')
    .option('--branch-label <label>', 'branch label for the merge revision (repeatable)', (v: string, p: string[]) => [...p, v], [])
    .option('--rev-id <id>', 'use this revision id instead of a random one')
    .option('--version-path <dir>', 'write the file into this version location (or a folder inside one)')
    .action(bind(merge))
}

async function merge(
  ctx: CommandContext,
  revisions: string[],
  flags: { message?: string; branchLabel: string[]; revId?: string; versionPath?: string },
): Promise<void> {
  if (flags.message === undefined) throw new UsageError('merge needs a message', { hint: 'pass -m "merge heads"' })
  const athanor = await ctx.athanor()
  const written = await athanor.merge(revisions, flags.message, {
    ...(flags.branchLabel.length === 0 ? {} : { branchLabel: flags.branchLabel }),
    ...(flags.revId === undefined ? {} : { revId: flags.revId }),
    ...(flags.versionPath === undefined ? {} : { versionPath: resolve(ctx.cwd, flags.versionPath) }),
  })
  if (ctx.out.mode.json) return ctx.out.json((await athanor.show(written.id))[0])
  ctx.out.info(`Generating ${relative(ctx.cwd, written.path)} ... done`)
  if (ctx.out.mode.quiet) ctx.out.line(written.id)
}
