import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { displayPath } from '../../src/script/display-path.js'
import { parseRevisionSource } from '../../src/script/header-parser.js'

describe('displayPath', () => {
  it('shows a file inside the working directory relative to it', () => {
    expect(displayPath(join(process.cwd(), 'migrations', 'versions', 'a.ts'))).toBe(join('migrations', 'versions', 'a.ts'))
  })

  it('keeps a file outside the working directory absolute', () => {
    expect(displayPath('/elsewhere/versions/a.ts')).toBe('/elsewhere/versions/a.ts')
  })

  it('is what header errors show, while the revision keeps its absolute path', () => {
    const path = join(process.cwd(), 'migrations', 'versions', 'a.ts')
    expect(() => parseRevisionSource('export const revision = x', path)).toThrow(/^migrations\/versions\/a\.ts:1: /)
    expect(parseRevisionSource("export const revision = 'a1'", path).path).toBe(path)
  })
})
