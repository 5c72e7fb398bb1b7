import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { RevisionError } from '../../src/errors.js'
import { parseRevisionPrefix, parseRevisionSource } from '../../src/script/header-parser.js'
import { scanHeaderTokens } from '../../src/script/header-scanner.js'
import type { FoundHeaders } from '../../src/script/revision-headers.js'
import { DEFAULT_SCRIPT_TEMPLATE, escapeDocMessage, headerLiteral, renderTemplate } from '../../src/script/revision-template.js'
import { readStandardLayout } from '../../src/script/standard-header-layout.js'

const id = fc.stringMatching(/^[a-z0-9_-]{1,16}$/)
const ids = fc.uniqueArray(id, { maxLength: 3 })

/** A revision file with random headers, comments and code around them. */
const revisionFile = fc
  .record({
    revision: id,
    down: ids,
    labels: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/), { maxLength: 2 }),
    deps: ids,
    message: fc.stringMatching(/^[A-Za-z0-9 ,.'"`*/-]{0,60}$/),
    before: fc.constantFrom('', '// note\n', "const pattern = /'\"/\n", 'const t = `${"}"}`\n', '/* block */\n'),
    after: fc.constantFrom('', "\nexport async function upgrade(op) {\n  await op.execute('SELECT 1')\n}\n", '\nconst big = `' + 'x'.repeat(5000) + '`\n'),
    lineBreak: fc.constantFrom('\n', '\r\n'),
  })
  .map((shape) => {
    const message = shape.message.replaceAll('*/', '*\\/')
    const lines = [
      '/**',
      ` * ${message}`,
      ' *',
      ` * Revision ID: ${shape.revision}`,
      ' */',
      shape.before,
      `export const revision = '${shape.revision}'`,
      `export const downRevision: string | string[] | null = ${headerLiteral(shape.down, true)}`,
      `export const branchLabels = ${headerLiteral(shape.labels, false)}`,
      `export const dependsOn = ${headerLiteral(shape.deps, false)} as const`,
      shape.after,
    ]
    return { shape, text: lines.join('\n').replaceAll('\n', shape.lineBreak) }
  })

describe('header parser properties', () => {
  it('reads back any headers written as literals', () => {
    fc.assert(
      fc.property(revisionFile, ({ shape, text }) => {
        const parsed = parseRevisionSource(text, 'x.ts')
        expect(parsed.id).toBe(shape.revision)
        expect(parsed.downRevisions).toEqual(shape.down)
        expect(parsed.branchLabels).toEqual(shape.labels)
        expect(parsed.dependsOn).toEqual(shape.deps)
        expect(parsed.message).toBe(shape.message.trim())
      }),
    )
  })

  it('a prefix of a file either gives up or agrees with the whole file', () => {
    fc.assert(
      fc.property(revisionFile, fc.nat(), ({ text }, cut) => {
        const prefix = text.slice(0, cut % (text.length + 1))
        const fromPrefix = parseRevisionPrefix(prefix, 'x.ts')
        if (fromPrefix !== undefined) expect(fromPrefix).toEqual(parseRevisionSource(text, 'x.ts'))
      }),
    )
  })

  it('never fails on arbitrary text with anything but a RevisionError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.constantFrom('', "export const revision = 'r1'\n"), (noise, header) => {
        for (const text of [noise, header + noise, noise + header]) {
          try {
            parseRevisionSource(text, 'x.ts')
          } catch (error) {
            expect(error).toBeInstanceOf(RevisionError)
          }
        }
      }),
      { numRuns: 500 },
    )
  })
})

/** Import lines as autogenerate and users write them: the regex reads past these. */
const PLAIN_IMPORTS = ['', "import { sql } from 'athanor'", "import type { Kysely } from 'kysely';\n// the seed rows\nimport rows from './rows.json'"]

/** Lines where a regex could go wrong: code on a comment's next line, a header inside an import, a module name in backticks. */
const TRICKY_IMPORTS = [
  "import export const revision = 'zz'",
  "// c\u2028export const revision = 'zz'",
  "import a from 'b'\u2028export const revision = 'zz'",
  "import a from 'b' // c",
  "import {\n  x } from 'y'",
  "/* c */ import a from 'b'",
  'import a from `b`',
  "import a from 'b\\'\nexport const revision = 'zz'",
  "import a from 'b'; export const revision = 'zz'",
  "export { revision } from 'zz'",
  '/**/',
]

/** A revision file exactly as `athanor revision` renders the default template with these import lines. */
function templateFile(imports: readonly string[]) {
  return fc
    .record({
      revision: fc.stringMatching(/^[a-z0-9_-]{1,16}$/),
      down: ids,
      labels: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/), { maxLength: 2 }),
      deps: ids,
      message: fc.string({ maxLength: 60 }),
      imports: fc.constantFrom(...imports),
      body: fc.constantFrom('', "await op.execute('SELECT 1')", 'const t = `${"}"}`\n/* export const revision = \'no\' */'),
      lineBreak: fc.constantFrom('\n', '\r\n'),
    })
    .map((shape) => {
      const template = shape.lineBreak === '\n' ? DEFAULT_SCRIPT_TEMPLATE : DEFAULT_SCRIPT_TEMPLATE.replaceAll('\n', '\r\n')
      return renderTemplate(template, {
        message: escapeDocMessage(shape.message),
        revision: shape.revision,
        downRevision: headerLiteral(shape.down, true),
        branchLabels: headerLiteral(shape.labels, false),
        dependsOn: headerLiteral(shape.deps, false),
        revises: shape.down.join(', '),
        createDate: '2026-11-22T19:40:00.000Z',
        imports: shape.imports,
        upgradeBody: shape.body,
        downgradeBody: shape.body,
      })
    })
}

