import { describe, expect, it } from 'vitest'
import { UsageError } from '../../src/errors.js'
import type { RevisionGraph } from '../../src/script/graph.js'
import { graphOf, ids } from './revision-fixtures.js'

function resolveError(graph: RevisionGraph, target: string, current: readonly string[] = []): UsageError {
  try {
    graph.resolve(target, current)
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError)
    return error as UsageError
  }
  throw new Error(`expected "${target}" to fail`)
}

// A linear history with one label:      aaaa1111 ─ aaab2222 ─ bbbb3333
const linear = graphOf({
  aaaa1111: { labels: ['core'] },
  aaab2222: { down: 'aaaa1111' },
  bbbb3333: { down: 'aaab2222' },
})

// Two branches off a shared root:        root0000 ─ feat1111 (feat) ─ feat2222
//                                                 └ main1111 (main) ─ main2222
const forked = graphOf({
  root0000: {},
  feat1111: { down: 'root0000', labels: ['feat'] },
  feat2222: { down: 'feat1111' },
  main1111: { down: 'root0000', labels: ['main'] },
  main2222: { down: 'main1111' },
})

describe('absolute targets', () => {
  it('head is the single head', () => {
    expect(ids(linear.resolve('head'))).toEqual(['bbbb3333'])
  })

  it('head with several heads is an error listing them, with a hint', () => {
    const error = resolveError(forked, 'head')
    expect(error.message).toBe(
      '"head" is ambiguous: there are 2 heads: feat2222 (message of feat2222), main2222 (message of main2222)',
    )
    expect(error.hint).toContain('"heads"')
    expect(error.hint).toContain('@head')
    expect(error.exitCode).toBe(2)
  })

  it('heads is every head', () => {
    expect(ids(forked.resolve('heads'))).toEqual(['feat2222', 'main2222'])
  })

  it('base is no revision', () => {
    expect(forked.resolve('base')).toEqual([])
  })

  it('a full id is that revision', () => {
    expect(ids(linear.resolve('aaab2222'))).toEqual(['aaab2222'])
  })

  it('a unique prefix of at least 4 characters is that revision', () => {
    expect(ids(linear.resolve('bbbb'))).toEqual(['bbbb3333'])
    expect(ids(linear.resolve('aaab'))).toEqual(['aaab2222'])
  })

  it('an ambiguous prefix is an error listing the candidates', () => {
    const error = resolveError(linear, 'aaa')
    expect(error.message).toContain('at least 4 characters')
    const ambiguous = resolveError(graphOf({ abcd1: {}, abcd2: { down: 'abcd1' } }), 'abcd')
    expect(ambiguous.message).toBe('revision prefix "abcd" is ambiguous: abcd1 (message of abcd1), abcd2 (message of abcd2)')
  })

  it('a prefix shorter than 4 characters is an error even when unique', () => {
    expect(resolveError(linear, 'bbb').message).toBe('no revision "bbb"; a revision prefix needs at least 4 characters')
  })

  it('an unknown target is an error', () => {
    expect(resolveError(linear, 'zzzz9').message).toBe('no revision, branch label or prefix matches "zzzz9"')
    expect(resolveError(linear, '  ').message).toBe('empty revision target')
  })

  it('a branch label alone is the revision declaring it', () => {
    expect(ids(forked.resolve('feat'))).toEqual(['feat1111'])
  })

  it('an exact id holding "-" wins over reading it as a relative step', () => {
    const dashed = graphOf({ base1: {}, 'fix-1': { down: 'base1' }, fix: { down: 'base1' } })
    expect(ids(dashed.resolve('fix-1'))).toEqual(['fix-1'])
  })

  it('a branch label holding "-" is the label, not a relative step', () => {
    const labelled = graphOf({ base1: {}, next1: { down: 'base1', labels: ['v-2'] } })
    expect(ids(labelled.resolve('v-2'))).toEqual(['next1'])
    expect(ids(labelled.resolve('v-2@head'))).toEqual(['next1'])
  })
})

