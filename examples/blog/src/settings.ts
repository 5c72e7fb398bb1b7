/**
 * How the blog starts, the same for its three entry files: the environment
 * it reads, the athanor options it registers, and how it refuses to start.
 *
 *   PORT              port to listen on (default 3000; 0 picks a free one)
 *   HOST              address to listen on (default 127.0.0.1)
 *   DATABASE_URL      read by athanor.config.ts (default sqlite:./blog.db)
 *   ATHANOR_ON_START  upgrade (default) | require-up-to-date | none
 */
import { fileURLToPath } from 'node:url'
import type { AthanorIntegrationOptions, StartPolicy } from 'athanor'

/** The environment, read once. */
export const settings = {
  port: Number(process.env['PORT'] ?? 3000),
  host: process.env['HOST'] ?? '127.0.0.1',
  onStart: (process.env['ATHANOR_ON_START'] ?? 'upgrade') as StartPolicy,
}

/**
 * The options every entry file gives its framework's athanor integration.
 *
 * @example
 * await app.register(athanor, athanorOptions())
 */
export function athanorOptions(): AthanorIntegrationOptions {
  return {
    // Next to this folder, so the blog starts from any working directory.
    config: fileURLToPath(new URL('../athanor.config.ts', import.meta.url)),
    onStart: settings.onStart,
    status: { path: '/db/status' },
    onStep: (step) => console.log(`athanor: ${step.direction} ${step.revision} ${step.message} (${Math.round(step.ms)} ms)`),
    onLockWait: (message) => console.log(`athanor: ${message}`),
  }
}

/**
 * Says where the app listens: the line a supervisor (or a test) waits for.
 *
 * @example
 * announce('fastify', 'http://127.0.0.1:3000') // blog (fastify) listening on http://127.0.0.1:3000
 */
export function announce(framework: string, url: string): void {
  console.log(`blog (${framework}) listening on ${url}`)
}

/**
 * Refuses to start: athanor's `error:`/`hint:` lines on stderr and its exit
 * code (1 when the database is not up to date, 2 for a config error).
 *
 * @example
 * await main().catch(refuseToStart)
 */
export function refuseToStart(error: unknown): void {
  const { message, hint, exitCode } = error as { message?: string; hint?: string; exitCode?: number }
  console.error(`error: ${message ?? String(error)}`)
  if (hint !== undefined) console.error(`hint: ${hint}`)
  process.exitCode = typeof exitCode === 'number' ? exitCode : 1
}

/**
 * Runs `stop` once on SIGTERM or SIGINT, so connections close before the process ends.
 *
 * @example
 * stopOnSignal(() => app.close())
 */
export function stopOnSignal(stop: () => Promise<unknown>): void {
  const once = (): void => {
    process.off('SIGTERM', once)
    process.off('SIGINT', once)
    void stop().finally(() => process.exit())
  }
  process.on('SIGTERM', once)
  process.on('SIGINT', once)
}
