import { describe, expect, it } from 'vitest'
import { RevisionError, UsageError } from '../../src/errors.js'
import { graphOf, ids, rowsAlong } from './revision-fixtures.js'

// Expected sets and version-table rows below were cross-checked against
// Alembic 1.8.1's RevisionMap and HeadMaintainer on the same graphs. Where
// athanor's order differs from Alembic's, the test says so; the reasons are
// in docs/alembic-walk-differences.md.

describe('upgrade and downgrade through a merge and a cross-branch dependency', () => {
  // a1 ─ b1 ─ m1            x1 ─ y1 (dependsOn b1)
  //    └ c1 ┘
  const graph = graphOf({
    a1: {},
    b1: { down: 'a1' },
    c1: { down: 'a1' },
    m1: { down: ['b1', 'c1'] },
    x1: {},
    y1: { down: 'x1', deps: ['b1'] },
  })

  it('upgrade heads applies parents before children, one branch at a time', () => {
    // Alembic: a1 c1 b1 x1 y1 m1 (same set; its order follows file order).
    expect(ids(graph.upgradePlan([], 'heads'))).toEqual(['a1', 'b1', 'c1', 'm1', 'x1', 'y1'])
  })

  it('a merge replaces its parents rows with one row, a branch point second child adds a row', () => {
    const plan = graph.upgradePlan([], 'heads')
    expect(rowsAlong(graph, [], plan, 'up')).toEqual([['a1'], ['b1'], ['b1', 'c1'], ['m1'], ['m1', 'x1'], ['m1', 'y1']])
  })

  it('downgrade base is the exact reverse of upgrade heads, rows included', () => {
    const up = graph.upgradePlan([], 'heads')
    const down = graph.downgradePlan(['m1', 'y1'], 'base')
    expect(ids(down)).toEqual(ids(up).reverse())
    const upRows = [[], ...rowsAlong(graph, [], up, 'up')]
    const downRows = [['m1', 'y1'], ...rowsAlong(graph, ['m1', 'y1'], down, 'down')]
    expect(downRows).toEqual(upRows.reverse())
  })

  it('dependsOn pulls the dependency and its ancestors in first', () => {
    // Alembic: a1 b1 x1 y1.
    expect(ids(graph.upgradePlan([], 'y1'))).toEqual(['a1', 'b1', 'x1', 'y1'])
  })

  it('upgrading from a partial state applies only what is missing', () => {
    expect(ids(graph.upgradePlan(['b1'], 'heads'))).toEqual(['c1', 'm1', 'x1', 'y1'])
  })

  it('a target already applied gives an empty plan', () => {
    expect(graph.upgradePlan(['m1'], 'b1')).toEqual([])
  })

  it('downgrading below a dependency also un-applies what depends on it', () => {
    // Alembic: m1 y1 b1 (same set).
    expect(ids(graph.downgradePlan(['m1', 'y1'], 'a1'))).toEqual(['y1', 'm1', 'c1', 'b1'])
  })

  it('unmerging re-adds the parent rows no other row still covers', () => {
    const down = graph.downgradePlan(['m1', 'y1'], 'c1')
    expect(ids(down)).toEqual(['m1'])
    // b1 stays applied below y1 (its dependency), so only c1 comes back as a row.
    expect(rowsAlong(graph, ['m1', 'y1'], down, 'down')).toEqual([['c1', 'y1']])
  })
})

