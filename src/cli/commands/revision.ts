/**
 * `athanor revision -m MSG [...]` (or `revision "MSG"`): write a new revision
 * file (filled by `--autogenerate`); and `athanor migrate -m MSG`,
 * Flask-Migrate's name for `revision --autogenerate`.
 */
import { relative, resolve } from 'node:path'
import { UsageError } from '../../errors.js'
import type { Command } from 'commander'
import type { Bind, RegisterCommand } from './index.js'
import type { CommandContext } from '../command-context.js'
import { formatDataLoss, formatDiff } from '../format/diff-text.js'
import { canPrompt, promptRenameDecision } from '../rename-prompt.js'

interface RevisionFlags {
  message?: string
  autogenerate?: boolean
  allowEmpty?: boolean
  safe?: boolean
  expandContract: string[]
  head?: string
  splice?: boolean
  branchLabel: string[]
  dependsOn: string[]
  revId?: string
  versionPath?: string
}

/** Registers `revision`. */
export const registerRevision: RegisterCommand = (program, bind) => {
  revisionCommand(program, bind, 'revision', 'create a new revision file', { autogenerateFlag: true })
}

/** Registers `migrate`: `revision --autogenerate`, as Flask-Migrate's `flask db migrate`. */
export const registerMigrate: RegisterCommand = (program, bind) => {
  revisionCommand(program, bind, 'migrate', 'autogenerate a new revision from the models (revision --autogenerate)', {
    autogenerateFlag: false,
  })
}

function revisionCommand(
  program: Command,
  bind: Bind,
  name: 'revision' | 'migrate',
  description: string,
  { autogenerateFlag }: { autogenerateFlag: boolean },
): void {
  // commander folds `--no-rename` into `rename`; the option events keep the two lists apart.
  const renames = { accept: [] as string[], reject: [] as string[] }
  const command = program
    .command(name)
    .description(description)
    .argument('[message]', 'what the revision does; the same as -m')
    .option('-m, --message <msg>', 'what the revision does (its first doc line and file name)')
  if (autogenerateFlag) command.option('--autogenerate', 'fill it by comparing the models with the database')
  const withAutogenerate = autogenerateFlag ? 'with --autogenerate: ' : ''
  command
    .option('--allow-empty', `${withAutogenerate}write the revision even when nothing differs`)
    .option('--safe', `${withAutogenerate}write zero-downtime forms (CONCURRENTLY indexes, NOT VALID then validated in a following revision), as the config's safe: true`)
    .option('--rename <old=new>', `${withAutogenerate}write this vanished/appeared pair as a rename (repeatable)`)
    .option('--no-rename <old=new>', `${withAutogenerate}write this pair as drop + add (repeatable)`)
    .option('--expand-contract <old=new>', `${withAutogenerate}write this column rename as expand now (add, backfill in batches) and contract in a following revision (repeatable)`, collect, [])
    .option('--head <rev>', 'parent revision: a head, label@head, or base for a new root')
    .option('--splice', 'allow --head to be a revision that is not a head (starts a branch)')
    .option('--branch-label <label>', 'branch label for the new revision (repeatable)', collect, [])
    .option('--depends-on <rev>', 'revision this one depends on, across branches (repeatable)', collect, [])
    .option('--rev-id <id>', 'use this revision id instead of a random one')
    .option('--version-path <dir>', 'write the file into this version location (or a folder inside one)')
  command.on('option:rename', (pair: string) => renames.accept.push(pair))
  command.on('option:no-rename', (pair: string) => renames.reject.push(pair))
  command.action(
    bind(async (ctx: CommandContext, message: string | undefined, flags: RevisionFlags) => {
      try {
        const merged = { ...flags, message: messageOf(message, flags.message), autogenerate: !autogenerateFlag || flags.autogenerate === true }
        await revision(ctx, name, merged, renames)
      } finally {
        renames.accept = []
        renames.reject = []
      }
    }),
  )
}

/** The message from `-m` or the positional argument (Flask-Alembic's `revision "made changes"`); both must agree. */
function messageOf(positional: string | undefined, flag: string | undefined): string | undefined {
  if (positional !== undefined && flag !== undefined && positional !== flag) {
    throw new UsageError(`two messages given: "${positional}" and -m "${flag}"`, { hint: 'give the message once, as -m MSG or as the argument' })
  }
  return flag ?? positional
}

