import { Command } from 'commander'
import { describe, expect, it } from 'vitest'
import { COMMANDS } from '../../src/cli/commands/index.js'
import { commandsFor, LAZY_COMMAND_NAMES } from '../../src/cli/commands/lazy-commands.js'
import { invokedCommandName } from '../../src/cli/invoked-command.js'

const names = (registers: readonly ((program: Command, bind: never) => void)[]): string[] => {
  const program = new Command('athanor')
  for (const register of registers) register(program, ((action: unknown) => action) as never)
  return program.commands.map((c) => c.name())
}

describe('lazy command registration', () => {
  it('loads, for each command name, the module that registers exactly that command', async () => {
    for (const name of LAZY_COMMAND_NAMES) expect(names(await commandsFor(name))).toEqual([name])
  })

  it('names every command of the full list, and nothing else', () => {
    expect([...LAZY_COMMAND_NAMES].sort()).toEqual(names(COMMANDS).sort())
  })

  it('registers every command when no command, or an unknown one, is named', async () => {
    expect(names(await commandsFor(undefined))).toEqual(names(COMMANDS))
    expect(names(await commandsFor('hedas'))).toEqual(names(COMMANDS))
    expect(names(await commandsFor('toString'))).toEqual(names(COMMANDS))
  })
})

describe('invokedCommandName', () => {
  const program = new Command('athanor').option('-c, --config <path>').option('--url <url>').option('-x <key=value>').option('--json').option('-q, --quiet')

  it('skips the global flags and the values of those that take one', () => {
    expect(invokedCommandName(['-c', 'heads', '--url', 'sqlite:x.db', '-x', 'a=b', '--json', 'current', '--verbose'], program)).toBe('current')
    expect(invokedCommandName(['--url=sqlite:x.db', '-cconfig.ts', '-q', 'heads'], program)).toBe('heads')
  })

  it('is undefined when no command is named', () => {
    expect(invokedCommandName(['--json'], program)).toBeUndefined()
    expect(invokedCommandName([], program)).toBeUndefined()
  })
})
