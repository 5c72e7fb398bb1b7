/** `athanor resume [--applied | --not-applied]`: finish the revision a killed run left half done. */
import type { RegisterCommand } from './index.js'
import type { CommandContext } from '../command-context.js'
import { UsageError } from '../../errors.js'
import { printRunResult, stepLine } from './upgrade-downgrade.js'

/** Registers `resume`. */
export const registerResume: RegisterCommand = (program, bind) => {
  program
    .command('resume')
    .description('finish the revision a killed run left half done (MySQL, MariaDB)')
    .option('--applied', 'the interrupted statement ran: continue after it')
    .option('--not-applied', 'the interrupted statement did not run: run it again')
    .action(bind(resume))
}

async function resume(ctx: CommandContext, flags: { applied?: boolean; notApplied?: boolean }): Promise<void> {
  if (flags.applied === true && flags.notApplied === true) {
    throw new UsageError('resume takes --applied or --not-applied, not both', { hint: 'say whether the interrupted statement ran' })
  }
  const athanor = await ctx.athanor()
  const { out } = ctx
  const started = Date.now()
  const statement = flags.applied === true ? 'applied' : flags.notApplied === true ? 'not-applied' : undefined
  const result = await athanor.resume({
    ...(statement === undefined ? {} : { statement }),
    onStep: (step) => out.info(stepLine(step, out)),
    onLockWait: (message) => out.warn(message),
  })
  if (result.steps.length === 0 && !out.mode.json) {
    out.info(`nothing to resume; database at ${result.current.length === 0 ? 'base' : result.current.join(', ')}`)
    return
  }
  printRunResult(out, result, Date.now() - started)
}
