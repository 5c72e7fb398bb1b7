import { readFileSync } from 'node:fs'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import * as barrel from '../../src/index.js'

const BARREL = new URL('../../src/index.ts', import.meta.url).pathname
const DOCS = new URL('../../docs/api.md', import.meta.url).pathname

/** Names docs/api.md lists, split into values and types: each list line's backticked names before the dash. */
function documentedNames(): { values: Set<string>; types: Set<string> } {
  const values = new Set<string>()
  const types = new Set<string>()
  for (const line of readFileSync(DOCS, 'utf8').split('\n')) {
    const item = /^- (types? )?(.*?) — /.exec(line)
    if (item === null) continue
    for (const [, name] of (item[2] as string).matchAll(/`([A-Za-z_$][\w$]*)/g)) (item[1] === undefined ? values : types).add(name as string)
  }
  return { values, types }
}

/** Every name src/index.ts exports, types included, as the compiler sees them. */
function exportedNames(): string[] {
  const program = ts.createProgram([BARREL], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, noEmit: true, types: [], skipLibCheck: true })
  const checker = program.getTypeChecker()
  const module = checker.getSymbolAtLocation(program.getSourceFile(BARREL)!)!
  return checker.getExportsOfModule(module).map((symbol) => symbol.name)
}

describe('the public barrel', () => {
  it('exports at run time exactly the values docs/api.md lists', () => {
    expect(Object.keys(barrel).sort()).toEqual([...documentedNames().values].sort())
  })

  it('exports exactly the types docs/api.md lists', () => {
    const values = new Set(Object.keys(barrel))
    const exportedTypes = exportedNames().filter((name) => !values.has(name))
    expect(exportedTypes.sort()).toEqual([...documentedNames().types].sort())
  })

  it('keeps reflection and op internals out', () => {
    for (const internal of ['tableDraft', 'finishTable', 'reflectedColumnOf', 'reflectorFor', 'opConstructors', 'parseDatabaseUrl', 'toColumn']) {
      expect(barrel).not.toHaveProperty(internal)
    }
  })
})
