import { importUserModule } from '../config/module-loader.js'
import { runWithXArgs } from '../config/x-args.js'
import { RevisionError } from '../errors.js'
import type { Operations } from '../operations/operations.js'
import type { Revision } from '../script/revision.js'

/** What a revision file exports that the runner calls. */
export interface RevisionModule {
  upgrade(op: Operations): unknown
  downgrade(op: Operations): unknown
}

/**
 * Imports a revision's file (see importUserModule) when its run starts;
 * listing and planning never load scripts.
 *
 * @example
 * const module = await loadRevisionModule(revision)
 * await module.upgrade(op)
 */
export async function loadRevisionModule(revision: Revision): Promise<RevisionModule> {
  let loaded: Record<string, unknown>
  try {
    loaded = await importUserModule(revision.path)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new RevisionError(`cannot load revision ${revision.id} (${revision.path}): ${reason}`, { cause: error })
  }
  for (const name of ['upgrade', 'downgrade'] as const) {
    if (typeof loaded[name] !== 'function') {
      throw new RevisionError(`revision ${revision.id} (${revision.path}) does not export ${name === 'upgrade' ? 'an' : 'a'} ${name}(op) function`, {
        hint: 'every revision file exports async function upgrade(op) and async function downgrade(op)',
      })
    }
  }
  return loaded as unknown as RevisionModule
}

type Settled = { readonly module: RevisionModule } | { readonly error: unknown }

/**
 * The modules of one run's revisions, loaded together before its first step
 * (their files read and imported at once, not one step at a time), each
 * handed out when its step runs. A file that fails to load fails its own
 * step, as if loaded then: the steps before it still run.
 *
 * @example
 * const modules = new RunModules({ tenant: 'acme' })
 * await modules.preload(plan)
 * const module = await modules.take(plan[0])
 */
export class RunModules {
  readonly #xArgs: Readonly<Record<string, string>>
  readonly #loaded = new Map<string, Settled>()

  constructor(xArgs: Readonly<Record<string, string>>) {
    this.#xArgs = xArgs
  }

  /** Loads the modules of `revisions` not loaded yet, under the run's -x values (a script's top level may read them). */
  async preload(revisions: readonly Revision[]): Promise<void> {
    const missing = revisions.filter((revision) => !this.#loaded.has(revision.path))
    if (missing.length === 0) return
    await runWithXArgs(this.#xArgs, () =>
      Promise.all(
        missing.map(async (revision) => {
          const settled = await loadRevisionModule(revision).then(
            (module): Settled => ({ module }),
            (error: unknown): Settled => ({ error }),
          )
          this.#loaded.set(revision.path, settled)
        }),
      ),
    )
  }

  /** The module of `revision`: the preloaded one (once), else loaded now. Call inside the run's -x scope. */
  async take(revision: Revision): Promise<RevisionModule> {
    const settled = this.#loaded.get(revision.path)
    if (settled === undefined) return loadRevisionModule(revision)
    this.#loaded.delete(revision.path)
    if ('error' in settled) throw settled.error
    return settled.module
  }
}
