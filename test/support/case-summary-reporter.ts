/**
 * The summary CI prints at the end of a run: how many cases of each kind ran
 * and passed — the trust suites (hostile inputs, fuzzing, crashes,
 * concurrency, secrets) by name, every other test by its folder — so a
 * shrunken suite or a silently skipped kind shows in the log.
 */
import { relative } from 'node:path'
import type { Reporter, TestModule } from 'vitest/node'

/** A kind of case and the test files that hold it (paths from the project root); the first that matches wins. */
const KINDS: readonly { readonly kind: string; readonly files: RegExp }[] = [
  { kind: 'hostile inputs', files: /^test\/trust\/hostile-/ },
  { kind: 'fuzzing', files: /fuzz/ },
  { kind: 'crashes', files: /^test\/runtime\/crash-/ },
  { kind: 'concurrency', files: /^test\/runtime\/concurrency/ },
  { kind: 'secrets', files: /^test\/trust\/secrets/ },
  { kind: 'trust (other)', files: /^test\/trust\// },
]

/**
 * The kind a test file's cases count under: a trust suite's name, else `test/<folder>`.
 *
 * @example
 * caseKind('test/trust/hostile-config.test.ts') // 'hostile inputs'
 * caseKind('test/cli/init.test.ts') // 'test/cli'
 */
export function caseKind(file: string): string {
  const path = file.replaceAll('\\', '/')
  return KINDS.find((k) => k.files.test(path))?.kind ?? path.split('/').slice(0, 2).join('/')
}

interface Tally {
  ran: number
  passed: number
  skipped: number
}

/**
 * A vitest reporter printing, after the run, one line per kind of case:
 * ran, passed, skipped (`it.skip`, filtered), and the total.
 *
 * @example
 * // vitest.config.ts
 * reporters: ['default', './test/support/case-summary-reporter.ts']
 */
export default class CaseSummaryReporter implements Reporter {
  onTestRunEnd(modules: readonly TestModule[]): void {
    const tallies = new Map<string, Tally>()
    const total: Tally = { ran: 0, passed: 0, skipped: 0 }
    for (const module of modules) {
      const kind = caseKind(relative(process.cwd(), module.moduleId))
      const tally = tallies.get(kind) ?? { ran: 0, passed: 0, skipped: 0 }
      tallies.set(kind, tally)
      for (const test of module.children.allTests()) {
        const state = test.result().state
        for (const t of [tally, total]) {
          if (state === 'skipped' || state === 'pending') t.skipped += 1
          else {
            t.ran += 1
            if (state === 'passed') t.passed += 1
          }
        }
      }
    }
    const order = [...KINDS.map((k) => k.kind), ...[...tallies.keys()].filter((k) => !KINDS.some((x) => x.kind === k)).sort()]
    const width = Math.max(...order.map((k) => k.length), 5)
    const line = (name: string, t: Tally): string => `  ${name.padEnd(width)}  ${String(t.ran).padStart(5)} ran  ${String(t.passed).padStart(5)} passed${t.skipped > 0 ? `  ${t.skipped} skipped` : ''}`
    const lines = order.filter((k) => tallies.has(k)).map((k) => line(k, tallies.get(k)!))
    process.stdout.write(`\ncases by kind:\n${lines.join('\n')}\n${line('all', total)}\n`)
  }
}