describe('a merge of three parents', () => {
  const graph = graphOf({ a1: {}, b1: { down: 'a1' }, c1: { down: 'a1' }, d1: { down: 'a1' }, m1: { down: ['b1', 'c1', 'd1'] } })

  it('applies the merge once all three parents are applied, and folds three rows into one', () => {
    const plan = graph.upgradePlan([], 'heads')
    // Alembic: a1 d1 c1 b1 m1.
    expect(ids(plan)).toEqual(['a1', 'b1', 'c1', 'd1', 'm1'])
    expect(rowsAlong(graph, [], plan, 'up')).toEqual([['a1'], ['b1'], ['b1', 'c1'], ['b1', 'c1', 'd1'], ['m1']])
  })

  it('applies only the missing parents when one branch is already in', () => {
    expect(ids(graph.upgradePlan(['b1'], 'm1'))).toEqual(['c1', 'd1', 'm1'])
  })

  it('downgrading the merge brings back three rows', () => {
    const down = graph.downgradePlan(['m1'], 'a1')
    expect(ids(down)).toEqual(['m1', 'd1', 'c1', 'b1'])
    expect(rowsAlong(graph, ['m1'], down, 'down')).toEqual([['b1', 'c1', 'd1'], ['b1', 'c1'], ['b1'], ['a1']])
  })
})

describe('several bases and branch labels', () => {
  // a1 (main) ─ a2          x1 (billing) ─ x2
  const graph = graphOf({ a1: { labels: ['main'] }, a2: { down: 'a1' }, x1: { labels: ['billing'] }, x2: { down: 'x1' } })

  it('upgrade heads applies both branches', () => {
    // Alembic: x1 x2 a1 a2.
    expect(ids(graph.upgradePlan([], 'heads'))).toEqual(['a1', 'a2', 'x1', 'x2'])
    expect(rowsAlong(graph, [], graph.upgradePlan([], 'heads'), 'up').at(-1)).toEqual(['a2', 'x2'])
  })

  it('upgrading one branch leaves the other alone', () => {
    expect(ids(graph.upgradePlan([], 'billing@head'))).toEqual(['x1', 'x2'])
    expect(ids(graph.upgradePlan(['x2'], 'main@+1'))).toEqual(['a1'])
  })

  it('downgrading one branch leaves the other alone', () => {
    const down = graph.downgradePlan(['a2', 'x2'], 'billing@base')
    expect(ids(down)).toEqual(['x2', 'x1'])
    expect(rowsAlong(graph, ['a2', 'x2'], down, 'down')).toEqual([['a2', 'x1'], ['a2']])
    expect(ids(graph.downgradePlan(['a2', 'x2'], 'billing@-1'))).toEqual(['x2'])
  })

  it('downgrade base un-applies everything', () => {
    const down = graph.downgradePlan(['a2', 'x2'], 'base')
    expect(ids(down).sort()).toEqual(['a1', 'a2', 'x1', 'x2'])
    expect(rowsAlong(graph, ['a2', 'x2'], down, 'down').at(-1)).toEqual([])
  })
})

describe('branches sharing a root', () => {
  // root ─ f1 (feat) ─ f2
  //      └ m1 (main) ─ m2
  const graph = graphOf({ root: {}, f1: { down: 'root', labels: ['feat'] }, f2: { down: 'f1' }, m1: { down: 'root', labels: ['main'] }, m2: { down: 'm1' } })

  it('label@base un-applies the branch down to the fork and keeps the shared root (Alembic would un-apply all)', () => {
    expect(ids(graph.downgradePlan(['f2', 'm2'], 'feat@base'))).toEqual(['f2', 'f1'])
  })

  it('label@REV at the fork un-applies only that branch', () => {
    // Alembic: f2 f1.
    expect(ids(graph.downgradePlan(['f2', 'm2'], 'feat@root'))).toEqual(['f2', 'f1'])
  })

  it('a plain target at the fork un-applies both branches', () => {
    const down = graph.downgradePlan(['f2', 'm2'], 'root')
    expect(ids(down).sort()).toEqual(['f1', 'f2', 'm1', 'm2'])
    expect(rowsAlong(graph, ['f2', 'm2'], down, 'down').at(-1)).toEqual(['root'])
  })

  it('-1 with two current revisions and no branch is an error (Alembic only warns)', () => {
    expect(() => graph.downgradePlan(['f2', 'm2'], '-1')).toThrow(UsageError)
  })
})

