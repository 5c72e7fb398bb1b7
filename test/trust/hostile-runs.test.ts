/**
 * Hostile targets, version tables and values: each refused with its exit
 * code and one error line, the version table and the data as they were. The
 * runs that reach a database run on SQLite, PostgreSQL and MariaDB.
 */
import { describe, it } from 'vitest'
import type { RevisionFixture } from '../cli/cli-project.js'
import { expectRefused, type HostileCase } from './hostile-case.js'

const A = 'aaaa00000001'
const B = 'aaaa00000002'
const C = 'cccc00000003'
const line: RevisionFixture[] = [
  { id: A, message: 'create ta', upgrade: "await op.execute('CREATE TABLE ta (id INTEGER)')", downgrade: "await op.execute('DROP TABLE ta')" },
  { id: B, down: A, message: 'create tb', upgrade: "await op.execute('CREATE TABLE tb (id INTEGER)')", downgrade: "await op.execute('DROP TABLE tb')" },
  { id: C, down: B, message: 'create tc', branchLabels: ['tip'], upgrade: "await op.execute('CREATE TABLE tc (id INTEGER)')", downgrade: "await op.execute('DROP TABLE tc')" },
]

export const TARGET_CASES: readonly HostileCase[] = [
  { name: 'an unknown revision', revisions: line, args: ['upgrade', 'ffff'], code: 2, errorCode: 'E_USAGE', error: /ffff/ },
  { name: 'an ambiguous prefix', revisions: line, args: ['upgrade', 'aaaa'], code: 2, errorCode: 'E_AMBIGUOUS_TARGET', error: /aaaa/ },
  { name: 'an empty target', revisions: line, args: ['upgrade', ''], code: 2, errorCode: 'E_USAGE', error: /target/ },
  { name: 'a relative step that is not a number', revisions: line, args: ['upgrade', 'head+abc'], code: 2, errorCode: 'E_USAGE', error: /head\+abc/ },
  { name: 'an unknown branch label', revisions: line, args: ['upgrade', 'nolabel@head'], code: 2, errorCode: 'E_USAGE', error: /nolabel/ },
  { name: 'a step past the head', revisions: line, args: ['upgrade', `${A}+5`], code: 2, errorCode: 'E_USAGE', error: /aaaa00000001\+5/ },
  { name: 'a step past base', revisions: line, prepare: (ctx) => ctx.ok(['upgrade', B]), args: ['downgrade', '-5'], code: 2, errorCode: 'E_USAGE', error: /-5/ },
  { name: 'upgrade to a revision behind the database', revisions: line, prepare: (ctx) => ctx.ok(['upgrade', 'head']), args: ['upgrade', A], code: 2, errorCode: 'E_USAGE', error: /aaaa00000001/ },
  { name: 'downgrade to a revision ahead of the database', revisions: line, prepare: (ctx) => ctx.ok(['upgrade', A]), args: ['downgrade', C], code: 2, errorCode: 'E_USAGE', error: /cccc00000003/ },
  { name: 'a range without --sql', revisions: line, args: ['upgrade', 'base:head'], code: 2, errorCode: 'E_USAGE', error: /base:head/ },
  { name: 'downgrade --sql without a range', revisions: line, args: ['downgrade', '--sql', 'base'], code: 2, errorCode: 'E_USAGE', error: 'downgrade --sql needs a range FROM:TO', hint: 'e.g. downgrade --sql head:base' },
  { name: 'a --sql range with nothing after the colon', revisions: line, args: ['upgrade', '--sql', 'base:'], code: 2, errorCode: 'E_USAGE', error: '"base:" has no target after the colon', hint: 'write FROM:TO, e.g. base:head' },
  { name: 'stamp of an unknown revision', revisions: line, args: ['stamp', 'ffff00000009'], code: 2, errorCode: 'E_USAGE', error: /ffff00000009/ },
  { name: 'stamp with no revision', revisions: line, args: ['stamp'], code: 2, errorCode: 'E_USAGE', error: /revisions/ },
  { name: 'show of an unknown revision', revisions: line, args: ['show', 'ffff00000009'], code: 2, errorCode: 'E_USAGE', error: /ffff00000009/ },
  { name: 'history of an unknown range', revisions: line, args: ['history', '-r', 'ffff:head'], code: 2, errorCode: 'E_USAGE', error: /ffff/ },
]

