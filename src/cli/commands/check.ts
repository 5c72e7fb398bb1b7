/**
 * `athanor check`: exit 1 when autogenerate would write anything (the models
 * and the database at head differ). `--verify`, `--linear` and `--conflicts`
 * run those checks instead, for CI.
 */
import { AthanorError, ErrorCode, UsageError } from '../../errors.js'
import type { HistoryCheckResult } from '../../api/history-check.js'
import { formatDiff, formatNotCarried } from '../format/diff-text.js'
import { verifyWarnings } from '../format/verify-text.js'
import { conflictLines } from '../format/conflict-text.js'
import type { CommandContext } from '../command-context.js'
import type { RegisterCommand } from './index.js'

interface CheckFlags {
  verify?: boolean
  strict?: boolean
  linear?: boolean
  conflicts?: boolean
  history?: boolean
  roundtrip?: boolean
}

/** Registers `check`. */
export const registerCheck: RegisterCommand = (program, bind) => {
  program
    .command('check')
    .description('exit 1 (listing them) if the models and the database at head differ, 0 if they agree')
    .option('--verify', "instead: exit 1 when an applied revision's file changed since it ran")
    .option('--strict', 'also exit 1 when the database holds facts the models cannot carry (the "not carried" lines)')
    .option('--linear', 'instead: exit 1 when the revisions have several heads')
    .option('--conflicts', 'instead: exit 1 listing unmerged branches whose revisions touch the same table or column')
    .option('--history', 'compare the models with every revision replayed into a scratch database needing no server, not with the database')
    .option('--roundtrip', 'with --history: also step each revision up, down and up, and exit 1 naming a downgrade that does not undo its upgrade')
    .action(bind(check))
}

async function check(ctx: CommandContext, flags: CheckFlags): Promise<number | void> {
  if (flags.verify === true || flags.linear === true || flags.conflicts === true) return checkRevisions(ctx, flags)
  if (flags.roundtrip === true && flags.history !== true) throw new UsageError('--roundtrip goes with --history', { hint: 'run `athanor check --history --roundtrip`' })
  const athanor = await ctx.athanor()
  if (flags.history === true) return checkHistory(ctx, await athanor.checkHistory({ roundtrip: flags.roundtrip === true }), flags.strict === true)
  const result = await athanor.compareMetadata({ requireHead: true })
  const strictFails = flags.strict === true && result.notCarried.length > 0
  if (ctx.out.mode.json) {
    // The document is the answer, `upToDate: false` included: exit 1 without a second (error) document.
    ctx.out.json(result)
    return result.upToDate && !strictFails ? 0 : 1
  }
  for (const fact of result.notCarried) ctx.out.line(`not carried: ${formatNotCarried(fact)}`)
  if (result.upToDate && strictFails) {
    throw new AthanorError(`the database holds ${result.notCarried.length} fact${result.notCarried.length === 1 ? '' : 's'} the models cannot carry`, {
      code: ErrorCode.NotCarried,
      hint: 'each "not carried" line is lost if the schema is rebuilt from the models; drop --strict to accept that',
    })
  }
  if (result.upToDate) return ctx.out.info('No new upgrade operations detected.')
  ctx.out.line('New upgrade operations detected:')
  for (const diff of result.diffs) ctx.out.line(`  ${formatDiff(diff)}`)
  throw new AthanorError(`the models and the database differ (${result.diffs.length} difference${result.diffs.length === 1 ? '' : 's'})`, {
    code: ErrorCode.ModelsDiffer,
    hint: 'run `athanor revision --autogenerate -m "…"` to write a revision for them',
  })
}

