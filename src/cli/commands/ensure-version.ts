/** `athanor ensure-version [--sql]`: create the version table if missing, as Alembic's command does. */
import type { RegisterCommand } from './index.js'
import type { CommandContext } from '../command-context.js'
import { printRunResult } from './upgrade-downgrade.js'

/** Registers `ensure-version`. */
export const registerEnsureVersion: RegisterCommand = (program, bind) => {
  program
    .command('ensure-version')
    .description('create the version table if it does not exist; run nothing else')
    .option('--sql', 'print the SQL instead of running it')
    .action(bind(ensureVersion))
}

async function ensureVersion(ctx: CommandContext, flags: { sql?: boolean }): Promise<void> {
  const athanor = await ctx.athanor()
  const started = Date.now()
  const result = await athanor.ensureVersion({ sql: flags.sql === true, onLockWait: (message) => ctx.out.warn(message) })
  printRunResult(ctx.out, result, Date.now() - started)
}
