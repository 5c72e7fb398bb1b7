/** `athanor revision -m MSG [...]`: write a new revision file. */
import { relative } from 'node:path'
import { UsageError } from '../../errors.js'
import type { RegisterCommand } from './index.js'
import type { CommandContext } from '../command-context.js'

interface RevisionFlags {
  message?: string
  autogenerate?: boolean
  head?: string
  splice?: boolean
  branchLabel: string[]
  dependsOn: string[]
  revId?: string
}

/** Registers `revision`. */
export const registerRevision: RegisterCommand = (program, bind) => {
  program
    .command('revision')
    .description('create a new revision file')
    .option('-m, --message <msg>', 'what the revision does (its first doc line and file name)')
    .option('--autogenerate', 'fill it by comparing the models with the database')
    .option('--head <rev>', 'parent revision: a head, label@head, or base for a new root')
    .option('--splice', 'allow --head to be a revision that is not a head (starts a branch)')
    .option('--branch-label <label>', 'branch label for the new revision (repeatable)', collect, [])
    .option('--depends-on <rev>', 'revision this one depends on, across branches (repeatable)', collect, [])
    .option('--rev-id <id>', 'use this revision id instead of a random one')
    .action(bind(revision))
}

async function revision(ctx: CommandContext, flags: RevisionFlags): Promise<void> {
  if (flags.message === undefined) {
    throw new UsageError('revision needs a message', { hint: 'pass -m "what this revision does"' })
  }
  const athanor = await ctx.athanor()
  if (flags.head === 'base' && flags.branchLabel.length === 0 && athanor.script.graph.size > 0) {
    ctx.out.warn('a second base without --branch-label can only be addressed by id; consider --branch-label NAME')
  }
  const written = await athanor.revision(flags.message, {
    autogenerate: flags.autogenerate === true,
    splice: flags.splice === true,
    ...(flags.head === undefined ? {} : { head: flags.head }),
    ...(flags.branchLabel.length === 0 ? {} : { branchLabel: flags.branchLabel }),
    ...(flags.dependsOn.length === 0 ? {} : { dependsOn: flags.dependsOn }),
    ...(flags.revId === undefined ? {} : { revId: flags.revId }),
  })
  if (ctx.out.mode.json) return ctx.out.json((await athanor.show(written.id))[0])
  ctx.out.info(`Generating ${relative(ctx.cwd, written.path)} ... done`)
  if (ctx.out.mode.quiet) ctx.out.line(written.id)
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value]
}
