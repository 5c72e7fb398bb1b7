/**
 * Runs the built CLI (`dist/cli/main.js`) as a whole process. Only for what
 * needs a real process: the binary's own exit code, a closed pipe, a terminal
 * (or its absence), races between processes. Everything else runs the CLI in
 * the test's process through `cli-in-process.ts`, which is many times faster.
 */
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CliRun } from './cli-in-process.js'
import { scanOutput } from '../support/test-secrets.js'

export const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'cli', 'main.js')

/** Runs `athanor …args` in `cwd` with colours off; never throws on a non-zero exit. */
export function athanor(cwd: string, args: readonly string[], env: Record<string, string | undefined> = {}): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', EDITOR: undefined, VISUAL: undefined, ...env },
    encoding: 'utf8',
  })
  scanOutput(result.stdout + result.stderr, `athanor ${args.join(' ')}`)
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr }
}

/** Runs a command expected to succeed and returns its stdout, failing loudly with stderr otherwise. */
export function ok(cwd: string, args: readonly string[], env: Record<string, string | undefined> = {}): string {
  const run = athanor(cwd, args, env)
  if (run.code !== 0) throw new Error(`athanor ${args.join(' ')} exited ${run.code}\n${run.stderr}`)
  return run.stdout
}