/** `check --history [--roundtrip]`: the replayed history against the models, then each failed roundtrip; exit 1 on either. */
function checkHistory(ctx: CommandContext, result: HistoryCheckResult, strict: boolean): number | void {
  const failures = result.roundtrip?.failures ?? []
  const strictFails = strict && result.notCarried.length > 0
  if (ctx.out.mode.json) {
    ctx.out.json(result)
    return result.upToDate && failures.length === 0 && !strictFails ? 0 : 1
  }
  const count = `${result.revisions.length} revision${result.revisions.length === 1 ? '' : 's'}`
  ctx.out.info(`Replayed ${count} into ${result.scratch}.`)
  for (const fact of result.notCarried) ctx.out.line(`not carried: ${formatNotCarried(fact)}`)
  if (result.roundtrip !== undefined && failures.length === 0) ctx.out.info(`Each of the ${result.roundtrip.checked} downgrades undoes its upgrade.`)
  for (const failure of failures) {
    ctx.out.line(`Revision ${failure.revision} (${failure.message}): its downgrade does not undo its upgrade; after up and down:`)
    for (const diff of failure.diffs) ctx.out.line(`  ${formatDiff(diff)}`)
  }
  if (!result.upToDate) {
    ctx.out.line('The models differ from the replayed history:')
    for (const diff of result.diffs) ctx.out.line(`  ${formatDiff(diff)}`)
  }
  const problems = [
    ...(result.upToDate ? [] : [`the models and the replayed history differ (${result.diffs.length} difference${result.diffs.length === 1 ? '' : 's'})`]),
    ...(failures.length === 0 ? [] : [`${failures.length} downgrade${failures.length === 1 ? ' does' : 's do'} not undo ${failures.length === 1 ? 'its' : 'their'} upgrade (${failures.map((f) => f.revision).join(', ')})`]),
    ...(strictFails ? [`the replayed history holds ${result.notCarried.length} fact${result.notCarried.length === 1 ? '' : 's'} the models cannot carry`] : []),
  ]
  if (problems.length === 0) return ctx.out.info('The models and the replayed history agree.')
  throw new AthanorError(`check --history failed: ${problems.join('; ')}`, {
    code: result.upToDate && failures.length === 0 ? ErrorCode.NotCarried : result.upToDate ? ErrorCode.CheckFailed : ErrorCode.ModelsDiffer,
    hint: result.upToDate ? 'make each named downgrade reverse its upgrade (it must put back what the upgrade removed)' : 'run `athanor revision --autogenerate -m "…"` against a database at head to write the missing revision',
  })
}

/** The checks a flag names, each adding its findings; exit 1 when any found one. */
async function checkRevisions(ctx: CommandContext, flags: CheckFlags): Promise<number | void> {
  const athanor = await ctx.athanor()
  const document: Record<string, unknown> = {}
  const problems: string[] = []
  if (flags.verify === true) {
    const verified = await athanor.verify()
    document['verify'] = verified
    for (const warning of verifyWarnings(verified, ctx.cwd)) ctx.out.warn(warning)
    if (!verified.ok) problems.push(`${verified.changed.length} applied revision file${verified.changed.length === 1 ? '' : 's'} changed`)
    else ctx.out.info(`Checksums of ${verified.current.length === 0 ? 'no applied revision' : 'every applied revision'} match${verified.unrecorded.length > 0 ? ` (${verified.unrecorded.length} applied without a checksum)` : ''}.`)
  }
  if (flags.linear === true) {
    const heads = athanor.script.graph.heads().map((r) => r.id)
    document['linear'] = { ok: heads.length <= 1, heads }
    if (heads.length > 1) {
      problems.push(`there are ${heads.length} heads (${heads.join(', ')})`)
      if (!ctx.out.mode.json) ctx.out.line(`Several heads: ${heads.join(', ')}; join them with \`athanor merge -m "merge heads"\``)
    } else ctx.out.info('One head: the history is linear.')
  }
  if (flags.conflicts === true) {
    const report = await athanor.branchConflicts()
    document['conflicts'] = report
    for (const { revision, reason } of report.unanalysed) ctx.out.warn(`revision ${revision} was not fully read for conflicts: ${reason}`)
    if (!ctx.out.mode.json) for (const line of conflictLines(report)) ctx.out.line(line)
    if (report.conflicts.length > 0) problems.push(`${report.conflicts.length} pair${report.conflicts.length === 1 ? '' : 's'} of branches touch the same objects`)
    else ctx.out.info('No unmerged branches touch the same tables or columns.')
  }
  if (ctx.out.mode.json) {
    ctx.out.json({ ok: problems.length === 0, ...document })
    return problems.length === 0 ? 0 : 1
  }
  if (problems.length === 0) return
  throw new AthanorError(`check failed: ${problems.join('; ')}`, { code: ErrorCode.CheckFailed })
}
