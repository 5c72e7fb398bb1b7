/**
 * The one place an error becomes what the user sees: `error: …` and
 * `hint: …` lines on stderr, or under `--json` one document on stdout
 * (`{"error": {"code", "message", "hint"}, …the error's data}`), and the exit
 * code either way.
 */
import { CommanderError } from 'commander'
import { AthanorError, ErrorCode, EXIT_CODES } from '../errors.js'
import { SecretMask } from '../config/url.js'
import type { CliStreams } from './output.js'

/** How the run asked for errors to be shown. */
export interface ErrorReportMode {
  readonly json: boolean
  readonly verbose: boolean
  /** The run's mask (its configured credentials); URL passwords are masked without one. */
  readonly mask?: SecretMask
}

/** The `--json` form of an error. */
export interface ErrorDocument {
  readonly error: { readonly code: ErrorCode; readonly message: string; readonly hint: string | null }
  /** The error's data (a failed run's `steps`, `current`, `failed`; the `heads` of an ambiguous `head`; …). */
  readonly [field: string]: unknown
}

const HELP_HINT = 'run with --help for usage'
const VERBOSE_HINT = 'run with --verbose to see the stack trace'

/**
 * Shows `error` and returns the exit code: the error's own for an athanor
 * error, 2 for commander's usage errors (0 after `--help`/`--version`), 1 for
 * anything else.
 *
 * @example
 * return reportError(error, streams, { json: argv.includes('--json'), verbose: false })
 */
export function reportError(error: unknown, streams: CliStreams, mode: ErrorReportMode): number {
  if (error instanceof CommanderError && error.exitCode === 0) return 0
  const exitCode = EXIT_CODES[codeOf(error)]
  const mask = mode.mask ?? new SecretMask()
  const writeLine = (text: string): void => void streams.stderr.write(mask.apply(text) + '\n')
  if (mode.json) {
    // An error document is a message, the failed statement's SQL included: all of it is masked.
    streams.stdout.write(mask.apply(JSON.stringify(errorDocument(error), null, 2)) + '\n')
    if (mode.verbose && !(error instanceof CommanderError)) writeLine(stackOf(error))
    return exitCode
  }
  // A missing sub-command: commander has shown the help, which says it all.
  if (error instanceof CommanderError && error.code === 'commander.help') return exitCode
  const { message, hint } = errorDocument(error).error
  writeLine(`error: ${message}`)
  if (hint !== null && !(mode.verbose && hint === VERBOSE_HINT)) writeLine(`hint: ${hint}`)
  if (mode.verbose && !(error instanceof CommanderError)) writeLine(stackOf(error))
  return exitCode
}

/**
 * The `--json` document of an error.
 *
 * @example
 * errorDocument(new UsageError('stamp needs at least one revision', { hint: 'e.g. athanor stamp head' }))
 * // { error: { code: 'E_USAGE', message: 'stamp needs at least one revision', hint: 'e.g. athanor stamp head' } }
 */
export function errorDocument(error: unknown): ErrorDocument {
  if (error instanceof AthanorError) {
    return { error: { code: error.code, message: error.message, hint: error.hint ?? null }, ...error.data }
  }
  if (error instanceof CommanderError) {
    return { error: { code: codeOf(error), message: commanderMessage(error), hint: HELP_HINT } }
  }
  return { error: { code: codeOf(error), message: messageOf(error), hint: VERBOSE_HINT } }
}

/** Commander's parse errors are usage errors; anything athanor did not raise on purpose is unexpected. */
function codeOf(error: unknown): ErrorCode {
  if (error instanceof AthanorError) return error.code
  return error instanceof CommanderError ? ErrorCode.Usage : ErrorCode.Unexpected
}

/** Commander's message without its `error: ` prefix, on one line ("(Did you mean …?)" joined on). */
function commanderMessage(error: CommanderError): string {
  // A missing sub-command makes commander show the help as an error; its message is only a marker.
  if (error.code === 'commander.help') return 'no command given'
  return error.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').trim()
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
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