describe('relative targets', () => {
  it('+N walks up from the current revision', () => {
    expect(ids(linear.resolve('+1', ['aaaa1111']))).toEqual(['aaab2222'])
    expect(ids(linear.resolve('+2', ['aaaa1111']))).toEqual(['bbbb3333'])
  })

  it('+N from an empty database walks up from base', () => {
    expect(ids(linear.resolve('+1', []))).toEqual(['aaaa1111'])
  })

  it('-N walks down from the current revision, to base at the bottom', () => {
    expect(ids(linear.resolve('-1', ['bbbb3333']))).toEqual(['aaab2222'])
    expect(linear.resolve('-3', ['bbbb3333'])).toEqual([])
  })

  it('walking past the head or below base is an error', () => {
    expect(resolveError(linear, '+1', ['bbbb3333']).message).toBe('"+1" walks past the head')
    expect(resolveError(linear, '-4', ['bbbb3333']).message).toBe('"-4" walks below base after 3 steps')
    expect(resolveError(linear, '-1', []).message).toBe('"-1" cannot go down: no revision is applied')
  })

  it('+N at a branch point is ambiguous and lists the children', () => {
    const error = resolveError(forked, '+1', ['root0000'])
    expect(error.message).toBe('"+1" is ambiguous: root0000 is a branch point (feat1111 (message of feat1111), main1111 (message of main1111))')
    expect(error.hint).toContain('<label>@+N')
  })

  it('-N at a merge point is ambiguous and lists the parents', () => {
    const merged = graphOf({ a1: {}, b1: { down: 'a1' }, c1: { down: 'a1' }, m1: { down: ['b1', 'c1'] } })
    expect(resolveError(merged, '-1', ['m1']).message).toBe('"-1" is ambiguous: m1 is a merge point of b1 (message of b1), c1 (message of c1)')
  })

  it('+N/-N with several current revisions and no branch is an error', () => {
    const error = resolveError(forked, '-1', ['feat2222', 'main2222'])
    expect(error.message).toContain('the database is at 2 revisions')
    expect(error.hint).toContain('<label>@-1')
    expect(resolveError(forked, '+2', ['feat2222', 'main2222']).hint).toContain('<rev>+2')
  })

  it('REV+N and REV-N walk from a named revision, ignoring current', () => {
    expect(ids(linear.resolve('aaaa+2'))).toEqual(['bbbb3333'])
    expect(ids(linear.resolve('bbbb3333-1'))).toEqual(['aaab2222'])
    expect(ids(linear.resolve('head-2'))).toEqual(['aaaa1111'])
  })

  it('a step of 0 is an error', () => {
    expect(resolveError(linear, '+0').message).toBe('target "+0" moves 0 steps')
  })
})

describe('branch targets', () => {
  it('label@head is the head of that branch', () => {
    expect(ids(forked.resolve('feat@head'))).toEqual(['feat2222'])
    expect(ids(forked.resolve('main@head'))).toEqual(['main2222'])
  })

  it('label@heads is every head of that branch', () => {
    expect(ids(forked.resolve('feat@heads'))).toEqual(['feat2222'])
  })

  it('label@base is base', () => {
    expect(forked.resolve('feat@base')).toEqual([])
  })

  it('label@REV is REV when it is on the branch', () => {
    expect(ids(forked.resolve('feat@feat2222'))).toEqual(['feat2222'])
    expect(ids(forked.resolve('feat@root0000'))).toEqual(['root0000'])
  })

  it('label@REV is an error when REV is on another branch', () => {
    expect(resolveError(forked, 'feat@main2222').message).toBe('revision main2222 is not on branch "feat"')
  })

  it('label@prefix picks the candidate on the branch', () => {
    const sharedPrefix = graphOf({ r000: {}, ab12x: { down: 'r000', labels: ['one'] }, ab12y: { down: 'r000', labels: ['two'] } })
    expect(ids(sharedPrefix.resolve('two@ab12'))).toEqual(['ab12y'])
  })

  it('label@+N walks up that branch from the current revisions', () => {
    expect(ids(forked.resolve('feat@+1', ['root0000']))).toEqual(['feat1111'])
    expect(ids(forked.resolve('main@+2', ['feat2222']))).toEqual(['main2222'])
  })

  it('label@-N walks down from the current revision on that branch', () => {
    expect(ids(forked.resolve('feat@-1', ['feat2222', 'main2222']))).toEqual(['feat1111'])
  })

  it('label@REV+N walks up from REV on that branch', () => {
    expect(ids(forked.resolve('main@root0000+1'))).toEqual(['main1111'])
  })

  it('an unknown branch is an error listing the known labels', () => {
    const error = resolveError(forked, 'nope@head')
    expect(error.message).toBe('no branch label or revision "nope"')
    expect(error.hint).toBe('known branch labels: feat, main')
  })

  it('a revision may stand for a branch before @', () => {
    expect(ids(forked.resolve('feat1111@head'))).toEqual(['feat2222'])
  })

  it('label@head with several heads on the branch is an error', () => {
    const split = graphOf({ a1: { labels: ['x'] }, b1: { down: 'a1' }, c1: { down: 'a1' } })
    expect(resolveError(split, 'x@head').message).toContain('"x@head" is ambiguous: there are 2 heads')
  })
})
