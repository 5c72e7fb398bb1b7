/**
 * The `athanor` command line: global flags, one sub-command per file under
 * `commands/`, and the one place errors become `error: …` lines and exit codes.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Command, CommanderError, Option } from 'commander'
import { AthanorError } from '../errors.js'
import { maskPasswords } from '../config/url.js'
import { createCommandContext, type CommandContext, type ConfigSource, type GlobalOptions } from './command-context.js'
import { Output, type CliStreams } from './output.js'
import { COMMANDS } from './commands/index.js'

/** A command's action: the context plus commander's positional arguments and options. */
export type CommandAction = (ctx: CommandContext, ...args: never[]) => Promise<void>

/** Where a command tree writes, where it stands, and which config it starts from. */
export interface CommandTreeSettings {
  readonly streams: CliStreams
  readonly cwd: string
  /** The config to use when no `-c` is given: a config file path (relative to `cwd`) or a config object. */
  readonly config?: ConfigSource
  /**
   * Receives a command's error instead of letting it reject `parseAsync`, for
   * a tree mounted in another program whose parse athanor does not own.
   */
  readonly onError?: (error: unknown, verbose: boolean) => void
  /**
   * Called with commander's own errors (unknown option, missing argument) and
   * its help/version exits; must not return. Default: throw them out of `parseAsync`.
   */
  readonly onParseExit?: (error: CommanderError) => never
}

/**
 * Builds the whole athanor command tree under a command named `name`: the
 * global flags and every sub-command. The `athanor` binary (through
 * {@link runCli}) and `createCommand` both build their tree here.
 *
 * @example
 * const program = buildCommandTree('athanor', { streams, cwd: process.cwd() })
 * await program.parseAsync(['heads'], { from: 'user' })
 */
export function buildCommandTree(name: string, settings: CommandTreeSettings): Command {
  const { streams, cwd } = settings
  const program = new Command(name)
  program
    .description('Schema migrations for TypeScript, Alembic style: a revision graph, upgrade/downgrade to any target.')
    .version(packageVersion(), '-V, --version')
    .option('-c, --config <path>', 'config file (default: athanor.config.ts|.mts|.js|.mjs in the current folder)')
    .option('--url <url>', 'database URL; overrides the config')
    .addOption(new Option('-x <key=value>', 'argument for the config and scripts (xArg); repeatable').argParser(collect))
    .option('--json', 'print the result as one JSON document')
    .option('-q, --quiet', 'print only results, no progress')
    .option('-v, --verbose', 'more detail; stack traces on errors')
    .option('--no-color', 'no colours (also NO_COLOR or a non-terminal)')
    .showHelpAfterError('(run with --help for usage)')
    // Set before the sub-commands are added, so each of them inherits it.
    .exitOverride(settings.onParseExit)
    .configureOutput({
      writeOut: (text) => streams.stdout.write(text),
      writeErr: (text) => streams.stderr.write(maskPasswords(text)),
    })

  const bind = (action: CommandAction) =>
    async function (this: Command, ...args: unknown[]): Promise<void> {
      const raw = this.optsWithGlobals<Partial<GlobalOptions>>()
      const globals: GlobalOptions = {
        ...raw,
        x: raw.x ?? [],
        json: raw.json === true,
        quiet: raw.quiet === true,
        verbose: raw.verbose === true,
        color: raw.color !== false,
      }
      const out = new Output(streams, globals)
      const context = createCommandContext(out, globals, cwd, settings.config)
      try {
        // commander passes (…positionals, options, command); actions take (ctx, …positionals, options).
        await (action as (ctx: CommandContext, ...rest: unknown[]) => Promise<void>)(context, ...args.slice(0, -1))
      } catch (error) {
        if (settings.onError === undefined) throw new CommandFailure(error, globals.verbose)
        settings.onError(error, globals.verbose)
      }
    }
  for (const register of COMMANDS) register(program, bind)
  return program
}

/**
 * Runs the CLI on `argv` (without `node` and the script path) and returns the
 * exit code: 0 success, 1 a failed operation, 2 usage/config/input errors.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2))
 */
export async function runCli(argv: readonly string[], streams: CliStreams = processStreams(), cwd = process.cwd()): Promise<number> {
  const program = buildCommandTree('athanor', { streams, cwd })
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return 0
  } catch (error) {
    if (error instanceof CommandFailure) return reportError(error.error, streams, error.verbose)
    // Errors raised before a command's action ran (commander's own) still honour --verbose.
    return reportError(error, streams, argv.includes('--verbose') || argv.includes('-v'))
  }
}

/** A command action's error, carried out of commander's parse with the run's --verbose. */
class CommandFailure extends Error {
  constructor(
    readonly error: unknown,
    readonly verbose: boolean,
  ) {
    super('command failed')
  }
}

/**
 * Prints an error as `error: …` and `hint: …` lines (a stack trace with
 * `verbose`) and returns the exit code it stands for.
 *
 * @example
 * process.exitCode = reportError(error, streams, false)
 */
export function reportError(error: unknown, streams: CliStreams, verbose: boolean): number {
  const write = (text: string): void => {
    streams.stderr.write(maskPasswords(text) + '\n')
  }
  if (error instanceof CommanderError) {
    // Commander has already printed its message (or the help, or the version).
    return error.exitCode === 0 ? 0 : 2
  }
  if (error instanceof AthanorError) {
    write(`error: ${error.message}`)
    if (error.hint !== undefined) write(`hint: ${error.hint}`)
    if (verbose) write(stackOf(error))
    return error.exitCode
  }
  const message = error instanceof Error ? error.message : String(error)
  write(`error: ${message}`)
  if (verbose) write(stackOf(error))
  else write('hint: run with --verbose to see the stack trace')
  return 1
}

function stackOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  let text = error.stack ?? error.message
  let cause = error.cause
  while (cause instanceof Error) {
    text += `\ncaused by: ${cause.stack ?? cause.message}`
    cause = cause.cause
  }
  return text
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value]
}

/**
 * The process's own stdout, stderr and environment.
 *
 * @example
 * await runCli(['heads'], processStreams())
 */
export function processStreams(): CliStreams {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env }
}

function packageVersion(): string {
  // package.json sits two folders up from both src/cli and dist/cli.
  const path = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'package.json')
  return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version
}
