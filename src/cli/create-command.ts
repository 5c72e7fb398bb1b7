/**
 * `createCommand()`: the athanor CLI as a commander `Command` an application
 * mounts in its own CLI, the way Flask-Migrate adds `flask db`.
 */
import type { Command } from 'commander'
import { buildCommandTree, hasFlag, processStreams } from './program.js'
import { reportError } from './error-report.js'
import { COMMANDS } from './commands/index.js'
import type { ConfigSource } from './command-context.js'
import type { CliStreams } from './output.js'

/** Options of {@link createCommand}. */
export interface CreateCommandOptions {
  /** The command's name in the application's CLI; default `db`. */
  name?: string
  /**
   * The application's config, used when the user gives no `-c`: a config file
   * path (relative to `cwd`) or a config object. Default: `athanor.config.ts`
   * (or `.mts`/`.js`/`.mjs`) in the working directory.
   */
  config?: ConfigSource
  /** Working directory; default `process.cwd()`. */
  cwd?: string
  /** Where output goes; default the process's stdout and stderr. */
  streams?: CliStreams
}

/**
 * Returns every athanor sub-command (`upgrade`, `migrate`, `current`, …) and
 * the global flags under one commander `Command`, for an application to add
 * to its own program: `myapp db upgrade`. The `athanor` binary is built by the
 * same function. A failing sub-command prints `error: …`/`hint: …` (under
 * `--json`, the error document) and sets `process.exitCode` (1 or 2, as the
 * binary exits); a usage error exits 2.
 *
 * @example
 * import { Command } from 'commander'
 * import { createCommand } from 'athanor'
 *
 * const program = new Command('myapp')
 * program.addCommand(createCommand({ name: 'db', config: './athanor.config.ts' }))
 * await program.parseAsync() // myapp db upgrade, myapp db migrate -m "add bio", …
 */
export function createCommand(options: CreateCommandOptions = {}): Command {
  const streams = options.streams ?? processStreams()
  // The application owns the parse, so its arguments are the process's.
  const json = hasFlag(process.argv.slice(2), '--json')
  return buildCommandTree(options.name ?? 'db', {
    streams,
    cwd: options.cwd ?? process.cwd(),
    ...(options.config === undefined ? {} : { config: options.config }),
    json,
    onError: (error, mode) => {
      process.exitCode = reportError(error, streams, mode)
    },
    onExitCode: (code) => {
      if (code !== 0) process.exitCode = code
    },
    // Commander has printed its message (or the help) unless --json held it back; end as the binary does: 0, or 2 for usage.
    onParseExit: (error) => process.exit(reportError(error, streams, { json, verbose: false })),
  }, COMMANDS)
}
