import { runWithXArgs } from '../config/x-args.js'
import type { Revision } from '../script/revision.js'
import { loadRevisionModule, type RevisionModule } from './revision-module.js'

/**
 * The scripts of one run, loaded before its first step. Online runs,
 * `--sql` and the API all go through it (the runner calls {@link preflight}
 * on every plan it makes), so a syntax error, a missing `upgrade`/`downgrade`
 * export or a throw on import in the last pending revision stops the run
 * before the first one is applied.
 *
 * @example
 * const loaded = new LoadedScripts({})
 * await preflight(loaded, plan) // throws a RevisionError naming the file
 * loaded.get(plan[0]!).upgrade(op)
 */
export class LoadedScripts {
  readonly #xArgs: Readonly<Record<string, string>>
  readonly #modules = new Map<string, RevisionModule>()

  constructor(xArgs: Readonly<Record<string, string>>) {
    this.#xArgs = xArgs
  }

  /** True when the revision's module has been loaded. */
  has(revision: Revision): boolean {
    return this.#modules.has(revision.id)
  }

  /** The module of a revision {@link preflight} loaded; loading it now is a bug in the caller. */
  get(revision: Revision): RevisionModule {
    const module = this.#modules.get(revision.id)
    if (module === undefined) throw new Error(`revision ${revision.id} was not loaded before the run`)
    return module
  }

  /** Loads one revision's module (its top-level code sees this run's -x values). */
  async load(revision: Revision): Promise<void> {
    if (this.#modules.has(revision.id)) return
    const module = await runWithXArgs(this.#xArgs, () => loadRevisionModule(revision))
    this.#modules.set(revision.id, module)
  }
}

/**
 * Loads and validates every script of `plan` before anything runs: the
 * first broken one (in plan order) throws its `RevisionError` (naming the revision and
 * its file) and nothing of the run has been applied.
 *
 * @example
 * await preflight(loaded, graph.upgradePlan([], 'head'))
 */
export async function preflight(loaded: LoadedScripts, plan: readonly Revision[]): Promise<void> {
  // All at once, so the file reads of a long plan overlap instead of queueing one after another;
  // the error reported is still the first broken revision's in plan order.
  const outcomes = await Promise.allSettled(plan.map((revision) => loaded.load(revision)))
  for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason
}
