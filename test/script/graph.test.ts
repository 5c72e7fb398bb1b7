import { describe, expect, it } from 'vitest'
import { RevisionError } from '../../src/errors.js'
import { RevisionGraph } from '../../src/script/graph.js'
import { graphOf, ids, revision } from './revision-fixtures.js'

function graphError(build: () => unknown): RevisionError {
  try {
    build()
  } catch (error) {
    expect(error).toBeInstanceOf(RevisionError)
    return error as RevisionError
  }
  throw new Error('expected a RevisionError')
}

describe('RevisionGraph validation', () => {
  it('rejects a duplicate id, naming both files', () => {
    const first = { ...revision('a1b2'), path: 'versions/a1b2_one.ts' }
    const second = { ...revision('a1b2'), path: 'versions/a1b2_two.ts' }
    const error = graphError(() => new RevisionGraph([first, second]))
    expect(error.message).toBe('duplicate revision id a1b2 in versions/a1b2_one.ts and versions/a1b2_two.ts')
    expect(error.exitCode).toBe(2)
  })

  it('rejects a downRevision that does not exist, naming the file', () => {
    const error = graphError(() => graphOf({ b1: { down: 'zz99' } }))
    expect(error.message).toBe('versions/b1_file.ts names downRevision zz99, but no revision has that id')
    expect(error.hint).toContain('deleted')
  })

  it('rejects a dependsOn that names no revision or label, naming the file', () => {
    const error = graphError(() => graphOf({ a1: {}, b1: { down: 'a1', deps: ['nope'] } }))
    expect(error.message).toBe('versions/b1_file.ts names dependsOn nope, but no revision id or branch label matches it')
  })

  it('rejects a cycle, naming its revisions and files', () => {
    const error = graphError(() => graphOf({ a1: { down: 'c1' }, b1: { down: 'a1' }, c1: { down: 'b1' }, root: {} }))
    expect(error.message).toMatch(/^revision cycle: /)
    for (const id of ['a1', 'b1', 'c1']) expect(error.message).toContain(`${id} (versions/${id}_file.ts)`)
    expect(error.message).not.toContain('root')
  })

  it('rejects a cycle through dependsOn', () => {
    const error = graphError(() => graphOf({ a1: { deps: ['b1'] }, b1: { down: 'a1' } }))
    expect(error.message).toMatch(/^revision cycle: .*a1.*b1|^revision cycle: .*b1.*a1/)
  })

  it('rejects a revision naming itself', () => {
    expect(graphError(() => graphOf({ a1: { down: 'a1' } })).message).toBe('revision a1 in versions/a1_file.ts names itself as its downRevision')
    expect(graphError(() => graphOf({ a1: { deps: ['a1'] } })).message).toBe('revision a1 in versions/a1_file.ts depends on itself')
  })

  it('rejects a branch label declared twice, naming both files', () => {
    const error = graphError(() => graphOf({ a1: { labels: ['billing'] }, b1: { labels: ['billing'] } }))
    expect(error.message).toBe('branch label "billing" is declared by both versions/a1_file.ts and versions/b1_file.ts')
  })

  it('rejects a branch label equal to a revision id', () => {
    expect(graphError(() => graphOf({ a1: {}, b1: { labels: ['a1'] } })).message).toContain('is also the id of the revision in versions/a1_file.ts')
  })

  it('rejects reserved words as ids and labels', () => {
    expect(graphError(() => graphOf({ head: {} })).message).toContain('reserved target word')
    expect(graphError(() => graphOf({ a1: { labels: ['base'] } })).message).toContain('reserved target word')
  })

  it('accepts an empty graph', () => {
    const graph = graphOf({})
    expect(graph.size).toBe(0)
    expect(graph.heads()).toEqual([])
    expect(graph.resolve('head')).toEqual([])
  })
})

