/**
 * Turns a user's TypeScript module into plain JavaScript once, so that every
 * later run imports it with Node's own `import()` at the cost of plain JS.
 *
 * Types are stripped by oxc-transform (a native transform, about 0.1 ms per
 * revision file; Babel took 12–15 ms). The output is written under the
 * project's `node_modules/.cache/athanor/`, named by a hash of the source and
 * of everything that shapes the output, so a fresh checkout pays once and an
 * edited file gets a new entry. `athanor` inside such a module is served by a
 * small bridge module that hands over the running package, so a config's
 * `defineConfig`/`xArg` and the CLI share one module instance.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, extname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { athanorImportNames, importsAthanor, rewriteSpecifiers } from './module-specifiers.js'
import type { PackagePart } from './parts/package-parts.js'

/** How a module is loaded natively: `url` for `import()`, or `undefined` when it must go the general way. */
export type NativeModule = { readonly url: string } | undefined

const TYPESCRIPT = new Set(['.ts', '.mts'])
const JAVASCRIPT = new Set(['.js', '.mjs'])
/** Bump when the shape of what is written changes, so old entries are not reused. */
const LAYOUT = '3'

type Transform = typeof import('oxc-transform').transformSync
let transform: Transform | undefined
let transformerVersion: string | undefined

async function getTransform(): Promise<Transform> {
  // Loaded on the first cache miss only: warm runs never load the transformer.
  transform ??= (await import('oxc-transform')).transformSync
  return transform
}

