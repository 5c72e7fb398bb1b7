/**
 * Every sub-command, in the order `athanor --help` lists them. A mounted tree
 * (`createCommand`) registers them all at once; the binary imports only the
 * one it runs (lazy-commands.ts).
 */
import type { Command } from 'commander'
import type { CommandAction } from '../program.js'
import { registerInit } from './init.js'
import { registerMigrate, registerRevision } from './revision.js'
import { registerUpgrade, registerDowngrade } from './upgrade-downgrade.js'
import { registerCurrent } from './current.js'
import { registerHistory } from './history.js'
import { registerHeads } from './heads.js'
import { registerBranches } from './branches.js'
import { registerShow } from './show.js'
import { registerStamp } from './stamp.js'
import { registerResume } from './resume.js'
import { registerMerge } from './merge.js'
import { registerCheck } from './check.js'
import { registerEdit } from './edit.js'
import { registerGraph } from './graph.js'
import { registerLint } from './lint.js'
import { registerRehash } from './rehash.js'
import { registerTypes } from './types.js'
import { registerEnsureVersion } from './ensure-version.js'

/** Wraps a command's action so it receives the run's context. */
export type Bind = (action: CommandAction) => (...args: unknown[]) => Promise<void>

/** Adds one sub-command to the program. */
export type RegisterCommand = (program: Command, bind: Bind) => void

/** All sub-commands. */
export const COMMANDS: readonly RegisterCommand[] = [
  registerInit,
  registerRevision,
  registerMigrate,
  registerUpgrade,
  registerDowngrade,
  registerCurrent,
  registerHistory,
  registerHeads,
  registerBranches,
  registerShow,
  registerStamp,
  registerResume,
  registerMerge,
  registerCheck,
  registerEdit,
  registerGraph,
  registerLint,
  registerRehash,
  registerTypes,
  registerEnsureVersion,
]
