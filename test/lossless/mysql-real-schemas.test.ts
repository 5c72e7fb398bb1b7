/**
 * The lossless round trip on real applications' MySQL schemas, on MariaDB
 * (test/fixtures/real-schemas/): reflect, use as models, autogenerate into an
 * empty database, upgrade, and compare both with mysqldump. Each schema's
 * known count of differing lines is a ceiling that may only go down
 * (`npx tsx scripts/mysql-real-schemas.ts NAME --lines` prints them).
 */
import { describe, expect, it } from 'vitest'
import { MYSQL_REAL_SCHEMAS, roundTripMysqlSchema } from '../support/mysql-real-schema-round-trip.js'
import type { RoundTripReport } from '../support/real-schema-round-trip.js'

/** Differing mysqldump lines left per schema; lower these as facts start to round-trip. */
const KNOWN_DUMP_DIFF: Record<string, number> = {
  pterodactyl: 0,
  animethemes: 0,
}

describe.each(MYSQL_REAL_SCHEMAS.map((s) => [s.name, s] as const))('MariaDB: the %s schema round-trips', (_name, schema) => {
  let report: RoundTripReport
  it('upgrades an empty database to a copy, check finds nothing, and downgrade base empties it', async () => {
    report = await roundTripMysqlSchema(schema)
    expect(report.upgradeError).toBeNull()
    expect(report.checkDiffs).toEqual([])
    expect(report.downgradeError).toBeNull()
    expect(report.leftAfterDowngrade).toEqual([])
  }, 120_000)

  it('leaves no more mysqldump differences than the known count', () => {
    expect(report, 'the round trip ran').toBeDefined()
    expect(report.dumpDiff.length).toBeLessThanOrEqual(KNOWN_DUMP_DIFF[schema.name]!)
  })
})
