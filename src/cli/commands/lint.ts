/** `athanor lint [RANGE] [--all]`: findings on the ops of pending revisions; exit 1 on an error-level one. */
import type { LintFinding, LintResult } from '../../api.js'
import { AthanorError, ErrorCode } from '../../errors.js'
import type { CommandContext } from '../command-context.js'
import type { Output } from '../output.js'
import type { RegisterCommand } from './index.js'

/** Registers `lint`. */
export const registerLint: RegisterCommand = (program, bind) => {
  program
    .command('lint')
    .description('find ops that would lock or rewrite busy tables (default: the revisions not yet applied); exit 1 on an error')
    .argument('[range]', 'A:B (as history -r) or one revision target')
    .option('--all', 'every revision, base to heads')
    .action(bind(lint))
}

async function lint(ctx: CommandContext, range: string | undefined, flags: { all?: boolean }): Promise<number | void> {
  const athanor = await ctx.athanor()
  const result = await athanor.lint({ ...(range === undefined ? {} : { range }), all: flags.all === true })
  const { out } = ctx
  if (out.mode.json) {
    // The document is the answer: exit 1 on errors without a second (error) document, as check does.
    out.json(result)
    return result.errors > 0 ? 1 : 0
  }
  for (const note of result.notes) out.warn(note)
  for (const finding of result.findings) printFinding(out, finding)
  for (const finding of result.silenced) {
    out.info(`${out.c.dim('allowed')} ${finding.rule} in ${finding.revision} (${finding.op}): ${finding.silenced?.reason ?? ''} [${finding.silenced?.by === 'op' ? 'op lint.allow' : 'config lint.allow'}]`)
  }
  out.info(summary(result))
  if (result.errors > 0) {
    throw new AthanorError(`lint found ${result.errors} error${result.errors === 1 ? '' : 's'}`, {
      code: ErrorCode.LintFailed,
      hint: "use the safe form each finding gives, or allow the rule on the op: { lint: { allow: ['rule-id'], reason: '…' } }",
    })
  }
}

function printFinding(out: Output, f: LintFinding): void {
  const level = f.level === 'error' ? out.c.red('error') : f.level === 'warning' ? out.c.yellow('warning') : out.c.dim('note')
  out.line(`${level} ${out.c.bold(f.rule)}  ${f.revision} (${f.revisionMessage}): ${f.op}${sizeText(f)}`)
  out.line(`  why: ${f.why}`)
  out.line(`  safe: ${f.safe}`)
}

function sizeText(f: LintFinding): string {
  if (f.size === null) return ''
  const rows = f.size.rows === null ? 'rows unknown (never analyzed)' : `~${f.size.rows.toLocaleString('en-US')} rows`
  const bytes = f.size.bytes === null ? '' : `, ${formatBytes(f.size.bytes)}`
  return ` [${rows}${bytes}${f.level === 'note' ? `; small table, ${f.ruleLevel} lowered to note` : ''}]`
}

function formatBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB']
  let value = n
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`
}

function summary(r: LintResult): string {
  const count = (level: string) => r.findings.filter((f) => f.level === level).length
  const db = r.database.reachable ? `${r.database.product ?? r.database.dialect} ${r.database.version ?? ''}`.trim() : `${r.database.dialect} (not reached)`
  return `${r.revisions.length} revision(s) linted on ${db}: ${r.errors} error(s), ${count('warning')} warning(s), ${count('note')} note(s), ${r.silenced.length} allowed`
}
