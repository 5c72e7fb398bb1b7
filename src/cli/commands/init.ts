/** `athanor init [DIR] [--project PATH] [--models PATH]`: scaffold a project whose migrations folder is DIR. */
import { relative, resolve } from 'node:path'
import type { RegisterCommand } from './index.js'
import type { CommandContext } from '../command-context.js'

/** Registers `init`. */
export const registerInit: RegisterCommand = (program, bind) => {
  program
    .command('init')
    .description('create athanor.config.ts, the migrations folder DIR and an example models file')
    .argument('[dir]', 'the migrations folder, as `alembic init DIR` (default: migrations in the project folder)')
    .option('--project <path>', 'the project folder the config is written in', '.')
    .option('--models <path>', 'use this models module instead of writing src/models.ts')
    .action(bind(init))
}

async function init(ctx: CommandContext, dir: string | undefined, options: { project: string; models?: string }): Promise<void> {
  const { Athanor } = await import('../../api.js')
  const project = resolve(ctx.cwd, options.project)
  const result = await Athanor.init(project, {
    // DIR is typed where the user stands; the config holds it relative to itself.
    ...(dir === undefined ? {} : { migrations: relative(project, resolve(ctx.cwd, dir)) }),
    ...(options.models === undefined ? {} : { models: options.models }),
  })
  if (ctx.out.mode.json) return ctx.out.json(result)
  const shown = relative(ctx.cwd, result.dir) || '.'
  for (const path of result.created) ctx.out.info(`  ${ctx.out.c.green('created')}  ${shown === '.' ? path : `${shown}/${path}`}`)
  ctx.out.info(`next: athanor revision -m "first revision"${shown === '.' ? '' : ` (from ${shown})`}`)
}
