/**
 * Runs the lossless round trip (test/support/real-schema-round-trip.ts) on
 * every real schema in test/fixtures/real-schemas/, or on those named, and
 * prints per schema how many `pg_dump` lines still differ, what `check` still
 * finds, and what `downgrade base` left. `--lines` prints the differing lines.
 *
 * @example
 * npx tsx scripts/real-schemas.ts openstreetmap --lines
 */
import { REAL_SCHEMAS, roundTripRealSchema } from '../test/support/real-schema-round-trip.js'

const args = process.argv.slice(2)
const showLines = args.includes('--lines')
const names = args.filter((a) => !a.startsWith('--'))
const chosen = names.length === 0 ? REAL_SCHEMAS : REAL_SCHEMAS.filter((s) => names.includes(s.name))
if (chosen.length === 0) {
  console.error(`error: no real schema named ${names.join(', ')}`)
  console.error(`hint: one of ${REAL_SCHEMAS.map((s) => s.name).join(', ')}`)
  process.exit(2)
}
let clean = true
for (const schema of chosen) {
  const report = await roundTripRealSchema(schema)
  const ok = report.upgradeError === null && report.dumpDiff.length === 0 && report.checkDiffs.length === 0 && report.downgradeError === null && report.leftAfterDowngrade.length === 0
  clean &&= ok
  console.log(
    `${report.name}: ${report.tables} tables, ${report.prelude.length} prelude objects, upgrade ${report.upgradeError === null ? 'ok' : 'FAILED'}, pg_dump diff ${report.dumpDiff.length} lines, check ${report.checkDiffs.length} diffs, downgrade base ${report.downgradeError === null ? 'ok' : 'FAILED'}, ${report.leftAfterDowngrade.length} statements left`,
  )
  if (report.upgradeError !== null) console.log(`  upgrade: ${report.upgradeError}`)
  if (report.downgradeError !== null) console.log(`  downgrade: ${report.downgradeError}`)
  if (showLines) {
    for (const entry of report.prelude) console.log(`  prelude: ${entry}`)
    for (const line of report.dumpDiff) console.log(`  ${line}`)
    for (const diff of report.checkDiffs) console.log(`  check: ${JSON.stringify(diff)}`)
    for (const left of report.leftAfterDowngrade) console.log(`  left: ${left.split('\n')[0]}`)
  }
}
process.exit(clean ? 0 : 1)
