/** The -x scope itself: nesting, overlap, and nothing left behind. */
import { describe, expect, it } from 'vitest'
import { getXArgs, runWithXArgs, xArg } from '../../src/config/x-args.js'

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('runWithXArgs', () => {
  it('an inner run without values hides the outer run\'s', async () => {
    const inner = await runWithXArgs({ tenant: 'acme' }, () => runWithXArgs({}, async () => getXArgs()))
    expect(inner).toEqual({})
  })

  it('a run that ends first leaves the other its values, and none remain once both are over', async () => {
    const long = runWithXArgs({ who: 'long' }, async () => {
      await pause(40)
      return xArg('who')
    })
    const short = runWithXArgs({ who: 'short' }, async () => xArg('who'))
    expect(await short).toBe('short')
    expect(await long).toBe('long')
    expect(getXArgs()).toEqual({})
    expect(xArg('who', 'fallback')).toBe('fallback')
  })
})
