/**
 * `migrateOnStart()`: the framework-free integration, for Next.js's
 * `instrumentation.ts`, Hono, plain `node:http` or anything else that starts.
 */
import type { Athanor } from '../api.js'
import { startAthanor, type AthanorIntegrationOptions } from './integration-options.js'

/** Options of {@link migrateOnStart}: the common ones; a status route is the application's to serve (see `migrationStatus`). */
export type MigrateOnStartOptions = Omit<AthanorIntegrationOptions, 'status'>

/**
 * Gets the application's `Athanor` (creating the migrations folder when
 * missing) and runs the start policy — by default `upgrade`, `upgrade head`
 * under the database's lock, so instances starting together apply each
 * revision once. Resolves to the `Athanor` for the application to keep (and
 * `close()` when it stops); rejects when the policy refuses, e.g. a
 * `NotUpToDateError` for `require-up-to-date`, closing what it made.
 *
 * @example
 * // instrumentation.ts (Next.js)
 * export async function register() {
 *   if (process.env.NEXT_RUNTIME !== 'nodejs') return
 *   const { migrateOnStart } = await import('athanor')
 *   await migrateOnStart({ config: './athanor.config.ts', onStart: 'upgrade' })
 * }
 */
export async function migrateOnStart(options: MigrateOnStartOptions = {}): Promise<Athanor> {
  return (await startAthanor(options)).athanor
}
