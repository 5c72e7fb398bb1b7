/**
 * What every command's action receives: the printer, the global flags, and a
 * lazily built `Athanor` (so `init` and `check` never load a config).
 */
import type { Athanor } from '../api.js'
import { parseXArgs } from '../config/x-args.js'
import type { Output } from './output.js'

/** The global flags (DESIGN §3). */
export interface GlobalOptions {
  readonly config?: string
  readonly url?: string
  readonly x: readonly string[]
  readonly json: boolean
  readonly quiet: boolean
  readonly verbose: boolean
  readonly color: boolean
}

/** A command's view of the run. */
export interface CommandContext {
  readonly out: Output
  readonly globals: GlobalOptions
  readonly cwd: string
  /** The API object for this run, from the config; made on first call. */
  athanor(): Promise<Athanor>
}

/**
 * Builds the context for one command run.
 *
 * @example
 * const ctx = createCommandContext(out, globals, process.cwd())
 * const heads = await (await ctx.athanor()).heads()
 */
export function createCommandContext(out: Output, globals: GlobalOptions, cwd: string): CommandContext {
  let athanor: Promise<Athanor> | undefined
  return {
    out,
    globals,
    cwd,
    athanor() {
      athanor ??= import('../api.js').then(({ Athanor }) =>
        Athanor.fromConfig({
          cwd,
          xArgs: parseXArgs(globals.x),
          ...(globals.config === undefined ? {} : { configPath: globals.config }),
          ...(globals.url === undefined ? {} : { url: globals.url }),
        }),
      )
      return athanor
    },
  }
}
