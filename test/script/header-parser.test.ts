import { describe, expect, it } from 'vitest'
import { RevisionError } from '../../src/errors.js'
import { parseRevisionPrefix, parseRevisionSource } from '../../src/script/header-parser.js'

const DESIGN_FILE = `/**
 * create users
 *
 * Revision ID: 3f2a9c1b7d4e
 * Revises: 9b1c0e2f4a5d
 * Create Date: 2026-11-22T19:40:00.000Z
 */
import { type Operations, t } from 'athanor'

export const revision = '3f2a9c1b7d4e'
export const downRevision: string | string[] | null = '9b1c0e2f4a5d'
export const branchLabels: string[] | null = null
export const dependsOn: string[] | null = null

export async function upgrade(op: Operations) { /* … */ }
export async function downgrade(op: Operations) { /* … */ }
`

function parse(text: string) {
  return parseRevisionSource(text, 'versions/x.ts')
}

function parseError(text: string): RevisionError {
  try {
    parse(text)
  } catch (error) {
    expect(error).toBeInstanceOf(RevisionError)
    return error as RevisionError
  }
  throw new Error('expected a RevisionError')
}

describe('parseRevisionSource accepts', () => {
  it('the DESIGN §2 file shape', () => {
    expect(parse(DESIGN_FILE)).toEqual({
      id: '3f2a9c1b7d4e',
      downRevisions: ['9b1c0e2f4a5d'],
      branchLabels: [],
      dependsOn: [],
      message: 'create users',
      createDate: '2026-11-22T19:40:00.000Z',
      path: 'versions/x.ts',
    })
  })

  it('double quotes and backticks without substitutions', () => {
    const rev = parse('export const revision = "abc123"\nexport const downRevision = `def456`\n')
    expect(rev.id).toBe('abc123')
    expect(rev.downRevisions).toEqual(['def456'])
  })

  it('a list of parents (a merge point) with a trailing comma and mixed quotes', () => {
    const rev = parse("export const revision = 'm1'\nexport const downRevision = [\n  'a1',\n  \"b2\",\n  `c3`,\n]\n")
    expect(rev.downRevisions).toEqual(['a1', 'b2', 'c3'])
  })

  it('an empty list as no parents', () => {
    expect(parse("export const revision = 'r1'\nexport const downRevision = []").downRevisions).toEqual([])
  })

  it('missing downRevision, branchLabels and dependsOn as null', () => {
    const rev = parse("export const revision = 'r1'")
    expect(rev.downRevisions).toEqual([])
    expect(rev.branchLabels).toEqual([])
    expect(rev.dependsOn).toEqual([])
  })

  it('a single string for branchLabels and dependsOn (as Alembic accepts)', () => {
    const rev = parse("export const revision = 'r1'\nexport const branchLabels = 'billing'\nexport const dependsOn = 'abcd12'")
    expect(rev.branchLabels).toEqual(['billing'])
    expect(rev.dependsOn).toEqual(['abcd12'])
  })

  it('`as const`, readonly annotations and semicolons', () => {
    const rev = parse(
      "export const revision = 'r1' as const;\nexport const downRevision: readonly string[] = ['p1', 'p2'] as const;\nexport const branchLabels: Array<string> | null = ['x'];",
    )
    expect(rev.downRevisions).toEqual(['p1', 'p2'])
    expect(rev.branchLabels).toEqual(['x'])
  })

  it('comments anywhere between tokens', () => {
    const rev = parse(
      "// leading\nexport /* a */ const /* b */ revision /* c */ = /* d */ 'r1' // e\nexport const downRevision = [ /* none yet */ 'p1' /* f */, // g\n]\n",
    )
    expect(rev.id).toBe('r1')
    expect(rev.downRevisions).toEqual(['p1'])
  })

  it('CRLF line endings', () => {
    const rev = parse(DESIGN_FILE.replaceAll('\n', '\r\n'))
    expect(rev.id).toBe('3f2a9c1b7d4e')
    expect(rev.message).toBe('create users')
    expect(rev.createDate).toBe('2026-11-22T19:40:00.000Z')
  })

  it('several declarators in one statement', () => {
    const rev = parse("export const revision = 'r1', downRevision = 'p1';")
    expect(rev.downRevisions).toEqual(['p1'])
  })

  it('string escapes', () => {
    expect(parse("export const revision = 'a\\x62c'").id).toBe('abc')
  })

  it('a .js file without type annotations', () => {
    expect(parseRevisionSource("export const revision = 'r1'\nexport const downRevision = null\n", 'v/r1.mjs').path).toBe('v/r1.mjs')
  })

  it('header-looking text inside strings, templates, regexes and comments is ignored', () => {
    const rev = parse(
      [
        "const a = \"export const revision = 'no1'\"",
        "const b = `export const revision = ${'no2'}`",
        "const c = /export const revision = 'no3'/",
        "/* export const revision = 'no4' */",
        "export const revision = 'yes'",
      ].join('\n'),
    )
    expect(rev.id).toBe('yes')
  })

  it('a header after a template literal with nested braces in its substitution', () => {
    const rev = parse("const x = `${ { a: '}' }.a }`\nexport const revision = 'r9'")
    expect(rev.id).toBe('r9')
  })

  it('a message with an escaped comment end, and the first non-empty line only', () => {
    const rev = parse("/**\n *\n * fix a *\\/ b\n * second line\n *\n * Revision ID: r1\n */\nexport const revision = 'r1'")
    expect(rev.message).toBe('fix a */ b')
  })

  it('no doc comment as an empty message and no create date', () => {
    const rev = parse("export const revision = 'r1'")
    expect(rev.message).toBe('')
    expect(rev.createDate).toBeUndefined()
  })

  it('a doc comment holding only headers as an empty message', () => {
    expect(parse("/**\n * Revision ID: r1\n * Revises:\n */\nexport const revision = 'r1'").message).toBe('')
  })

  it('a byte-order mark and a shebang line before the doc comment', () => {
    const rev = parse('\uFEFF#!/usr/bin/env node\n' + DESIGN_FILE)
    expect(rev.id).toBe('3f2a9c1b7d4e')
    expect(rev.message).toBe('create users')
  })

  it('line comments and a plain block comment before the doc comment', () => {
    const rev = parse('// @ts-nocheck\n/* license */\n' + DESIGN_FILE)
    expect(rev.message).toBe('create users')
  })

  it('a regular expression holding quotes before the headers', () => {
    expect(parse("const quote = /['\"`]/g\nexport const revision = 'r1'").id).toBe('r1')
  })

  it('a division is not mistaken for a regular expression', () => {
    expect(parse("const half = 4 / 2 / 1\nexport const revision = 'r1'").id).toBe('r1')
  })

  it('duplicate parents once', () => {
    expect(parse("export const revision = 'r1'\nexport const downRevision = ['a1', 'a1']").downRevisions).toEqual(['a1'])
  })
})

