import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { RevisionError } from '../../src/errors.js'
import { parseRevisionPrefix, parseRevisionSource } from '../../src/script/header-parser.js'
import { headerLiteral } from '../../src/script/revision-template.js'

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