async function revision(
  ctx: CommandContext,
  name: 'revision' | 'migrate',
  flags: RevisionFlags,
  renames: { accept: string[]; reject: string[] },
): Promise<void> {
  if (flags.message === undefined) {
    throw new UsageError(`${name} needs a message`, { hint: 'pass -m "what this revision does"' })
  }
  if (flags.autogenerate !== true && (flags.allowEmpty === true || flags.safe === true || flags.expandContract.length > 0 || renames.accept.length > 0 || renames.reject.length > 0)) {
    throw new UsageError('--allow-empty, --safe, --expand-contract, --rename and --no-rename only apply with --autogenerate')
  }
  const athanor = await ctx.athanor()
  if (flags.head === 'base' && flags.branchLabel.length === 0 && athanor.script.graph.size > 0) {
    ctx.out.warn('a second base without --branch-label can only be addressed by id; consider --branch-label NAME')
  }
  const options = {
    splice: flags.splice === true,
    ...(flags.head === undefined ? {} : { head: flags.head }),
    ...(flags.branchLabel.length === 0 ? {} : { branchLabel: flags.branchLabel }),
    ...(flags.dependsOn.length === 0 ? {} : { dependsOn: flags.dependsOn }),
    ...(flags.revId === undefined ? {} : { revId: flags.revId }),
    // A path typed on the command line is relative to where the user stands.
    ...(flags.versionPath === undefined ? {} : { versionPath: resolve(ctx.cwd, flags.versionPath) }),
  }
  if (flags.autogenerate === true) {
    const result = await athanor.autogenerate(flags.message, {
      ...options,
      allowEmpty: flags.allowEmpty === true,
      ...(flags.safe === true ? { safe: true } : {}),
      ...(flags.expandContract.length > 0 ? { expandContract: flags.expandContract } : {}),
      rename: renames.accept,
      noRename: renames.reject,
      // Only a person at a terminal is asked; --json and -q runs are scripted: never stop to ask.
      ...(canPrompt(ctx.out) && !ctx.out.mode.json && !ctx.out.mode.quiet ? { decideRename: promptRenameDecision } : {}),
    })
    for (const loss of result.dataLoss) ctx.out.warn(`data loss: ${formatDataLoss(loss)}`)
    for (const note of result.notCarried) ctx.out.warn(`not carried: ${note}`)
    for (const r of result.renames.filter((c) => c.decision === 'review')) {
      ctx.out.warn(`review: ${r.kind} ${r.kind === 'column' ? `${r.table}.` : ''}${r.from} -> ${r.to} was written as a rename; --no-rename ${r.from}=${r.to} writes drop + add`)
    }
    if (ctx.out.mode.json) {
      const details = result.revision ? (await athanor.show(result.revision.id))[0] : { revision: null }
      const followUp = result.followUp ? { followUp: (await athanor.show(result.followUp.id))[0] } : {}
      return ctx.out.json({ ...details, diffs: result.diffs, dataLoss: result.dataLoss, renames: result.renames, notCarried: result.notCarried, ...followUp })
    }
    for (const diff of result.diffs) ctx.out.info(`Detected ${formatDiff(diff)}`)
    if (result.revision === null) {
      ctx.out.info('No changes in schema detected; no revision written (--allow-empty writes one)')
      return
    }
    ctx.out.info(`Generating ${relative(ctx.cwd, result.revision.path)} ... done`)
    if (result.followUp) ctx.out.info(`Generating ${relative(ctx.cwd, result.followUp.path)} ... done (${result.followUp.message.endsWith('(contract)') ? 'the contract step: deploy it once no running code reads the old column' : 'its validations, to run after the first revision has committed'})`)
    if (ctx.out.mode.quiet) ctx.out.line(result.revision.id)
    return
  }
  const written = await athanor.revision(flags.message, options)
  if (ctx.out.mode.json) return ctx.out.json((await athanor.show(written.id))[0])
  ctx.out.info(`Generating ${relative(ctx.cwd, written.path)} ... done`)
  if (ctx.out.mode.quiet) ctx.out.line(written.id)
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value]
}