/** The version table made by a real run, then tampered with. */
const atHeadThen = (...statements: string[]) => async (ctx: Parameters<NonNullable<HostileCase['prepare']>>[0]) => {
  await ctx.ok(['upgrade', 'head'])
  await ctx.sql(...statements)
}

export const VERSION_TABLE_CASES: readonly HostileCase[] = [
  { name: 'a version row no revision file defines, upgraded', revisions: line, prepare: atHeadThen("UPDATE athanor_version SET version_num = 'deadbeef0000'"), args: ['upgrade', 'head'], code: 2, errorCode: 'E_UNKNOWN_VERSION_ROW', error: /deadbeef0000/ },
  { name: 'a version row no revision file defines, downgraded', revisions: line, prepare: atHeadThen("UPDATE athanor_version SET version_num = 'deadbeef0000'"), args: ['downgrade', '-1'], code: 2, errorCode: 'E_UNKNOWN_VERSION_ROW', error: /deadbeef0000/ },
  { name: 'a version row no revision file defines, read', revisions: line, prepare: atHeadThen("UPDATE athanor_version SET version_num = 'deadbeef0000'"), args: ['current'], code: 2, errorCode: 'E_UNKNOWN_VERSION_ROW', error: /deadbeef0000/ },
  { name: 'a version row no revision file defines, checked', revisions: line, prepare: atHeadThen("UPDATE athanor_version SET version_num = 'deadbeef0000'"), args: ['check', '--verify'], code: 2, errorCode: 'E_UNKNOWN_VERSION_ROW', error: /deadbeef0000/ },
  { name: 'an upper-case version row', revisions: line, prepare: atHeadThen(`UPDATE athanor_version SET version_num = '${C.toUpperCase()}'`), args: ['upgrade', 'head'], code: 2, errorCode: 'E_UNKNOWN_VERSION_ROW', error: /CCCC00000003/ },
]

/** A revision that creates `vals (id, v)`, applied first, and one that bulk-inserts `rows` (TypeScript source) into it. */
const seeding = (column: string, rows: string): RevisionFixture[] => [
  { id: A, message: 'create vals', upgrade: `const { t } = await import('athanor')\n  await op.createTable('vals', { id: t.integer().primaryKey(), v: ${column} })`, downgrade: "await op.dropTable('vals')" },
  { id: B, down: A, message: 'seed', upgrade: `const { t, table } = await import('athanor')\n  await op.bulkInsert(table('vals', { id: t.integer().primaryKey(), v: ${column} }), ${rows})` },
]
const createVals = (ctx: Parameters<NonNullable<HostileCase['prepare']>>[0]) => ctx.ok(['upgrade', A])

export const VALUE_CASES: readonly HostileCase[] = [
  { name: 'a row with a column the table does not have', prepare: createVals, revisions: seeding('t.text()', '[{ id: 1, nope: 2 }]'), args: ['upgrade', 'head'], code: 2, errorCode: 'E_USAGE', error: 'bulkInsert into "vals": no column "nope"' },
  { name: 'two rows with one primary key', prepare: createVals, revisions: seeding('t.text()', "[{ id: 1, v: 'a' }, { id: 1, v: 'b' }]"), args: ['upgrade', 'head'], code: 1, errorCode: 'E_MIGRATION_FAILED', error: /^upgrade aaaa00000002 \(seed\) failed at statement "INSERT INTO/ },
  { name: 'null in a NOT NULL column', prepare: createVals, revisions: seeding('t.text().notNull()', '[{ id: 1, v: null }]'), args: ['upgrade', 'head'], code: 1, errorCode: 'E_MIGRATION_FAILED', error: /^upgrade aaaa00000002 \(seed\) failed at statement "INSERT INTO/ },
]

for (const kind of ['sqlite', 'postgres', 'mysql'] as const) {
  describe(`hostile version tables on ${kind}`, () => {
    it.each(VERSION_TABLE_CASES)('$name', (c) => expectRefused(c, kind))
  })
  describe(`hostile values on ${kind}`, () => {
    it.each(VALUE_CASES)('$name', (c) => expectRefused(c, kind))
  })
}

describe('hostile targets on sqlite', () => {
  it.each(TARGET_CASES)('$name', (c) => expectRefused(c, 'sqlite'))
})
