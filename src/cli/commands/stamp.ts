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
  if (result.sql !== undefined || ctx.out.mode.json || result.previous === undefined) return printRunResult(ctx.out, result, Date.now() - started)
  ctx.out.info(stampLine(result.previous, result.current))
}

/** What a stamp did to the version table, in one line: `stamped aaaa00000001 -> bbbb00000002` or `… already at …; nothing changed`. */
export function stampLine(before: readonly string[], after: readonly string[]): string {
  const rows = (ids: readonly string[]): string => (ids.length === 0 ? 'base' : ids.join(', '))
  const same = before.length === after.length && before.every((id) => after.includes(id))
  if (same) return `version table already at ${rows(after)}; nothing changed`
  return `stamped ${rows(before)} -> ${rows(after)}; database at ${rows(after)}`
}
