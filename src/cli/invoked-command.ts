/**
 * Which sub-command a command line names, read before commander parses it,
 * so that only that command's module is imported.
 */
import type { Command } from 'commander'

/**
 * The first argument that is neither an option of `program` (the global
 * flags) nor the value of one, before a `--`: the sub-command commander will
 * run. `undefined` when there is none (`athanor --help`).
 *
 * @example
 * invokedCommandName(['-c', 'app.config.ts', '--json', 'heads'], program) // 'heads'
 */
export function invokedCommandName(argv: readonly string[], program: Command): string | undefined {
  const takesValue = new Set<string>()
  for (const option of program.options) {
    if (!option.required && !option.optional) continue
    if (option.short !== undefined) takesValue.add(option.short)
    if (option.long !== undefined) takesValue.add(option.long)
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--') return argv[i + 1]
    if (!arg.startsWith('-') || arg === '-') return arg
    // `--url x` and `-c x` take the next argument; `--url=x`, `-cx` and flags do not.
    if (takesValue.has(arg)) i++
  }
  return undefined
}
