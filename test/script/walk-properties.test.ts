import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { RevisionGraph } from '../../src/script/graph.js'
import type { Revision } from '../../src/script/revision.js'
import { appliedRevisions } from '../../src/script/walk-planner.js'
import { ids, revision } from './revision-fixtures.js'

/**
 * Random DAGs: revision i picks up to three parents and up to two
 * dependencies among revisions 0..i-1, so the graph has several bases,
 * branches, merges (including redundant ones) and cross-branch dependencies.
 * Files come in a shuffled order, as a directory listing would give them.
 */
const randomGraph = fc
  .integer({ min: 1, max: 28 })
  .chain((size) =>
    fc.tuple(
      fc.tuple(
        ...Array.from({ length: size }, (_, index) =>
          fc.record({
            parents: fc.uniqueArray(fc.nat({ max: Math.max(index - 1, 0) }), { maxLength: index === 0 ? 0 : 3 }),
            dependencies: fc.uniqueArray(fc.nat({ max: Math.max(index - 1, 0) }), { maxLength: index < 2 ? 0 : 2 }),
          }),
        ),
      ),
      fc.array(fc.nat(), { minLength: size, maxLength: size }),
    ),
  )
  .map(([shapes, shuffleKeys]) => {
    const revisions = shapes.map((shape, index) =>
      revision(`r${index}`, {
        down: shape.parents.map((parent) => `r${parent}`),
        deps: shape.dependencies.filter((dependency) => !shape.parents.includes(dependency)).map((dependency) => `r${dependency}`),
      }),
    )
    const shuffled = revisions.map((entry, index) => ({ entry, key: shuffleKeys[index] ?? 0 })).sort((a, b) => a.key - b.key)
    return new RevisionGraph(shuffled.map(({ entry }) => entry))
  })

function rowsAfter(graph: RevisionGraph, current: readonly string[], plan: readonly Revision[], direction: 'up' | 'down'): string[][] {
  const history: string[][] = [[...current].sort()]
  let rows = [...current]
  for (const step of plan) {
    rows = graph.nextCurrent(rows, step, direction)
    history.push([...rows].sort())
  }
  return history
}

/** Revisions nothing names as a parent or dependency: the rows once everything is applied. */
function realHeads(graph: RevisionGraph): string[] {
  return graph
    .all()
    .filter((entry) => graph.children(entry.id).length === 0 && graph.dependents(entry.id).length === 0)
    .map((entry) => entry.id)
    .sort()
}

describe('walk properties on random DAGs', () => {
  it('upgrade from base to heads visits every revision once, parents and dependencies first', () => {
    fc.assert(
      fc.property(randomGraph, (graph) => {
        const plan = ids(graph.upgradePlan([], 'heads'))
        expect(new Set(plan).size).toBe(plan.length)
        expect(plan.length).toBe(graph.size)
        const seen = new Set<string>()
        for (const id of plan) {
          for (const below of [...graph.get(id).downRevisions, ...graph.dependenciesOf(id)]) expect(seen.has(below)).toBe(true)
          seen.add(id)
        }
      }),
    )
  })

  it('downgrade to base is the exact reverse of upgrade to heads, rows included', () => {
    fc.assert(
      fc.property(randomGraph, (graph) => {
        const up = graph.upgradePlan([], 'heads')
        const upRows = rowsAfter(graph, [], up, 'up')
        const top = upRows.at(-1) ?? []
        const down = graph.downgradePlan(top, 'base')
        expect(ids(down)).toEqual(ids(up).reverse())
        expect(rowsAfter(graph, top, down, 'down')).toEqual([...upRows].reverse())
      }),
    )
  })

  it('nextCurrent along the upgrade ends at exactly the revisions nothing depends on, with rows never below one another', () => {
    fc.assert(
      fc.property(randomGraph, (graph) => {
        const history = rowsAfter(graph, [], graph.upgradePlan([], 'heads'), 'up')
        expect(history.at(-1)).toEqual(realHeads(graph))
        for (const rows of history) {
          for (const row of rows) for (const other of rows) expect(other === row || !graph.ancestors(other).has(row)).toBe(true)
        }
      }),
    )
  })

  it('upgrading to any revision applies exactly it and what it needs, and the rest follows with heads', () => {
    fc.assert(
      fc.property(randomGraph, fc.nat(), (graph, pick) => {
        const target = graph.all()[pick % graph.size] as Revision
        const first = graph.upgradePlan([], target.id)
        const rows = rowsAfter(graph, [], first, 'up').at(-1) ?? []
        const expected = new Set([target.id, ...graph.ancestors(target.id)])
        expect(new Set(ids(first))).toEqual(expected)
        expect(appliedRevisions(graph, rows)).toEqual(expected)
        const rest = ids(graph.upgradePlan(rows, 'heads'))
        expect(rest.filter((id) => expected.has(id))).toEqual([])
        expect(rest.length + first.length).toBe(graph.size)
      }),
    )
  })

  it('downgrading to any applied revision un-applies exactly what lies above it and keeps it applied', () => {
    fc.assert(
      fc.property(randomGraph, fc.nat(), (graph, pick) => {
        const target = graph.all()[pick % graph.size] as Revision
        const top = rowsAfter(graph, [], graph.upgradePlan([], 'heads'), 'up').at(-1) ?? []
        const down = graph.downgradePlan(top, target.id)
        const rows = rowsAfter(graph, top, down, 'down').at(-1) ?? []
        const removed = new Set(ids(down))
        const above = new Set(graph.children(target.id).flatMap((child) => [child.id, ...graph.descendants(child.id)]))
        expect(removed).toEqual(above)
        const applied = appliedRevisions(graph, rows)
        expect(applied.has(target.id)).toBe(true)
        expect(applied.size).toBe(graph.size - removed.size)
      }),
    )
  })

  it('orders revisions the same whatever order the files are listed in', () => {
    fc.assert(
      fc.property(randomGraph, (graph) => {
        const reversed = new RevisionGraph([...graph.all()].reverse())
        expect(ids(reversed.all())).toEqual(ids(graph.all()))
        expect(ids(reversed.heads())).toEqual(ids(graph.heads()))
      }),
    )
  })
})
