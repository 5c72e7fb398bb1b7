/**
 * What every command's action receives: the printer, the global flags, and a
 * lazily built `Athanor` (so `init` and `check` never load a config).
 */
import type { Athanor, AthanorOptions } from '../api.js'
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

/**
 * The config a command tree starts from when no `-c` is given: a config file
 * path, relative to the working directory, or a config object (an
 * application's own, for a mounted `db` command group).
 */
export type ConfigSource = string | AthanorOptions

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
export function createCommandContext(out: Output, globals: GlobalOptions, cwd: string, config?: ConfigSource): CommandContext {
  let athanor: Promise<Athanor> | undefined
  const configPath = globals.config ?? (typeof config === 'string' ? config : undefined)
  return {
    out,
    globals,
    cwd,
    athanor() {
      athanor ??= import('../api.js').then(async ({ Athanor }) => {
        const xArgs = parseXArgs(globals.x)
        if (configPath === undefined && typeof config === 'object') {
          // A config object from the application; --url still wins over its url, as over a file's.
          const made = new Athanor({ cwd, ...config, xArgs, ...(globals.url === undefined ? {} : { url: globals.url }) })
          await made.loadScript()
          return made
        }
        return Athanor.fromConfig({
          cwd,
          xArgs,
          ...(configPath === undefined ? {} : { configPath }),
          ...(globals.url === undefined ? {} : { url: globals.url }),
        })
      }).then((made) => {
        // The config's URL is known only now: its credentials join the run's mask.
        out.mask.addUrl(made.config.url)
        return made
      })
      return athanor
    },
  }
}
