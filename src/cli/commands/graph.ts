/** `athanor graph [--format text|mermaid|dot|html] [--indicate-current]`: draw the revision DAG. */
import { Option } from 'commander'
import picocolors from 'picocolors'
import type { RegisterCommand } from './index.js'
import type { CommandContext } from '../command-context.js'
import type { HistoryEntry } from '../../api.js'
import { renderGraphText } from '../format/graph-text.js'
import { renderDot, renderHtml, renderMermaid } from '../format/graph-diagrams.js'

type GraphFormat = 'text' | 'mermaid' | 'dot' | 'html'

/** Registers `graph`. */
export const registerGraph: RegisterCommand = (program, bind) => {
  program
    .command('graph')
    .description('draw the revision graph (branches and merges visible)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'mermaid', 'dot', 'html']).default('text'))
    .option('-i, --indicate-current', 'mark the revisions the database is at (reads the database)')
    .action(bind(graph))
}

async function graph(ctx: CommandContext, flags: { format: GraphFormat; indicateCurrent?: boolean }): Promise<void> {
  const athanor = await ctx.athanor()
  let entries: HistoryEntry[]
  try {
    entries = await athanor.history({ indicateCurrent: flags.indicateCurrent === true })
  } catch (error) {
    // graph is a script command: an unreachable database costs the marks, not the drawing.
    if (flags.indicateCurrent !== true) throw error
    ctx.out.warn(`cannot read the current revisions (${error instanceof Error ? error.message : String(error)}); drawing without them`)
    entries = await athanor.history()
  }
  const { out } = ctx
  if (out.mode.json) return out.json(entries)
  switch (flags.format) {
    case 'mermaid':
      return out.line(renderMermaid(entries))
    case 'dot':
      return out.line(renderDot(entries))
    case 'html':
      return out.line(renderHtml(entries, renderGraphText(entries, picocolors.createColors(false))))
    default:
      return out.line(renderGraphText(entries, out.c))
  }
}
