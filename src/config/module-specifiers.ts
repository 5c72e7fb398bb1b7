/**
 * Reads and rewrites the import specifiers of a plain-JavaScript ES module
 * (a revision script after its types were stripped), so the module can be
 * loaded by Node's own `import()` from another folder: `athanor` points at the
 * running package, relative specifiers at the files beside the original.
 * Anything this cannot carry over exactly is declined, and the caller loads
 * the file the slow, general way instead.
 */
import { isBuiltin } from 'node:module'
import { pathToFileURL } from 'node:url'

/** Where each kind of specifier goes; `undefined` from a function declines the module. */
export interface SpecifierRules {
  /** The specifier that replaces `athanor`. */
  readonly athanor: string
  /** The module's original path: relative specifiers are made absolute against it, or the module is declined when null. */
  readonly relativeTo: string | null
  /** Whether a bare package name (`zod`, `@scope/x`) resolves the same from the new location. */
  readonly barePackagesResolve: boolean
}

// `import … from 'x'`, `export … from 'x'`, `import 'x'`, each at a statement's start.
const STATIC_IMPORT = /(^|[;}\n])(\s*)((?:import|export)\b[^'"`;]*?\bfrom\s*|import\s*)(['"])([^'"\n]+)\4/g
// What a copy in another folder cannot reproduce, or this scan cannot see.
const DECLINED = /\bimport\s*\(|\bimport\.meta\b|\brequire\s*\(|\b__dirname\b|\b__filename\b|\bmodule\.exports\b|\bexports\.[A-Za-z_$]/

/**
 * The module's text with its specifiers rewritten by `rules`, or `undefined`
 * when the module does something a moved copy cannot do the same (a dynamic
 * `import()`, `import.meta`, CommonJS, a specifier the rules decline).
 *
 * @example
 * rewriteSpecifiers("import { t } from 'athanor'\n", { athanor: './athanor-1a2b.mjs', relativeTo: null, barePackagesResolve: false })
 * // "import { t } from './athanor-1a2b.mjs'\n"
 */
export function rewriteSpecifiers(code: string, rules: SpecifierRules): string | undefined {
  if (DECLINED.test(code)) return undefined
  let declined = false
  const rewritten = code.replace(STATIC_IMPORT, (whole, start: string, space: string, head: string, quote: string, specifier: string) => {
    const target = mapSpecifier(specifier, rules)
    if (target === undefined) {
      declined = true
      return whole
    }
    return `${start}${space}${head}${quote}${target}${quote}`
  })
  return declined ? undefined : rewritten
}

/**
 * Whether the module imports `athanor` (so it needs the running package
 * handed to it rather than whatever `athanor` resolves to where it lies).
 *
 * @example
 * importsAthanor("import { xArg } from 'athanor'") // true
 */
export function importsAthanor(code: string): boolean {
  for (const match of code.matchAll(STATIC_IMPORT)) if (match[5] === 'athanor') return true
  return /\brequire\s*\(\s*['"]athanor['"]/.test(code)
}

// `import { a, b as c } from` / `export { a } from`: the one shape that names what it takes.
const NAMED_CLAUSE = /^(?:import|export)\s*\{([^}]*)\}\s*from\s*$/
// `import type … from` / `export type … from`: nothing at run time.
const TYPE_CLAUSE = /^(?:import|export)\s+type[\s{]/

/**
 * The names a module takes at run time from `athanor` (imported or
 * re-exported): `undefined` when it takes nothing (no import of it, or only
 * `import type`), `[]` for an import for its effect alone, `null` when it
 * takes the package as a whole (`import * as`, a default import,
 * `export * from`). Reads TypeScript too: `type` imports and entries are
 * left out.
 *
 * @example
 * athanorImportNames("import { defineConfig, xArg as x, type AthanorConfig } from 'athanor'") // ['defineConfig', 'xArg']
 * athanorImportNames("import type { Operations } from 'athanor'") // undefined
 * athanorImportNames("import * as athanor from 'athanor'") // null
 */
export function athanorImportNames(code: string): readonly string[] | null | undefined {
  let names: string[] | undefined
  for (const match of code.matchAll(STATIC_IMPORT)) {
    if (match[5] !== 'athanor') continue
    const head = match[3] as string
    if (TYPE_CLAUSE.test(head)) continue
    names ??= []
    if (/^import\s*$/.test(head)) continue
    const list = NAMED_CLAUSE.exec(head)
    if (list === null) return null
    for (const entry of (list[1] as string).split(',')) {
      const name = entry.trim().split(/\s+as\s+/)[0] as string
      if (name === 'default') return null
      if (name !== '' && !/^type\s/.test(name)) names.push(name)
    }
  }
  return names
}

function mapSpecifier(specifier: string, rules: SpecifierRules): string | undefined {
  if (specifier === 'athanor') return rules.athanor
  if (specifier.startsWith('node:') || isBuiltin(specifier)) return specifier
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    return rules.relativeTo === null ? undefined : new URL(specifier, pathToFileURL(rules.relativeTo)).href
  }
  if (specifier.startsWith('file:') || specifier.includes(':')) return undefined
  return rules.barePackagesResolve && !specifier.startsWith('athanor/') ? specifier : undefined
}