describe('parseRevisionSource rejects, naming file and line', () => {
  it('a file without `revision`', () => {
    const error = parseError("export const downRevision = null\n")
    expect(error.message).toContain('versions/x.ts:1:')
    expect(error.message).toContain('export const revision')
  })

  it('a non-string revision', () => {
    expect(parseError("\n\nexport const revision = null").message).toMatch(/^versions\/x\.ts:3: revision must be a string, not null/)
    expect(parseError("export const revision = ['a']").message).toMatch(/^versions\/x\.ts:1: revision must be a string/)
  })

  it('a revision id with characters target syntax uses', () => {
    expect(parseError("export const revision = 'ab@c'").message).toMatch(/^versions\/x\.ts:1: revision id "ab@c"/)
  })

  it('an identifier as a value', () => {
    const error = parseError("export const revision = 'r1'\nexport const downRevision = PARENT\n")
    expect(error.message).toBe('versions/x.ts:2: downRevision must be a string, an array of strings or null, not the identifier `PARENT`')
    expect(error.hint).toContain('literal')
  })

  it('a template literal with a substitution', () => {
    expect(parseError("export const revision = `r${1}`").message).toMatch(/^versions\/x\.ts:1: revision is a template with \$\{…\}/)
  })

  it('a computed value (concatenation)', () => {
    expect(parseError("export const revision = 'r' + '1'").message).toMatch(/^versions\/x\.ts:1: revision must be a plain literal, but `\+` follows/)
  })

  it('a computed value continued on the next line', () => {
    expect(parseError("export const revision = 'r1'\n  .trim()\n").message).toMatch(/^versions\/x\.ts:2: revision must be a plain literal/)
  })

  it('a function call on a literal', () => {
    expect(parseError("export const revision = 'r1'\nexport const dependsOn = 'a'.split()").message).toMatch(/^versions\/x\.ts:2: dependsOn must be a plain literal, but `\.` follows/)
  })

  it('a non-string list item, on its own line', () => {
    expect(parseError("export const revision = 'r1'\nexport const downRevision = [\n  'a',\n  b,\n]").message).toMatch(
      /^versions\/x\.ts:4: downRevision lists the identifier `b`/,
    )
  })

  it('a number', () => {
    expect(parseError("export const revision = 12").message).toMatch(/^versions\/x\.ts:1: revision must be a string, an array of strings or null, not the number 12/)
  })

  it('a header without a value', () => {
    expect(parseError("export const revision: string;").message).toMatch(/^versions\/x\.ts:1: revision has no value/)
  })

  it('`export let`', () => {
    expect(parseError("export let revision = 'r1'").message).toMatch(/^versions\/x\.ts:1: revision must be declared with `export const`/)
  })

  it('a header declared twice', () => {
    expect(parseError("export const revision = 'r1'\nexport const revision = 'r2'").message).toMatch(/^versions\/x\.ts:2: revision is declared twice \(first on line 1\)/)
  })

  it('a branch label holding @', () => {
    expect(parseError("export const revision = 'r1'\nexport const branchLabels = ['a@b']").message).toMatch(/^versions\/x\.ts:2: branch label "a@b"/)
  })

  it('counts lines through CRLF, block comments and multi-line templates', () => {
    const text = '/**\r\n * m\r\n */\r\nconst t = `a\r\nb`\r\nexport const revision = r1\r\n'
    expect(parseError(text).message).toMatch(/^versions\/x\.ts:6: /)
  })
})

describe('parseRevisionPrefix', () => {
  it('parses a prefix that holds all four headers', () => {
    const prefix = DESIGN_FILE.slice(0, DESIGN_FILE.indexOf('async function upgrade'))
    expect(parseRevisionPrefix(prefix, 'x.ts')?.id).toBe('3f2a9c1b7d4e')
  })

  it('returns undefined when the prefix ends before the fourth header', () => {
    const prefix = DESIGN_FILE.slice(0, DESIGN_FILE.indexOf('export const dependsOn'))
    expect(parseRevisionPrefix(prefix, 'x.ts')).toBeUndefined()
  })

  it('returns undefined when the prefix cuts the fourth header inside its value', () => {
    const cut = DESIGN_FILE.indexOf("= null\n\nexport async") + 4
    expect(parseRevisionPrefix(DESIGN_FILE.slice(0, cut), 'x.ts')).toBeUndefined()
  })

  it('returns undefined when the prefix ends inside a string', () => {
    expect(parseRevisionPrefix("export const revision = 'abc", 'x.ts')).toBeUndefined()
  })
})
