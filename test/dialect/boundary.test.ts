/**
 * The dialect boundary, checked on the source text so it stays true: the
 * dialects depend on nothing above them, and nothing outside src/dialect/
 * knows which databases exist. What counts as "naming a dialect" is derived
 * from the registry, so a new dialect is covered the day it is registered.
 *
 * Comments are allowed to name databases and show URLs (doc examples do):
 * whole comment lines (`//`, `/*`, ` *`) and a trailing `// …` are ignored.
 * Prose inside a string ("PostgreSQL cannot …") is allowed; a dialect's name
 * as a whole string literal (`'postgres'`), a driver package's name as one,
 * and a URL scheme anywhere in code (`sqlite:`, `mysql://`) are not.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { dialectEntries } from '../../src/dialect/registry.js'

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src')
const DIALECT = join(SRC, 'dialect')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return entry.name.endsWith('.ts') ? [path] : []
  })
}

/** Relative module specifiers a file imports, statically, dynamically or by re-export. */
function importsOf(text: string): string[] {
  const found: string[] = []
  for (const match of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.[^'"]+)['"]/gm)) found.push(match[1]!)
  return found
}

/** The file's lines with comments left out, numbered as in the file. */
function codeLines(text: string): { line: number; code: string }[] {
  const out: { line: number; code: string }[] = []
  let inBlock = false
  text.split('\n').forEach((raw, i) => {
    let code = raw
    if (inBlock) {
      const end = code.indexOf('*/')
      if (end === -1) return
      code = code.slice(end + 2)
      inBlock = false
    }
    const trimmed = code.trim()
    if (trimmed === '') return
    if (trimmed.startsWith('//') || trimmed.startsWith('*')) return
    if (trimmed.startsWith('/*')) {
      if (!trimmed.includes('*/')) inBlock = true
      return
    }
    // A trailing comment starts with whitespace then `//`; `://` inside a URL never does.
    code = code.replace(/\s\/\/\s.*$/, '')
    out.push({ line: i + 1, code })
  })
  return out
}

const display = (path: string) => relative(SRC, path).split(sep).join('/')

describe('src/dialect/ depends only on src/schema/ and src/errors.ts', () => {
  it('imports nothing from config, operations, runtime, autogenerate or any layer above', () => {
    const allowed = [DIALECT + sep, join(SRC, 'schema') + sep, join(SRC, 'errors.ts')]
    const offending = sourceFiles(DIALECT).flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .map((specifier) => resolve(dirname(file), specifier.replace(/\.js$/, '.ts')))
        .filter((target) => !allowed.some((root) => target === root || target.startsWith(root)))
        .map((target) => `${display(file)} imports ${display(target)}`),
    )
    expect(offending).toEqual([])
  })
})

describe('nothing under src/ outside src/dialect/ knows which databases exist', () => {
  const entries = dialectEntries()
  const names = new Set<string>()
  const schemes = new Set<string>()
  for (const entry of entries) {
    names.add(entry.name)
    for (const scheme of entry.schemes) {
      names.add(scheme.name)
      names.add(scheme.driver)
      schemes.add(scheme.name)
    }
  }
  const outside = sourceFiles(SRC).filter((file) => !file.startsWith(DIALECT + sep))
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/@-]/g, '\\$&')
  const quotedName = new RegExp(`(['"\`])(${[...names].map(escape).join('|')})\\1`, 'i')
  // `sqlite:` and `pglite:` as embedded URLs write, `postgres://` as server URLs do.
  const schemePrefix = new RegExp(`\\b(${[...schemes].map(escape).join('|')}):`, 'i')

  it('derives its word list from the registry', () => {
    expect([...names]).toEqual(expect.arrayContaining(['sqlite', 'postgres', 'mysql', 'pglite', 'mariadb', 'pg', 'better-sqlite3']))
  })

  it('has no dialect, scheme or driver name as a string literal', () => {
    const offending = outside.flatMap((file) =>
      codeLines(readFileSync(file, 'utf8'))
        .filter(({ code }) => quotedName.test(code))
        .map(({ line, code }) => `${display(file)}:${line}: ${code.trim()}`),
    )
    expect(offending).toEqual([])
  })

  it('writes no URL scheme in code', () => {
    const offending = outside.flatMap((file) =>
      codeLines(readFileSync(file, 'utf8'))
        .filter(({ code }) => schemePrefix.test(code))
        .map(({ line, code }) => `${display(file)}:${line}: ${code.trim()}`),
    )
    expect(offending).toEqual([])
  })

  it('imports no one dialect’s folder: the registry chooses it', () => {
    const folders = entries.map((entry) => join(DIALECT, entry.name) + sep)
    const offending = outside.flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .map((specifier) => resolve(dirname(file), specifier))
        .filter((target) => folders.some((folder) => target.startsWith(folder)))
        .map((target) => `${display(file)} imports ${display(target)}`),
    )
    expect(offending).toEqual([])
  })
})

describe('the boundary checks themselves', () => {
  it('see through comments but not through code', () => {
    const text = ["/** url: 'sqlite:./app.db' */", "const a = 'x' // 'postgres'", "const b = 'mysql://h/db'", '/*', " * 'pglite'", ' */', "if (d === 'sqlite') {}"].join('\n')
    expect(codeLines(text).map((l) => l.line)).toEqual([2, 3, 7])
    expect(codeLines(text)[0]!.code).toBe("const a = 'x'")
  })

  it('find static, dynamic and re-exported imports', () => {
    const text = "import a from './a.js'\nexport { b } from '../b.js'\nconst c = await import('./c.js')\nimport './d.js'\nimport x from 'node:fs'"
    expect(importsOf(text)).toEqual(['./a.js', '../b.js', './c.js', './d.js'])
  })
})
