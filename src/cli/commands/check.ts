/** `athanor check`: exit 1 when autogenerate would write anything (the models and the database at head differ). */
import { AthanorError, ErrorCode } from '../../errors.js'
import { formatDiff } from '../format/diff-text.js'
import type { CommandContext } from '../command-context.js'
import type { RegisterCommand } from './index.js'

/** Registers `check`. */
export const registerCheck: RegisterCommand = (program, bind) => {
  program
    .command('check')
    .description('exit 1 (listing them) if the models and the database at head differ, 0 if they agree')
    .action(bind(check))
}

async function check(ctx: CommandContext): Promise<number | void> {
  const athanor = await ctx.athanor()
  const result = await athanor.compareMetadata({ requireHead: true })
  if (ctx.out.mode.json) {
    // The document is the answer, `upToDate: false` included: exit 1 without a second (error) document.
    ctx.out.json(result)
    return result.upToDate ? 0 : 1
  }
  if (result.upToDate) return ctx.out.info('No new upgrade operations detected.')
  ctx.out.line('New upgrade operations detected:')
  for (const diff of result.diffs) ctx.out.line(`  ${formatDiff(diff)}`)
  throw new AthanorError(`the models and the database differ (${result.diffs.length} difference${result.diffs.length === 1 ? '' : 's'})`, {
    code: ErrorCode.ModelsDiffer,
    hint: 'run `athanor revision --autogenerate -m "…"` to write a revision for them',
  })
}
