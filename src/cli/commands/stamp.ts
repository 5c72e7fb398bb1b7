/** `athanor stamp REV... [--purge] [--sql]`: set the version table without running scripts. */
import type { RegisterCommand } from './index.js'
import type { CommandContext } from '../command-context.js'
import { printRunResult } from './upgrade-downgrade.js'

/** Registers `stamp`. */
export const registerStamp: RegisterCommand = (program, bind) => {
  program
    .command('stamp')
    .description("write revisions into the version table without running them")
    .argument('<revisions...>', 'revisions to stamp (head, base, ids…)')
    .option('--purge', 'empty the version table first (even if it holds unknown revisions)')
    .option('--sql', 'print the SQL instead of running it')
    .option('--tag <tag>', "Alembic's --tag: accepted and passed on as upgrade's; stamp runs no script that could read it")
    .action(bind(stamp))
}

async function stamp(ctx: CommandContext, revisions: string[], flags: { purge?: boolean; sql?: boolean; tag?: string }): Promise<void> {
  const athanor = await ctx.athanor()
  const started = Date.now()
  const result = await athanor.stamp(revisions, { purge: flags.purge === true, sql: flags.sql === true, ...(flags.tag === undefined ? {} : { tag: flags.tag }) })
  printRunResult(ctx.out, result, Date.now() - started)
}
