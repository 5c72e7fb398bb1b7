/** `athanor edit REV`: open a revision file in `$VISUAL`/`$EDITOR`. */
import { spawnSync } from 'node:child_process'
import { AthanorError, ErrorCode, UsageError } from '../../errors.js'
import type { RegisterCommand } from './index.js'
import type { CommandContext } from '../command-context.js'

/** Registers `edit`. */
export const registerEdit: RegisterCommand = (program, bind) => {
  program
    .command('edit')
    .description('open a revision file in $VISUAL or $EDITOR')
    .argument('[rev]', 'revision to edit', 'head')
    .action(bind(edit))
}

async function edit(ctx: CommandContext, target: string): Promise<void> {
  const editor = [process.env['VISUAL'], process.env['EDITOR']].find((v) => v !== undefined && v.trim() !== '')
  if (editor === undefined) {
    throw new UsageError('edit needs an editor, and neither $VISUAL nor $EDITOR is set', { hint: 'e.g. EDITOR=vim athanor edit head' })
  }
  const athanor = await ctx.athanor()
  const details = await athanor.show(target)
  if (details.length !== 1) {
    throw new UsageError(`"${target}" names ${details.length} revisions; edit opens one`, {
      hint: `pick one of: ${details.map((d) => d.revision).join(', ')}`,
    })
  }
  const path = (details[0] as (typeof details)[number]).path
  // Through the shell, so an editor with arguments (`code --wait`) works as it does for git.
  const result = spawnSync(`${editor} '${path.replace(/'/g, `'\\''`)}'`, { shell: true, stdio: 'inherit' })
  if (result.error !== undefined || result.status !== 0) {
    throw new AthanorError(`editor "${editor}" failed: ${result.error?.message ?? `exit code ${result.status ?? 'unknown'}`}`, {
      code: ErrorCode.Editor,
    })
  }
}
