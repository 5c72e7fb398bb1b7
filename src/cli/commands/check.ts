/** `athanor check`: exit 1 when autogenerate would write anything (the models and the database at head differ). */
import { AthanorError } from '../../errors.js'
import { formatDiff } from '../../autogenerate/diff-text.js'
import type { CommandContext } from '../command-context.js'
import type { RegisterCommand } from './index.js'

/** Registers `check`. */
export const registerCheck: RegisterCommand = (program, bind) => {
  program
    .command('check')
    .description('exit 1 (listing them) if the models and the database at head differ, 0 if they agree')
    .action(bind(check))
}

async function check(ctx: CommandContext): Promise<void> {
  const athanor = await ctx.athanor()
  const result = await athanor.compareMetadata({ requireHead: true })
  if (ctx.out.mode.json) ctx.out.json(result)
  else if (result.upToDate) ctx.out.info('No new upgrade operations detected.')
  else {
    ctx.out.line('New upgrade operations detected:')
    for (const diff of result.diffs) ctx.out.line(`  ${formatDiff(diff)}`)
  }
  if (!result.upToDate) {
    // Exit 1 goes through the error path, the one way a command ends non-zero; stdout already holds the list.
    throw new AthanorError(`the models and the database differ (${result.diffs.length} difference${result.diffs.length === 1 ? '' : 's'})`, {
      code: 'E_CHECK_DIFFERS',
      exitCode: 1,
      hint: 'run `athanor revision --autogenerate -m "…"` to write a revision for them',
    })
  }
}