describe('a dependency row (Alembic parity)', () => {
  // a1 ─ b1        x1 ─ y1 (dependsOn b1)
  const graph = graphOf({ a1: {}, b1: { down: 'a1' }, x1: {}, y1: { down: 'x1', deps: ['b1'] } })

  it('applying a dependent folds the dependency row into its own, as alembic_version does', () => {
    const plan = graph.upgradePlan([], 'heads')
    expect(ids(plan)).toEqual(['a1', 'b1', 'x1', 'y1'])
    expect(rowsAlong(graph, [], plan, 'up')).toEqual([['a1'], ['b1'], ['b1', 'x1'], ['y1']])
  })

  it('un-applying the dependent brings the dependency row back', () => {
    const down = graph.downgradePlan(['y1'], '-1')
    expect(ids(down)).toEqual(['y1'])
    expect(rowsAlong(graph, ['y1'], down, 'down')).toEqual([['b1', 'x1']])
  })

  it('is at heads with one row for two heads', () => {
    expect(graph.isAtHeads(['y1'])).toBe(true)
    expect(graph.isAtHeads(['b1', 'x1'])).toBe(false)
    expect(ids(graph.heads())).toEqual(['b1', 'y1'])
  })

  it('still counts the dependency as applied', () => {
    expect(graph.upgradePlan(['y1'], 'heads')).toEqual([])
    expect(graph.downgradePlan(['y1'], 'b1')).toEqual([])
  })
})

describe('walk errors', () => {
  const graph = graphOf({ a1: {}, b1: { down: 'a1' }, c1: { down: 'a1' } })

  it('downgrading to a revision that is not applied is an error naming the current rows', () => {
    const error = (() => {
      try {
        graph.downgradePlan(['b1'], 'c1')
      } catch (caught) {
        return caught as UsageError
      }
      throw new Error('expected an error')
    })()
    expect(error).toBeInstanceOf(UsageError)
    expect(error.message).toBe('cannot downgrade to c1: it is not applied')
    expect(error.hint).toBe('the database is at b1')
  })

  it('a current row no file declares is a RevisionError', () => {
    expect(() => graph.upgradePlan(['gone'], 'heads')).toThrow(RevisionError)
    expect(() => graph.upgradePlan(['gone'], 'heads')).toThrow('the database is at revision gone, which no revision file in this project defines')
  })

  it('upgrade to -1 and downgrade to +1 point the user at the other command', () => {
    expect(() => graph.upgradePlan(['b1'], '-1')).toThrow('"-1" goes down; use downgrade')
    expect(() => graph.downgradePlan(['a1'], '+1')).toThrow('"+1" goes up; use upgrade')
  })

  it('downgrade to heads with several heads needs one target', () => {
    expect(() => graph.downgradePlan(['b1', 'c1'], 'heads')).toThrow(/downgrade needs one target/)
  })
})

describe('history ranges', () => {
  const graph = graphOf({ a1: {}, b1: { down: 'a1' }, c1: { down: 'b1' }, d1: { down: 'c1' }, x1: { down: 'b1' } })

  it('with no bounds is everything, newest first', () => {
    expect(ids(graph.range(undefined, undefined))).toEqual(['x1', 'd1', 'c1', 'b1', 'a1'])
  })

  it('A:B is B down to and including A', () => {
    expect(ids(graph.range('b1', 'd1'))).toEqual(['d1', 'c1', 'b1'])
  })

  it('A: runs to the heads, :B from base', () => {
    expect(ids(graph.range('c1', undefined))).toEqual(['d1', 'c1'])
    expect(ids(graph.range(undefined, 'b1'))).toEqual(['b1', 'a1'])
  })

  it('current stands for the version table rows', () => {
    expect(ids(graph.range('current', undefined, ['c1']))).toEqual(['d1', 'c1'])
    expect(ids(graph.range(undefined, 'current', ['c1']))).toEqual(['c1', 'b1', 'a1'])
  })

  it('relative bounds resolve against current', () => {
    expect(ids(graph.range('-1', 'current', ['d1']))).toEqual(['d1', 'c1'])
  })

  it('A not below B is an error', () => {
    expect(() => graph.range('x1', 'd1')).toThrow('revision x1 is not below d1, so -r x1:d1 is empty')
  })
})
