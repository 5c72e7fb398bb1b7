/**
 * The lint case table: on each database, every rule fires on its bad form
 * and stays quiet on its safe form, against a real table of 200,000 rows
 * whose size comes from the catalog statistics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LintResult } from '../../src/api.js'
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from '../support/databases.js'
import { lintProject, type LintProject } from './lint-project.js'
import { BASE, BIG_ROWS, CASES, FILL } from './lint-case-table.js'

const KINDS: ReadonlyArray<['postgres' | 'mysql' | 'sqlite', TestDatabaseKind]> = [
  ['postgres', 'postgres'],
  ['mysql', 'mysql'],
  ['sqlite', 'sqlite'],
]

describe.each(KINDS)('lint cases on %s', (family, kind) => {
  let db: TestDatabase
  let project: LintProject
  let serial = 0

  beforeAll(async () => {
    db = await createTestDatabase(kind)
    project = lintProject(db.url)
    project.write({ id: 'aaaa00000001', down: null, upgrade: BASE, message: 'base' })
    await project.athanor().upgrade('head')
    const conn = await db.connect()
    for (const statement of FILL[family]) await conn.execute(statement)
    await conn.execute('INSERT INTO small (id, n) VALUES (1, 1), (2, 2)')
    await conn.close()
  }, 120_000)

  afterAll(async () => {
    project.cleanup()
    await db.drop()
  })

  /** Writes `bodies` as pending revisions after the base, lints, and removes them. */
  async function lintForm(bodies: readonly string[]): Promise<LintResult> {
    serial += 1
    const ids = bodies.map((_, i) => `cc${serial.toString(16).padStart(4, '0')}${i}00000`.slice(0, 12))
    ids.forEach((id, i) => project.write({ id, down: i === 0 ? 'aaaa00000001' : ids[i - 1]!, upgrade: bodies[i]! }))
    try {
      return await project.athanor().lint()
    } finally {
      ids.forEach((id) => project.remove(id))
    }
  }

  it.each(CASES[family].map((c) => [c.rule, c] as const))('%s fires on its bad form with the table size, and is quiet on its safe form', async (rule, c) => {
    const bad = await lintForm(c.bad)
    const hit = bad.findings.find((f) => f.rule === rule)
    expect(hit, JSON.stringify(bad.findings, null, 2)).toBeDefined()
    expect(hit!.level).toBe(hit!.ruleLevel)
    expect(hit!.why).not.toBe('')
    expect(hit!.safe).not.toBe('')
    if (hit!.table === 'big') {
      expect(hit!.size?.rows).toBeGreaterThan(BIG_ROWS * 0.5)
      expect(hit!.size?.rows).toBeLessThan(BIG_ROWS * 1.5)
      expect(hit!.size?.bytes).toBeGreaterThan(1_000_000)
    }
    const safe = await lintForm(c.safe)
    expect(safe.findings.filter((f) => f.rule === rule)).toEqual([])
  })

  it('lowers a finding on a small table to a note, and exits clean of errors', async () => {
    const result = await lintForm(["await op.dropColumn('small', 'email')\n  await op.alterColumn('small', 'n', { type: t.string(20), nullable: false, existingType: t.integer() })"])
    expect(result.findings.length).toBeGreaterThan(0)
    for (const f of result.findings) {
      expect(f.level).toBe('note')
      expect(f.size?.rows).toBe(2)
    }
    expect(result.errors).toBe(0)
  })

  it('lints only the revisions not yet applied by default', async () => {
    const result = await lintForm(["await op.addColumn('big', 'x', t.integer())"])
    expect(result.revisions).toHaveLength(1)
    expect(result.revisions[0]).not.toBe('aaaa00000001')
    expect(result.database.reachable).toBe(true)
    expect(result.database.version).toMatch(/^\d+\.\d+$/)
  })
})
