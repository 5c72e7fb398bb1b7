import { importFailureReason, importUserModule } from '../config/module-loader.js'
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
    throw new RevisionError(`cannot load revision ${revision.id} (${revision.path}): ${importFailureReason(error)}`, { cause: error })
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
