/**
 * The parts of this package a user's module can be handed when it imports
 * `athanor`, smallest first, the last being the whole package. A module
 * loaded by athanor gets the smallest part holding every name it imports,
 * so a config's `defineConfig`/`xArg` costs what those two cost and not the
 * start-up of the whole package. Each part is a subset of the whole, with
 * the same values (test/config/package-parts.test.ts).
 */

/** One part: its name (in bridge file names) and its exports, loaded on first call. */
export interface PackagePart {
  readonly name: string
  load(): Promise<Readonly<Record<string, unknown>>>
}

/**
 * The parts, smallest first.
 *
 * @example
 * const config = await PACKAGE_PARTS[0].load() // { defineConfig, xArg, getXArgs }
 */
export const PACKAGE_PARTS: readonly PackagePart[] = [
  { name: 'config', load: async () => (await import('./config-part.js')) as Record<string, unknown> },
  { name: 'scripts', load: async () => (await import('./scripts-part.js')) as Record<string, unknown> },
  { name: 'whole', load: async () => (await import('../../index.js')) as unknown as Record<string, unknown> },
]
