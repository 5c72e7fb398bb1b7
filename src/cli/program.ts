/**
 * The `athanor` command line: global flags, one sub-command per file under
 * `commands/`, and the one place errors become `error: …` lines and exit codes.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Command, Option } from 'commander'
import { maskPasswords } from '../config/url.js'
import { createCommandContext, type CommandContext, type GlobalOptions } from './command-context.js'
import { reportError } from './error-report.js'
import { Output, type CliStreams } from './output.js'
import { COMMANDS } from './commands/index.js'

/**
 * A command's action: the context plus commander's positional arguments and
 * options. It may return an exit code for a result that is not a success
 * (`check --json` finding differences); errors end a run by being thrown.
 */
export type CommandAction = (ctx: CommandContext, ...args: never[]) => Promise<number | void>

/**
 * Runs the CLI on `argv` (without `node` and the script path) and returns the
 * exit code: 0 success, 1 a failed operation, 2 usage/config/input errors.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2))
 */
export async function runCli(argv: readonly string[], streams: CliStreams = processStreams(), cwd = process.cwd()): Promise<number> {
  const program = new Command('athanor')
  let context: CommandContext | undefined
  let exitCode = 0
  // Before a command's action runs (commander's own errors) the flags are known only from argv.
  const early = { json: hasFlag(argv, '--json'), verbose: hasFlag(argv, '--verbose') || hasFlag(argv, '-v') }
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
    .exitOverride()
    .configureOutput({
      writeOut: (text) => streams.stdout.write(text),
      // Under --json commander's error text becomes the error document instead.
      writeErr: (text) => (early.json ? undefined : streams.stderr.write(maskPasswords(text))),
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
      context = createCommandContext(out, globals, cwd)
      // commander passes (…positionals, options, command); actions take (ctx, …positionals, options).
      const code = await (action as (ctx: CommandContext, ...rest: unknown[]) => Promise<number | void>)(context, ...args.slice(0, -1))
      exitCode = code ?? 0
    }
  for (const register of COMMANDS) register(program, bind)

  try {
    await program.parseAsync([...argv], { from: 'user' })
    return exitCode
  } catch (error) {
    const mode = context === undefined ? early : { json: context.globals.json, verbose: context.globals.verbose }
    return reportError(error, streams, mode)
  }
}

/** True when `flag` is among the options (before a `--` that ends them). */
function hasFlag(argv: readonly string[], flag: string): boolean {
  const end = argv.indexOf('--')
  return (end === -1 ? argv : argv.slice(0, end)).includes(flag)
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value]
}

function processStreams(): CliStreams {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env }
}

function packageVersion(): string {
  // package.json sits two folders up from both src/cli and dist/cli.
  const path = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'package.json')
  return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version
}
