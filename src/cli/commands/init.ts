/** `athanor init [DIR] [--models PATH]`: scaffold a project. */
import { relative, resolve } from 'node:path'
import type { RegisterCommand } from './index.js'
import type { CommandContext } from '../command-context.js'

/** Registers `init`. */
export const registerInit: RegisterCommand = (program, bind) => {
  program
    .command('init')
    .description('create athanor.config.ts, migrations/ and an example models file')
    .argument('[dir]', 'project folder', '.')
    .option('--models <path>', 'use this models module instead of writing src/models.ts')
    .action(bind(init))
}

async function init(ctx: CommandContext, dir: string, options: { models?: string }): Promise<void> {
  const { Athanor } = await import('../../api.js')
  const result = await Athanor.init(resolve(ctx.cwd, dir), options.models === undefined ? {} : { models: options.models })
  if (ctx.out.mode.json) return ctx.out.json(result)
  const shown = relative(ctx.cwd, result.dir) || '.'
  for (const path of result.created) ctx.out.info(`  ${ctx.out.c.green('created')}  ${shown === '.' ? path : `${shown}/${path}`}`)
  ctx.out.info(`next: athanor revision -m "first revision"${shown === '.' ? '' : ` (from ${shown})`}`)
}
