/** `athanor check`: will compare models with the database once autogenerate exists. */
import { AthanorError } from '../../errors.js'
import type { RegisterCommand } from './index.js'

/** Registers `check`, which says plainly that it cannot work yet. */
export const registerCheck: RegisterCommand = (program, bind) => {
  program
    .command('check')
    .description('exit 1 if autogenerate would write a revision (not built yet)')
    .action(
      bind(async () => {
        throw new AthanorError('check needs autogenerate, which is not built yet', { code: 'E_NOT_BUILT', exitCode: 2 })
      }),
    )
}