describe('RevisionGraph queries', () => {
  // a1 ─ b1 ─ m1 (merge)       x1 ─ y1 (dependsOn b1)
  //    └ c1 ┘
  const shapes = {
    a1: {},
    b1: { down: 'a1' },
    c1: { down: 'a1' },
    m1: { down: ['b1', 'c1'] },
    x1: {},
    y1: { down: 'x1', deps: ['b1'] },
  }
  const graph = graphOf(shapes)

  it('knows its size and ids', () => {
    expect(graph.size).toBe(6)
    expect(graph.has('m1')).toBe(true)
    expect(graph.has('m')).toBe(false)
  })

  it('gets a revision by exact id only', () => {
    expect(graph.get('b1').id).toBe('b1')
    expect(() => graph.get('b')).toThrow(RevisionError)
  })

  it('lists heads and bases', () => {
    expect(ids(graph.heads())).toEqual(['m1', 'y1'])
    expect(ids(graph.bases())).toEqual(['a1', 'x1'])
  })

  it('lists children without dependents, and dependents separately', () => {
    expect(ids(graph.children('a1'))).toEqual(['b1', 'c1'])
    expect(ids(graph.children('b1'))).toEqual(['m1'])
    expect(ids(graph.dependents('b1'))).toEqual(['y1'])
  })

  it('knows branch points and merge points', () => {
    expect(graph.isBranchPoint('a1')).toBe(true)
    expect(graph.isBranchPoint('b1')).toBe(false)
    expect(graph.isMergePoint('m1')).toBe(true)
    expect(graph.isMergePoint('y1')).toBe(false)
  })

  it('orders all revisions parents and dependencies first, one branch at a time', () => {
    expect(ids(graph.all())).toEqual(['a1', 'b1', 'c1', 'm1', 'x1', 'y1'])
  })

  it('orders all revisions the same whatever order the files came in', () => {
    const reversed = new RevisionGraph([...graph.all()].reverse())
    expect(ids(reversed.all())).toEqual(ids(graph.all()))
  })

  it('collects ancestors with and without dependencies, excluding the revision', () => {
    expect([...graph.ancestors('y1')].sort()).toEqual(['a1', 'b1', 'x1'])
    expect([...graph.ancestors('y1', { dependencies: false })]).toEqual(['x1'])
    expect(graph.ancestors('a1').size).toBe(0)
  })

  it('collects descendants with and without dependents, excluding the revision', () => {
    expect([...graph.descendants('b1')].sort()).toEqual(['m1', 'y1'])
    expect([...graph.descendants('b1', { dependencies: false })]).toEqual(['m1'])
  })

  it('resolves a dependsOn that names a branch label to the revision declaring it', () => {
    const labelled = graphOf({ a1: { labels: ['core'] }, x1: { deps: ['core'] } })
    expect(labelled.dependenciesOf('x1')).toEqual(['a1'])
    expect([...labelled.ancestors('x1')]).toEqual(['a1'])
  })

  it('finds the owner of a branch label', () => {
    const labelled = graphOf({ a1: {}, b1: { down: 'a1', labels: ['feat'] } })
    expect(labelled.branchLabelOwner('feat')?.id).toBe('b1')
    expect(labelled.branchLabelOwner('nope')).toBeUndefined()
  })

  it('gives a label to its revision, all descendants, and the straight line below it down to a fork', () => {
    // r0 ─ r1 ─ r2 (feat) ─ r3        r1 forks to s1
    const labelled = graphOf({ r0: {}, r1: { down: 'r0' }, s1: { down: 'r1' }, r2: { down: 'r1', labels: ['feat'] }, r3: { down: 'r2' } })
    expect(labelled.labelsOf('r2')).toEqual(['feat'])
    expect(labelled.labelsOf('r3')).toEqual(['feat'])
    expect(labelled.labelsOf('r1')).toEqual([])
    expect(labelled.labelsOf('s1')).toEqual([])
    const line = graphOf({ r0: {}, r1: { down: 'r0' }, r2: { down: 'r1', labels: ['feat'] } })
    expect(line.labelsOf('r0')).toEqual(['feat'])
  })

  it('handles a 10,000-revision chain without deep recursion', () => {
    const chain = Array.from({ length: 10_000 }, (_, index) => revision(`r${index}`, index === 0 ? {} : { down: `r${index - 1}` }))
    const big = new RevisionGraph(chain.reverse())
    expect(ids(big.heads())).toEqual(['r9999'])
    expect(big.ancestors('r9999').size).toBe(9999)
    expect(big.upgradePlan([], 'head')).toHaveLength(10_000)
    expect(big.downgradePlan(['r9999'], 'base')[0]?.id).toBe('r9999')
  })
})
