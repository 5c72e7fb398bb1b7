/** Every error code is a named constant, and docs/cli.md's table lists each one with its name and exit code. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ErrorCode, EXIT_CODES } from '../../src/errors.js'

const CLI_DOC = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'cli.md'), 'utf8')

/** The rows of the error-code table: code, constant name, exit code. */
function documentedCodes(): [string, string, number][] {
  return [...CLI_DOC.matchAll(/^\| `(E_[A-Z_]+)` \| `(\w+)` \| ([12]) \|/gm)].map((m) => [m[1]!, m[2]!, Number(m[3])])
}

describe('error codes', () => {
  it('docs/cli.md lists every ErrorCode once, under its constant name, with its exit code', () => {
    const expected = Object.entries(ErrorCode).map(([name, code]) => [code, name, EXIT_CODES[code]])
    expect(documentedCodes().sort()).toEqual(expected.sort())
  })

  it('codes are unique', () => {
    const codes = Object.values(ErrorCode)
    expect(new Set(codes).size).toBe(codes.length)
  })
})
