/** `athanor upgrade [TARGET]` and `athanor downgrade [TARGET]`: run revisions. */
import type { Command } from 'commander'
import type { RegisterCommand } from './index.js'
import type { CommandContext } from '../command-context.js'
import type { RunResult, StepResult } from '../../api.js'
import type { Output } from '../output.js'
import { UsageError } from '../../errors.js'

interface RunFlags {
  sql?: boolean
  dryRun?: boolean
  tag?: string
}

/** Registers `upgrade`. */
export const registerUpgrade: RegisterCommand = (program, bind) => {
  runCommand(program, 'upgrade', 'head', 'upgrade the database to a later revision')
    .option('--tag <tag>', 'free text passed to scripts as op.context.tag')
    .action(bind((ctx, target: string, flags: RunFlags) => run(ctx, 'upgrade', target, flags)))
}

/** Registers `downgrade`. */
export const registerDowngrade: RegisterCommand = (program, bind) => {
  runCommand(program, 'downgrade', '-1', 'revert the database to an earlier revision')
    .option('--tag <tag>', 'free text passed to scripts as op.context.tag')
    .action(bind((ctx, target: string, flags: RunFlags) => run(ctx, 'downgrade', target, flags)))
}

function runCommand(program: Command, name: string, defaultTarget: string, description: string): Command {
  return program
    .command(name)
    .description(description)
    .argument('[target]', `revision target (head, base, +N, -N, id, label@head…; FROM:TO with --sql)`, defaultTarget)
    .option('--sql', 'print the SQL instead of running it (offline mode)')
    .option('--dry-run', 'run against the live database in a transaction that is rolled back: print what would run and change')
}

async function run(ctx: CommandContext, verb: 'upgrade' | 'downgrade', target: string, flags: RunFlags): Promise<void> {
  if (flags.sql === true && flags.dryRun === true) {
    throw new UsageError('--sql and --dry-run cannot be combined', { hint: '--sql writes a script without running it; --dry-run runs it and rolls back' })
  }
  const athanor = await ctx.athanor()
  const { out } = ctx
  const started = Date.now()
  const options = {
    sql: flags.sql === true,
    dryRun: flags.dryRun === true,
    ...(flags.tag === undefined ? {} : { tag: flags.tag }),
    onStep: (step: StepResult) => {
      if (flags.sql !== true) out.info(stepLine(step, out))
    },
    onLockWait: (message: string) => out.warn(message),
  }
  const result = verb === 'upgrade' ? await athanor.upgrade(target, options) : await athanor.downgrade(target, options)
  printRunResult(out, result, Date.now() - started)
}

/** `  up  3f2a9c1b7d4e  create users  (12 ms)` */
export function stepLine(step: StepResult, out: Output): string {
  const direction = step.direction === 'up' ? out.c.green('up  ') : out.c.yellow('down')
  return `  ${direction}  ${out.c.bold(step.revision)}  ${step.message}  ${out.c.dim(`(${Math.round(step.ms)} ms)`)}`
}

/** Prints what a run did: the SQL in offline mode, else the JSON result or a summary line. */
export function printRunResult(out: Output, result: RunResult, ms: number): void {
  if (out.mode.json) return out.json(result)
  if (result.dryRun === true) {
    if (result.sql !== undefined && result.sql !== '') out.line(result.sql.replace(/\n$/, ''))
    const at = result.current.length === 0 ? 'base' : result.current.join(', ')
    const n = result.steps.length
    const where = result.scratch === undefined ? 'all rolled back' : `run in ${result.scratch}`
    out.info(n === 0 ? `dry run: nothing to do; database at ${at}` : `dry run: ${n} step${n === 1 ? '' : 's'} would run, leaving the database at ${at}; ${where}, nothing changed`)
    return
  }
  if (result.sql !== undefined) {
    out.line(result.sql.replace(/\n$/, ''))
    return
  }
  const at = result.current.length === 0 ? 'base' : result.current.join(', ')
  if (result.steps.length === 0) out.info(`nothing to do; database at ${at}`)
  else out.info(`${result.steps.length} step${result.steps.length === 1 ? '' : 's'} in ${ms} ms; database at ${at}`)
}