function getTransformerVersion(): string {
  if (transformerVersion === undefined) {
    const require = createRequire(import.meta.url)
    const packageJson = require.resolve('oxc-transform/package.json')
    transformerVersion = (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version
  }
  return transformerVersion
}

/**
 * The running package as bridge modules hand it out: in parts (smallest
 * first, the last the whole package), each loaded only when a module that
 * imports from it is loaded.
 */
export interface RunningPackage {
  readonly parts: readonly PackagePart[]
  /** Identifies this copy of the package (its entry path), so two copies in one process never mix. */
  readonly identity: string
}

/**
 * Where the cache of the module at `path` lives and whether bare package names
 * resolve from there as from the module: the nearest `node_modules` above the
 * module holds `.cache/athanor/` (Node resolves from there exactly as from the
 * module); with no `node_modules` above it, a folder in the OS temp dir,
 * from which only `athanor` and Node's own modules are imported.
 */
function cacheFor(path: string): CacheLocation {
  // Asked once per folder: a run loads hundreds of scripts from one versions/ folder.
  const folder = dirname(path)
  let found = cacheLocations.get(folder)
  if (found === undefined) cacheLocations.set(folder, (found = findCache(folder)))
  return found
}

interface CacheLocation {
  readonly dir: string
  readonly barePackagesResolve: boolean
}

const cacheLocations = new Map<string, CacheLocation>()

function findCache(folder: string): CacheLocation {
  for (let dir = folder; ; dir = dirname(dir)) {
    const modules = join(dir, 'node_modules')
    if (existsSync(modules)) return { dir: join(modules, '.cache', 'athanor'), barePackagesResolve: true }
    if (dirname(dir) === dir) break
  }
  return { dir: join(tmpdir(), `athanor-cache-${process.getuid?.() ?? 'user'}`), barePackagesResolve: false }
}

function writeOnce(file: string, text: string): void {
  if (existsSync(file)) return
  mkdirSync(dirname(file), { recursive: true })
  // Written aside and renamed, so a second process never reads half a file.
  const aside = `${file}.${process.pid}.tmp`
  writeFileSync(aside, text)
  renameSync(aside, file)
}

/**
 * Writes (once) the module that re-exports `part` of the running package,
 * and returns its file name. The part is published before any module that
 * imports the bridge is imported (see {@link nativeModule}).
 */
function bridgeFile(dir: string, running: RunningPackage, { part, exports }: LoadedPart): string {
  const names = Object.keys(exports).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default')
  const key = bridgeKey(running.identity)
  const name = `athanor-${part.name}-${hash(`${LAYOUT}\0${running.identity}\0${names.join(',')}`).slice(0, 16)}.mjs`
  writeOnce(
    join(dir, name),
    `const part = globalThis[Symbol.for(${JSON.stringify(key)})]?.[${JSON.stringify(part.name)}]\n` +
      `if (part === undefined) throw new Error('athanor: this module is served only to modules athanor itself loads')\n` +
      `export const { ${names.join(', ')} } = part\n`,
  )
  return name
}

/** A part of the package, loaded. */
interface LoadedPart {
  readonly part: PackagePart
  readonly exports: Readonly<Record<string, unknown>>
}

const loadedParts = new WeakMap<PackagePart, Promise<Readonly<Record<string, unknown>>>>()

/**
 * The smallest part holding every name in `names` (`null`: the whole
 * package), loaded and published under the package's key for its bridge
 * module to read.
 */
async function loadPart(running: RunningPackage, names: readonly string[] | null): Promise<LoadedPart> {
  for (const [index, part] of running.parts.entries()) {
    const last = index === running.parts.length - 1
    if (names === null && !last) continue
    let loading = loadedParts.get(part)
    if (loading === undefined) loadedParts.set(part, (loading = part.load()))
    const exports = await loading
    if (!last && !names!.every((name) => Object.hasOwn(exports, name))) continue
    const holder = globalThis as Record<symbol, Record<string, unknown> | undefined>
    const key = Symbol.for(bridgeKey(running.identity))
    ;(holder[key] ??= {})[part.name] = exports
    return { part, exports }
  }
  throw new Error('athanor: the package has no parts')
}

/** The global key under which the running package's loader is published for its bridge modules. */
function bridgeKey(identity: string): string {
  return `athanor.running-package ${identity}`
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/**
 * How to load the module at `path` with Node's own `import()`: a `.js`/`.mjs`
 * file that does not import `athanor` as itself; anything else that can be
 * made plain JS (types stripped, `athanor` and relative specifiers pointed
 * at their targets) as an entry of the cache, written on a miss.
 * `undefined` when the module needs the general loader (a `.cts`/`.tsx`
 * file, a syntax the transform rejects, a dynamic `import()`, CommonJS, a
 * relative import of another TypeScript file).
 *
 * @example
 * const native = await nativeModule('/app/migrations/versions/3f2a_add.ts', running)
 * if (native) await import(native.url)
 */
export async function nativeModule(path: string, running: RunningPackage): Promise<NativeModule> {
  const extension = extname(path)
  const isTypeScript = TYPESCRIPT.has(extension)
  if (!isTypeScript && !JAVASCRIPT.has(extension)) return undefined
  let source: string
  try {
    source = readFileSync(path, 'utf8')
  } catch {
    return undefined // the general loader reports a missing file in its own words
  }
  if (!isTypeScript && !importsAthanor(source)) return { url: pathToFileURL(path).href }
  // The part is chosen from the source, so a cache hit knows it without reading the entry: it is
  // loaded before the entry is imported, and the bridge reads it synchronously. (A bridge that
  // awaited its part would be evaluated once for all its importers, in the async context of the
  // first: a script's top-level xArg() would read another run's values.)
  const imported = athanorImportNames(source)
  const part = imported === undefined ? undefined : await loadPart(running, imported)
  const cache = cacheFor(path)
  const key = hash(`${LAYOUT}\0${isTypeScript ? getTransformerVersion() : 'js'}\0${running.identity}\0${cache.barePackagesResolve}\0${path}\0${source}`)
  const file = join(cache.dir, `${key.slice(0, 32)}.mjs`)
  if (existsSync(file)) return { url: pathToFileURL(file).href }
  // A module declined once is declined without transforming it again.
  const declined = join(cache.dir, `${key.slice(0, 32)}.declined`)
  if (existsSync(declined)) return undefined
  let code = source
  if (isTypeScript) {
    const result = (await getTransform())(path, source, { lang: 'ts', sourceType: 'module', target: 'es2022' })
    // The general loader then reports the syntax error in its words, as it always has.
    if (result.errors.length > 0) return undefined
    code = result.code
  }
  // Relative specifiers of a TypeScript file name TypeScript files (often without an extension): the general loader's job.
  // A module that imports nothing from athanor at run time (only its types) needs no bridge; one the source scan missed is declined.
  const bridge = part === undefined ? undefined : `./${bridgeFile(cache.dir, running, part)}`
  const rewritten = bridge === undefined && importsAthanor(code) ? undefined : rewriteSpecifiers(code, { athanor: bridge ?? 'athanor', relativeTo: isTypeScript ? null : path, barePackagesResolve: cache.barePackagesResolve })
  if (rewritten === undefined) {
    writeOnce(declined, '')
    return undefined
  }
  writeOnce(file, rewritten)
  return { url: pathToFileURL(file).href }
}
