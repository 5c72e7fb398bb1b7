/**
 * Runs the CLI inside the test's process through `runCli`, the function the
 * `athanor` binary calls: same commands, output and exit codes, without
 * starting Node and loading the package for every command.
 *
 * @example
 * const run = await athanor(project.dir, ['heads', '--json'])
 * expect(run.code).toBe(0)
 * expect(JSON.parse(await ok(project.dir, ['current', '--json']))).toEqual([])
 */
import { runCli } from '../../src/cli/program.js'
import { scanOutput } from '../support/test-secrets.js'

/** What a CLI run printed and the exit code it returned. */
export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/**
 * Runs `athanor …args` in `cwd` with colours off; never throws on a non-zero
 * exit. `env` is laid over the process environment for the run, as a child
 * process would see it, with `$EDITOR`/`$VISUAL` unset unless given.
 */
export async function athanor(cwd: string, args: readonly string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const restore = overlayEnv({ NO_COLOR: '1', EDITOR: undefined, VISUAL: undefined, ...env })
  try {
    const streams = {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      env: process.env,
    }
    const code = await runCli(args, streams, cwd)
    scanOutput(stdout + stderr, `athanor ${args.join(' ')}`)
    return { code, stdout, stderr }
  } finally {
    restore()
  }
}

/** Runs a command expected to succeed and returns its stdout, failing loudly with stderr otherwise. */
export async function ok(cwd: string, args: readonly string[], env: Record<string, string | undefined> = {}): Promise<string> {
  const run = await athanor(cwd, args, env)
  if (run.code !== 0) throw new Error(`athanor ${args.join(' ')} exited ${run.code}\n${run.stderr}`)
  return run.stdout
}

/** Sets (or, for undefined, deletes) environment variables; returns the function that puts the old values back. */
function overlayEnv(values: Record<string, string | undefined>): () => void {
  const previous = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]))
  const apply = (from: Record<string, string | undefined>): void => {
    for (const [key, value] of Object.entries(from)) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
  }
  apply(values)
  return () => apply(previous)
}
