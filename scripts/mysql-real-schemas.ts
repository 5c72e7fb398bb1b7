/**
 * Runs the MySQL lossless round trip (test/support/mysql-real-schema-round-trip.ts)
 * on every MySQL schema in test/fixtures/real-schemas/, or on those named, and
 * prints per schema how many `mysqldump` lines still differ, what `check`
 * still finds, and what `downgrade base` left. `--lines` prints the lines.
 *
 * @example
 * npx tsx scripts/mysql-real-schemas.ts pterodactyl --lines
 */
import { MYSQL_REAL_SCHEMAS, roundTripMysqlSchema } from '../test/support/mysql-real-schema-round-trip.js'

const args = process.argv.slice(2)
const showLines = args.includes('--lines')
const names = args.filter((a) => !a.startsWith('--'))
const chosen = names.length === 0 ? MYSQL_REAL_SCHEMAS : MYSQL_REAL_SCHEMAS.filter((s) => names.includes(s.name))
if (chosen.length === 0) {
  console.error(`error: no MySQL real schema named ${names.join(', ')}`)
  console.error(`hint: one of ${MYSQL_REAL_SCHEMAS.map((s) => s.name).join(', ')}`)
  process.exit(2)
}
let clean = true
for (const schema of chosen) {
  const report = await roundTripMysqlSchema(schema)
  const ok = report.upgradeError === null && report.dumpDiff.length === 0 && report.checkDiffs.length === 0 && report.downgradeError === null && report.leftAfterDowngrade.length === 0
  clean &&= ok
  console.log(
    `${report.name}: ${report.tables} tables, upgrade ${report.upgradeError === null ? 'ok' : 'FAILED'}, mysqldump diff ${report.dumpDiff.length} lines, check ${report.checkDiffs.length} diffs, downgrade base ${report.downgradeError === null ? 'ok' : 'FAILED'}, ${report.leftAfterDowngrade.length} statements left`,
  )
  if (report.upgradeError !== null) console.log(`  upgrade: ${report.upgradeError}`)
  if (report.downgradeError !== null) console.log(`  downgrade: ${report.downgradeError}`)
  if (showLines) {
    for (const line of report.dumpDiff) console.log(`  ${line}`)
    for (const diff of report.checkDiffs) console.log(`  check: ${JSON.stringify(diff)}`)
    for (const left of report.leftAfterDowngrade) console.log(`  left: ${left.split('\n')[0]}`)
  }
}
process.exit(clean ? 0 : 1)
