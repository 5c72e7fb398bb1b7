/**
 * Where the CLI writes: data on stdout, problems on stderr, colours only when
 * wanted. Messages (progress, warnings, errors) have credentials masked; data
 * (a command's result, SQL) is written exactly as it is.
 */
import picocolors from 'picocolors'
import { SecretMask } from '../config/url.js'

/** The colour functions the formatters use (identity functions when colour is off). */
export type Colors = ReturnType<typeof picocolors.createColors>

/** The process streams the CLI writes to; tests pass their own. */
export interface CliStreams {
  readonly stdout: { write(text: string): unknown; isTTY?: boolean }
  readonly stderr: { write(text: string): unknown }
  readonly env: Readonly<Record<string, string | undefined>>
}

/** Output switches from the global flags. */
export interface OutputMode {
  readonly json: boolean
  readonly quiet: boolean
  readonly verbose: boolean
  /** False when `--no-color` was given. */
  readonly color: boolean
}

/**
 * The CLI's printer.
 *
 * @example
 * const out = new Output(streams, { json: false, quiet: false, verbose: false, color: true })
 * out.line(`${out.c.bold(id)} (head)`)
 */
export class Output {
  readonly mode: OutputMode
  readonly c: Colors
  /** Hides URL passwords and the run's configured credentials in messages. */
  readonly mask: SecretMask
  readonly #streams: CliStreams

  constructor(streams: CliStreams, mode: OutputMode, mask = new SecretMask()) {
    this.#streams = streams
    this.mode = mode
    this.mask = mask
    const noColorEnv = (streams.env['NO_COLOR'] ?? '') !== ''
    this.c = picocolors.createColors(mode.color && !noColorEnv && streams.stdout.isTTY === true)
  }

  /** True when stdout is a terminal (a person may be reading, and could be asked). */
  get isTerminal(): boolean {
    return this.#streams.stdout.isTTY === true
  }

  /** Writes one line of the command's result (data: SQL, revisions, diffs) to stdout, unchanged. */
  line(text = ''): void {
    this.#streams.stdout.write(text + '\n')
  }

  /** Writes a progress or summary message to stdout, masked, unless `-q` or `--json` asked for silence. */
  info(text: string): void {
    if (!this.mode.quiet && !this.mode.json) this.#streams.stdout.write(this.mask.apply(text) + '\n')
  }

  /** Writes the command's result as one JSON document on stdout (data, unchanged). */
  json(value: unknown): void {
    this.#streams.stdout.write(JSON.stringify(value, null, 2) + '\n')
  }

  /** Writes `warning: …` to stderr, masked (even with `-q`: warnings are never noise). */
  warn(text: string): void {
    this.#streams.stderr.write(this.mask.apply(`warning: ${text}`) + '\n')
  }

  /** Writes a message to stderr (error lines, stack traces), masked. */
  stderr(text: string): void {
    this.#streams.stderr.write(this.mask.apply(text) + '\n')
  }
}
