/** `athanor types`: the Kysely `Database` interface of the models (or of the live database). */
import { relative, resolve } from 'node:path'
import type { CommandContext } from '../command-context.js'
import type { RegisterCommand } from './index.js'

interface TypesFlags {
  output?: string
  fromDatabase?: boolean
}

/** Registers `types`. */
export const registerTypes: RegisterCommand = (program, bind) => {
  program
    .command('types')
    .description('write a Kysely Database interface from the models (or the live database)')
    .option('-o, --output <file>', 'write to FILE (then run the config\'s postWrite on it) instead of printing')
    .option('--from-database', 'read the live database instead of the models')
    .action(bind(types))
}

async function types(ctx: CommandContext, flags: TypesFlags): Promise<void> {
  const athanor = await ctx.athanor()
  const output = flags.output === undefined ? undefined : resolve(ctx.cwd, flags.output)
  const source = await athanor.types({ fromDatabase: flags.fromDatabase === true, ...(output === undefined ? {} : { output }) })
  if (ctx.out.mode.json) return ctx.out.json({ path: output ?? null, source })
  if (output === undefined) return ctx.out.line(source.replace(/\n$/, ''))
  ctx.out.info(`Writing ${relative(ctx.cwd, output)} ... done`)
}
