/**
 * The `athanor` command line: global flags, one sub-command per file under
 * `commands/`, and the one place errors become `error: …` lines and exit codes.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Command, Option, type CommanderError } from 'commander'
import { maskPasswords, SecretMask } from '../config/url.js'
import { createCommandContext, type CommandContext, type ConfigSource, type GlobalOptions } from './command-context.js'
import { reportError, type ErrorReportMode } from './error-report.js'
import { Output, type CliStreams } from './output.js'
import type { RegisterCommand } from './commands/index.js'
import { commandsFor } from './commands/lazy-commands.js'
import { invokedCommandName } from './invoked-command.js'

/**
 * A command's action: the context plus commander's positional arguments and
 * options. It may return an exit code for a result that is not a success
 * (`check --json` finding differences); errors end a run by being thrown.
 */
export type CommandAction = (ctx: CommandContext, ...args: never[]) => Promise<number | void>

/** Where a command tree writes, where it stands, and which config it starts from. */
export interface CommandTreeSettings {
  readonly streams: CliStreams
  readonly cwd: string
  /** The config to use when no `-c` is given: a config file path (relative to `cwd`) or a config object. */
  readonly config?: ConfigSource
  /**
   * True when `--json` is among the arguments. Commander's own errors come
   * before any flag is parsed; under `--json` their text is held back, for
   * the error document the caller prints instead.
   */
  readonly json?: boolean
  /**
   * Receives a command's error instead of letting it reject `parseAsync`, for
   * a tree mounted in another program whose parse athanor does not own.
   */
  readonly onError?: (error: unknown, mode: ErrorReportMode) => void
  /** Receives the exit code of a command that ended without an error: 0, or what its action returned. */
  readonly onExitCode?: (code: number) => void
  /**
   * Called with commander's own errors (unknown option, missing argument) and
   * its help/version exits; must not return. Default: throw them out of `parseAsync`.
   */
  readonly onParseExit?: (error: CommanderError) => never
}

/**
 * Builds an athanor command tree under a command named `name`: the global
 * flags and the given sub-commands (`createCommand` passes every one;
 * {@link runCli} only the one its arguments name).
 *
 * @example
 * const program = buildCommandTree('athanor', { streams, cwd: process.cwd() }, COMMANDS)
 * await program.parseAsync(['heads'], { from: 'user' })
 */
export function buildCommandTree(name: string, settings: CommandTreeSettings, commands: readonly RegisterCommand[]): Command {
  const program = rootCommand(name, settings)
  addCommands(program, settings, commands)
  return program
}

/** The command `name` with the global flags and none of the sub-commands. */
function rootCommand(name: string, settings: CommandTreeSettings): Command {
  const { streams } = settings
  return new Command(name)
    .description('Schema migrations for TypeScript, Alembic style: a revision graph, upgrade/downgrade to any target.')
    .version(packageVersion(), '-V, --version')
    .option('-c, --config <path>', 'config file (default: athanor.config.ts|.mts|.js|.mjs in the current folder)')
    .option('--url <url>', 'database URL; overrides the config')
    .addOption(new Option('-x <key=value>', 'argument for the config and scripts (xArg); repeatable').argParser(collect))
    .option('--json', 'print the result as one JSON document')
    .option('-q, --quiet', 'print only results, no progress')
    .option('-v, --verbose', 'more detail; stack traces on errors')
    .option('--no-color', 'no colours (also NO_COLOR or a non-terminal)')
    // Set before the sub-commands are added, so each of them inherits it.
    .exitOverride(settings.onParseExit)
    .configureOutput({
      writeOut: (text) => streams.stdout.write(text),
      writeErr: (text) => (settings.json === true ? undefined : streams.stderr.write(maskPasswords(text))),
      // A parse error is reported as every other error is, one `error:` line and a `hint:` (error-report.ts).
      outputError: () => undefined,
    })
}

/** Adds the sub-commands to `program`, each action bound to the run's context. */
function addCommands(program: Command, settings: CommandTreeSettings, commands: readonly RegisterCommand[]): void {
  const { streams, cwd } = settings
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
      const mask = new SecretMask([globals.url])
      const out = new Output(streams, globals, mask)
      const context = createCommandContext(out, globals, cwd, settings.config)
      try {
        // commander passes (…positionals, options, command); actions take (ctx, …positionals, options).
        const code = await (action as (ctx: CommandContext, ...rest: unknown[]) => Promise<number | void>)(context, ...args.slice(0, -1))
        settings.onExitCode?.(code ?? 0)
      } catch (error) {
        const mode = { json: globals.json, verbose: globals.verbose, mask }
        if (settings.onError === undefined) throw new CommandFailure(error, mode)
        settings.onError(error, mode)
      }
    }
  for (const register of commands) register(program, bind)
}

/**
 * Runs the CLI on `argv` (without `node` and the script path) and returns the
 * exit code: 0 success, 1 a failed operation, 2 usage/config/input errors.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2))
 */
export async function runCli(argv: readonly string[], streams: CliStreams = processStreams(), cwd = process.cwd()): Promise<number> {
  // Before a command's action runs (commander's own errors) the flags are known only from argv.
  const early = {
    json: hasFlag(argv, '--json'),
    verbose: hasFlag(argv, '--verbose') || hasFlag(argv, '-v'),
    mask: new SecretMask([flagValue(argv, '--url')]),
  }
  let exitCode = 0
  const settings: CommandTreeSettings = { streams, cwd, json: early.json, onExitCode: (code) => (exitCode = code) }
  const program = rootCommand('athanor', settings)
  try {
    // Only the invoked command's module is imported: start-up pays for what the command needs.
    addCommands(program, settings, await commandsFor(invokedCommandName(argv, program)))
    await program.parseAsync([...argv], { from: 'user' })
    return exitCode
  } catch (error) {
    if (error instanceof CommandFailure) return reportError(error.error, streams, error.mode)
    return reportError(error, streams, early)
  }
}

/**
 * True when `flag` is among the options (before a `--` that ends them).
 *
 * @example
 * hasFlag(['heads', '--json'], '--json') // true
 */
export function hasFlag(argv: readonly string[], flag: string): boolean {
  const end = argv.indexOf('--')
  return (end === -1 ? argv : argv.slice(0, end)).includes(flag)
}

/**
 * The value of `--flag VALUE` or `--flag=VALUE` among the options, if given.
 *
 * @example
 * flagValue(['--url', 'sqlite:x.db', 'current'], '--url') // 'sqlite:x.db'
 */
export function flagValue(argv: readonly string[], flag: string): string | undefined {
  const end = argv.indexOf('--')
  const options = end === -1 ? argv : argv.slice(0, end)
  for (const [i, arg] of options.entries()) {
    if (arg === flag) return options[i + 1]
    if (arg.startsWith(`${flag}=`)) return arg.slice(flag.length + 1)
  }
  return undefined
}

/** A command action's error, carried out of commander's parse with how the run asked for errors. */
class CommandFailure extends Error {
  constructor(
    readonly error: unknown,
    readonly mode: ErrorReportMode,
  ) {
    super('command failed')
  }
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
