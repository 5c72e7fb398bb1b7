/**
 * The sub-commands by name, each imported only when it is the one invoked:
 * `athanor heads` loads `heads.js` and nothing of `check`, `revision` or
 * `graph`. The full, ordered list (for `--help`, a mistyped name, a mounted
 * tree) stays in index.ts; a test holds the two to the same commands.
 */
import type { RegisterCommand } from './index.js'

const LOADERS: Readonly<Record<string, () => Promise<RegisterCommand>>> = {
  init: async () => (await import('./init.js')).registerInit,
  revision: async () => (await import('./revision.js')).registerRevision,
  migrate: async () => (await import('./revision.js')).registerMigrate,
  upgrade: async () => (await import('./upgrade-downgrade.js')).registerUpgrade,
  downgrade: async () => (await import('./upgrade-downgrade.js')).registerDowngrade,
  current: async () => (await import('./current.js')).registerCurrent,
  history: async () => (await import('./history.js')).registerHistory,
  heads: async () => (await import('./heads.js')).registerHeads,
  branches: async () => (await import('./branches.js')).registerBranches,
  show: async () => (await import('./show.js')).registerShow,
  stamp: async () => (await import('./stamp.js')).registerStamp,
  resume: async () => (await import('./resume.js')).registerResume,
  merge: async () => (await import('./merge.js')).registerMerge,
  check: async () => (await import('./check.js')).registerCheck,
  edit: async () => (await import('./edit.js')).registerEdit,
  graph: async () => (await import('./graph.js')).registerGraph,
  lint: async () => (await import('./lint.js')).registerLint,
  rehash: async () => (await import('./rehash.js')).registerRehash,
  types: async () => (await import('./types.js')).registerTypes,
  'ensure-version': async () => (await import('./ensure-version.js')).registerEnsureVersion,
}

/**
 * The names {@link commandsFor} loads one by one.
 *
 * @example
 * LAZY_COMMAND_NAMES.includes('heads') // true
 */
export const LAZY_COMMAND_NAMES: readonly string[] = Object.keys(LOADERS)

/**
 * What to register for a run of sub-command `name`: that command alone when
 * it is one, else every command (no name, `help`, a typo commander should
 * answer with "did you mean").
 *
 * @example
 * const [registerHeads] = await commandsFor('heads')
 */
export async function commandsFor(name: string | undefined): Promise<readonly RegisterCommand[]> {
  const load = name === undefined || !Object.hasOwn(LOADERS, name) ? undefined : LOADERS[name]
  if (load !== undefined) return [await load()]
  return (await import('./index.js')).COMMANDS
}
