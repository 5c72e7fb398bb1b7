/**
 * The config's `postWrite` hooks: commands run on each new revision file
 * (a formatter, a linter's --fix), as Alembic's `post_write_hooks`.
 */
import { spawnSync } from 'node:child_process'
import { AthanorError, ErrorCode } from '../errors.js'

/**
 * Runs each command through the shell with the file's path appended (quoted),
 * in `cwd`. A command that fails stops the chain with an error naming it; the
 * revision file stays, since it is valid without formatting.
 *
 * @example
 * await runPostWrite(['npx prettier --write'], '/app/migrations/versions/3f2a_x.ts', '/app')
 */
export async function runPostWrite(commands: readonly string[], path: string, cwd: string): Promise<void> {
  for (const command of commands) {
    const result = spawnSync(`${command} ${shellQuote(path)}`, { cwd, shell: true, encoding: 'utf8' })
    if (result.error !== undefined || result.status !== 0) {
      const reason = result.error?.message ?? (result.stderr.trim().split('\n')[0] || `exit code ${result.status ?? 'unknown'}`)
      throw new AthanorError(`postWrite command "${command}" failed: ${reason}`, {
        code: ErrorCode.PostWrite,
        hint: `the revision was written to ${path}; fix the command in the config's postWrite`,
      })
    }
  }
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`
}
