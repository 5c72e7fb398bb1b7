/**
 * The lossless round trip on a real application's SQLite schema
 * (test/fixtures/real-schemas/): reflect, use as models, autogenerate into an
 * empty file, upgrade, and compare both through SQLite's own catalog: the
 * pragmas, plus the CHECK and COLLATE clauses of the stored text. `.schema`
 * itself keeps each author's spelling, so its text differs by design.
 */
import { describe, expect, it } from 'vitest'
import { roundTripSqliteSchema, SQLITE_REAL_SCHEMAS, type SqliteRoundTripReport } from '../support/sqlite-real-schema-round-trip.js'

describe.each(SQLITE_REAL_SCHEMAS.map((s) => [s.name, s] as const))('SQLite: the %s schema round-trips', (_name, schema) => {
  let report: SqliteRoundTripReport
  it('upgrades an empty file to a copy SQLite describes alike, check finds nothing, and downgrade base empties it', async () => {
    report = await roundTripSqliteSchema(schema)
    expect(report.upgradeError).toBeNull()
    expect(report.textFacts.some((f) => f.includes(' check '))).toBe(true)
    expect(report.textFacts.some((f) => f.includes(' collate '))).toBe(true)
    expect(report.dumpDiff).toEqual([])
    expect(report.checkDiffs).toEqual([])
    expect(report.downgradeError).toBeNull()
    expect(report.leftAfterDowngrade).toEqual([])
  }, 120_000)
})