/** Text dropped into a file to push it off the template's layout, or to try to fool the regex. */
const disturbance = fc.constantFrom(
  "'", '"', '`', '\\', '/', '/*', '*/', '//', '\n', '\r', '\r\n', '\u2028', '\uFEFF', ' ', '\t', ';', ',', '[', ']', '=', ':',
  ' as const', '${', '}', 'x', '0', 'export ', 'const ', "export const revision = 'zz'\n", 'export let ', 'import ', "import a from 'b'\n",
  '/** doc */\n', 'null', "'a b'", "'a\\'b'", '#!/bin/sh\n', '/**/', 'as ', '+ ', '.x', '(',
)

/** Where a disturbance goes: near the start (the doc comment), among the header lines, or anywhere. */
const place = fc.tuple(fc.constantFrom('start', 'headers', 'anywhere'), fc.nat())

/** The leading doc comment swapped for something that is not one, or for nothing. */
const NOT_A_DOC_COMMENT = ['', '/**/', '/* plain */', '// line', '/***/']

/**
 * A template file, plain or with tricky imports or without its doc comment,
 * with a few disturbances at random places.
 */
const disturbedFile = fc
  .tuple(
    fc.oneof(
      templateFile(PLAIN_IMPORTS),
      templateFile(TRICKY_IMPORTS),
      fc.tuple(templateFile(PLAIN_IMPORTS), fc.constantFrom(...NOT_A_DOC_COMMENT)).map(([text, lead]) => lead + text.slice(text.indexOf('*/') + 2)),
    ),
    fc.array(fc.tuple(place, disturbance), { maxLength: 3 }),
  )
  .map(([text, edits]) => {
    let out = text
    for (const [[where, at], insert] of edits) {
      const headers = Math.max(0, out.indexOf('export const revision'))
      const position = where === 'start' ? at % 9 : where === 'headers' ? headers + (at % 240) : at
      const bounded = Math.min(position, out.length)
      out = out.slice(0, bounded) + insert + out.slice(bounded)
    }
    return out
  })

/** The token walk's answer, or the error it throws. */
function tokenWalk(text: string, whole = true): FoundHeaders | undefined | { error: string } {
  try {
    return scanHeaderTokens(text, 'x.ts', whole)
  } catch (error) {
    return { error: (error as Error).message }
  }
}

describe('the template layout read by one regular expression', () => {
  it('reads every file the default template renders, as the token walk does', () => {
    fc.assert(
      fc.property(templateFile(PLAIN_IMPORTS), (text) => {
        const fast = readStandardLayout(text)
        expect(fast).toBeDefined()
        expect(fast).toEqual(tokenWalk(text))
      }),
      { numRuns: 300 },
    )
  })

  it('wherever it answers, answers what the token walk answers', () => {
    let answered = 0
    fc.assert(
      fc.property(disturbedFile, (text) => {
        const fast = readStandardLayout(text)
        if (fast === undefined) return
        answered++
        expect(fast).toEqual(tokenWalk(text))
      }),
      { numRuns: 2000 },
    )
    // Most disturbances land in the body or the doc comment, where the layout still holds.
    expect(answered).toBeGreaterThan(100)
  })

  it('on a prefix of a file, answers only what the whole file says', () => {
    fc.assert(
      fc.property(disturbedFile, fc.nat(), (text, cut) => {
        const prefix = text.slice(0, cut % (text.length + 1))
        const fast = readStandardLayout(prefix)
        if (fast !== undefined) expect(fast).toEqual(tokenWalk(text))
      }),
      { numRuns: 1000 },
    )
  })
})

describe('the template layout regex on a file that almost fits', () => {
  // Each of these made an earlier version of the regex try exponentially many ways to split the same
  // blanks before giving up (minutes, not milliseconds); a file must be declined in linear time.
  const header = "export const revision = 'a'\nexport const downRevision = null\nexport const branchLabels = null\nexport const dependsOn = null\n"
  const nearMisses = {
    'blank lines of spaces': '/** x */\n' + `${' '.repeat(40)}\n`.repeat(40) + 'garbage',
    'imports padded with spaces': '/** x */\n' + `import ${' '.repeat(200)}'a'${' '.repeat(200)}\n`.repeat(40) + 'garbage',
    'comments ending in spaces': '/** x */\n' + `// c${' '.repeat(200)}\n`.repeat(40) + 'garbage',
    'spaces before every = and semicolon': '/** x */\n' + header.replaceAll(' =', `${' '.repeat(500)}=`).replaceAll('\n', `${' '.repeat(500)};${' '.repeat(500)}\n`) + 'garbage',
  }

  it.each(Object.entries(nearMisses))('declines %s at once', (_, text) => {
    const started = performance.now()
    expect(readStandardLayout(text)).toBeUndefined()
    expect(performance.now() - started).toBeLessThan(500)
  })
})
