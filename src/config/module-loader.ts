/**
 * Imports a user's TypeScript or JavaScript module (config, models, revision
 * scripts) through jiti, so projects need no build step. `athanor` inside such
 * a module resolves to this very package, so a config's `defineConfig`/`xArg`
 * and the running CLI share one module instance even in a project that has not
 * installed athanor (a fresh `init`, a test's temp folder).
 */
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'
import { existsSync } from 'node:fs'

type Jiti = { import<T>(id: string, opts?: { default?: true }): Promise<T> }

let jiti: Jiti | undefined

/** Path of this package's entry module (`dist/index.js`, or `src/index.ts` under a TS runner). */
function packageEntry(): string {
  const here = dirname(fileURLToPath(import.meta.url))
  const js = join(here, '..', 'index.js')
  return existsSync(js) ? js : join(here, '..', 'index.ts')
}

async function getJiti(): Promise<Jiti> {
  if (jiti === undefined) {
    // Imported here, not at the top: jiti is only needed once a user module is loaded,
    // and CLI start-up pays for every top-level import.
    const { createJiti } = await import('jiti')
    jiti = createJiti(import.meta.url, {
      alias: { athanor: packageEntry() },
      // Config and scripts change between runs of a watch loop or a test; never serve stale code.
      moduleCache: false,
    }) as Jiti
  }
  return jiti
}

/**
 * Imports the module at `path` (absolute). With `{ default: true }` returns its
 * default export when it has one, else the module namespace.
 *
 * @example
 * const config = await importUserModule<AthanorConfig>('/app/athanor.config.ts', { default: true })
 */
export async function importUserModule<T = Record<string, unknown>>(
  path: string,
  options: { default?: boolean } = {},
): Promise<T> {
  const loader = await getJiti()
  return options.default === true ? loader.import<T>(path, { default: true }) : loader.import<T>(path)
}
