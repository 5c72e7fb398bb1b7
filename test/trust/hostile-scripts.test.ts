/**
 * Hostile revision files and graphs: each is refused with its exit code and
 * one error line, and nothing is applied — a broken third revision leaves the
 * first two unapplied too (the preflight loads every script a run executes).
 */
import { describe, it } from 'vitest'
import type { RevisionFixture } from '../cli/cli-project.js'
import { expectRefused, type HostileCase } from './hostile-case.js'

const A = 'aaaa00000001'
const B = 'bbbb00000002'
const C = 'cccc00000003'

/** Three good revisions in a line, each creating a table (`ta`, `tb`, `tc`). */
function line(overrides: Partial<Record<string, Partial<RevisionFixture>>> = {}): RevisionFixture[] {
  const base: RevisionFixture[] = [
    { id: A, message: 'create ta', upgrade: "await op.execute('CREATE TABLE ta (id INTEGER)')", downgrade: "await op.execute('DROP TABLE ta')" },
    { id: B, down: A, message: 'create tb', upgrade: "await op.execute('CREATE TABLE tb (id INTEGER)')", downgrade: "await op.execute('DROP TABLE tb')" },
    { id: C, down: B, message: 'create tc', upgrade: "await op.execute('CREATE TABLE tc (id INTEGER)')", downgrade: "await op.execute('DROP TABLE tc')" },
  ]
  return base.map((r) => ({ ...r, ...overrides[r.id] }))
}

/** The third revision's upgrade body replaced by `code`. */
const third = (code: string): RevisionFixture[] => line({ [C]: { upgrade: code } })

const upgrade = ['upgrade', 'head']
const cannotLoad = (id: string) => new RegExp(`^cannot load revision ${id} \\(.*${id}_create_t[abc]\\.ts\\): `)

export const SCRIPT_CASES: readonly HostileCase[] = [
  // Broken scripts, found before anything runs.
  { name: 'a syntax error in the third revision', revisions: line(), edits: { [C]: (t) => t.replace('export async function upgrade(op: Operations) {', 'export async function upgrade(op: Operations) {{ (') }, args: upgrade, code: 2, errorCode: 'E_REVISION', error: cannotLoad(C) },
  { name: 'the third revision exports no upgrade', revisions: line(), edits: { [C]: (t) => t.replace('function upgrade(', 'function upgrayedd(') }, args: upgrade, code: 2, errorCode: 'E_REVISION', error: /^revision cccc00000003 \(.*\) does not export an upgrade\(op\) function/ },
  { name: 'the third revision throws on import', revisions: line(), edits: { [C]: (t) => `${t}\nthrow new Error('refusing to load')\n` }, args: upgrade, code: 2, errorCode: 'E_REVISION', error: /^cannot load revision cccc00000003 .*refusing to load/ },
  { name: 'the third revision exports upgrade as a number', revisions: line(), edits: { [C]: (t) => t.replace('export async function upgrade(op: Operations) {', 'export const upgrade = 5\nasync function unused(op: Operations) {') }, args: upgrade, code: 2, errorCode: 'E_REVISION', error: /does not export an upgrade\(op\) function/ },
  { name: 'the third revision imports a missing module', revisions: line(), edits: { [C]: (t) => `import './no-such-module.js'\n${t}` }, args: upgrade, code: 2, errorCode: 'E_REVISION', error: cannotLoad(C) },
  { name: 'the second revision has a type-only syntax error (unclosed string)', revisions: line(), edits: { [B]: (t) => t.replace("'CREATE TABLE tb (id INTEGER)'", "'CREATE TABLE tb (id INTEGER)") }, args: upgrade, code: 2, errorCode: 'E_REVISION', error: cannotLoad(B) },
  { name: 'a broken downgrade is found before the first step down', revisions: line(), edits: { [A]: (t) => t.replace('export async function downgrade(op: Operations) {', 'export async function downgrade(op: Operations) {{ (') }, prepare: (ctx) => ctx.ok(['upgrade', 'head']), args: ['downgrade', 'base'], code: 2, errorCode: 'E_REVISION', error: cannotLoad(A) },
  { name: 'a missing downgrade export when stepping down past it', revisions: line(), edits: { [A]: (t) => t.replace('function downgrade(', 'function downgraded(') }, prepare: (ctx) => ctx.ok(['upgrade', 'head']), args: ['downgrade', 'base'], code: 2, errorCode: 'E_REVISION', error: /^revision aaaa00000001 \(.*\) does not export a downgrade\(op\) function/ },
  // Failures while running: rolled back whole (SQLite's DDL is transactional).
  { name: 'the first revision runs invalid SQL', revisions: line({ [A]: { upgrade: "await op.execute('CREATE TABLE ta (id INTEGER')" } }), args: upgrade, code: 1, errorCode: 'E_MIGRATION_FAILED', error: /^upgrade aaaa00000001 \(create ta\) failed at statement "CREATE TABLE ta \(id INTEGER": / },
  { name: 'a revision throws an Error', revisions: line({ [A]: { upgrade: "throw new Error('no, not today')" } }), args: upgrade, code: 1, errorCode: 'E_MIGRATION_FAILED', error: /^upgrade aaaa00000001 \(create ta\) failed: no, not today$/ },
  { name: 'a revision throws a string', revisions: line({ [A]: { upgrade: "throw 'plain string'" } }), args: upgrade, code: 1, errorCode: 'E_MIGRATION_FAILED', error: /^upgrade aaaa00000001 \(create ta\) failed: plain string$/ },
  { name: 'a revision rejects with undefined', revisions: line({ [A]: { upgrade: 'await Promise.reject(undefined)' } }), args: upgrade, code: 1, errorCode: 'E_MIGRATION_FAILED', error: /^upgrade aaaa00000001 \(create ta\) failed: undefined$/ },
  { name: 'a revision inserts into a table that does not exist', revisions: line({ [A]: { upgrade: "await op.execute('INSERT INTO nope (id) VALUES (1)')" } }), args: upgrade, code: 1, errorCode: 'E_MIGRATION_FAILED', error: /failed at statement "INSERT INTO nope \(id\) VALUES \(1\)": no such table: nope$/ },
  { name: 'a forgotten await on a failing op', revisions: line({ [A]: { upgrade: "void op.execute('CREATE TABLE ta (id INTEGER'); await op.execute('CREATE TABLE tz (id INTEGER)')" } }), args: upgrade, code: 1, errorCode: 'E_MIGRATION_FAILED', error: /^upgrade aaaa00000001 \(create ta\) failed at statement "CREATE TABLE ta \(id INTEGER": / },
  { name: 'the third revision fails after two applied, in one transaction for the run', config: (url) => `export default { url: ${JSON.stringify(url)}, transactionPerMigration: false }\n`, revisions: third("await op.execute('CREATE TABLE tc (id INTEGER')"), args: upgrade, code: 1, errorCode: 'E_MIGRATION_FAILED', error: /^upgrade cccc00000003 \(create tc\) failed at statement/ },
  { name: 'createTable of a table the revision already made', revisions: line({ [A]: { upgrade: "const { t } = await import('athanor'); await op.createTable('dup', { id: t.integer() }); await op.createTable('dup', { id: t.integer() })" } }), args: upgrade, code: 1, errorCode: 'E_MIGRATION_FAILED', error: /failed at statement "CREATE TABLE "dup" .*": table "dup" already exists$/ },
  { name: 'createTable with no columns', revisions: line({ [A]: { upgrade: "await op.createTable('empty', {})" } }), args: upgrade, code: 1, errorCode: 'E_MIGRATION_FAILED', error: /failed at statement "CREATE TABLE "empty" \( \)": near "\)": syntax error$/ },
  { name: 'dropTable of a table that does not exist', revisions: line({ [A]: { upgrade: "await op.dropTable('never_made')" } }), args: upgrade, code: 1, errorCode: 'E_MIGRATION_FAILED', error: /failed at statement "DROP TABLE "never_made"": no such table: never_made$/ },
  { name: 'an op on the sentinel that breaks half way', revisions: line({ [A]: { upgrade: "await op.execute('DELETE FROM hostile_sentinel'); await op.execute('SELECT * FROM nope')" } }), args: upgrade, code: 1, errorCode: 'E_MIGRATION_FAILED', error: /failed at statement "SELECT \* FROM nope"/ },
  // Headers that the static parser cannot read.
  { name: 'a revision id computed at run time', revisions: line(), edits: { [A]: (t) => t.replace("export const revision = 'aaaa00000001'", "export const revision = 'aaaa' + '00000001'") }, args: upgrade, code: 2, errorCode: 'E_REVISION', error: /aaaa00000001_create_ta\.ts/ },
  { name: 'a revision file with no revision export', revisions: line(), edits: { [A]: (t) => t.replace("export const revision = 'aaaa00000001'\n", '') }, args: upgrade, code: 2, errorCode: 'E_REVISION', error: /aaaa00000001_create_ta\.ts/ },
  { name: 'a revision id of a number', revisions: line(), edits: { [A]: (t) => t.replace("export const revision = 'aaaa00000001'", 'export const revision = 12345') }, args: upgrade, code: 2, errorCode: 'E_REVISION', error: /aaaa00000001_create_ta\.ts/ },
  { name: 'downRevision of a number', revisions: line(), edits: { [B]: (t) => t.replace("= 'aaaa00000001'", '= 1') }, args: upgrade, code: 2, errorCode: 'E_REVISION', error: /bbbb00000002_create_tb\.ts/ },
  { name: 'branchLabels of a number', revisions: line(), edits: { [B]: (t) => t.replace('branchLabels: string[] | null = null', 'branchLabels = 7') }, args: upgrade, code: 2, errorCode: 'E_REVISION', error: /bbbb00000002_create_tb\.ts/ },
  { name: 'a downRevision of an empty string', revisions: line(), edits: { [B]: (t) => t.replace("= 'aaaa00000001'", "= ''") }, args: upgrade, code: 2, errorCode: 'E_REVISION', error: /bbbb00000002/ },
  { name: 'an empty file among the revisions', revisions: line(), files: { 'migrations/versions/dddd00000004_empty.ts': '' }, args: upgrade, code: 2, errorCode: 'E_REVISION', error: /dddd00000004_empty\.ts/ },
  { name: 'a revision id with a path in it', revisions: line(), edits: { [C]: (t) => t.replace("export const revision = 'cccc00000003'", "export const revision = '../../etc'") }, args: upgrade, code: 2, errorCode: 'E_REVISION', error: /\.\.\/\.\.\/etc/ },
]

export const GRAPH_CASES: readonly HostileCase[] = [
  { name: 'two files with the same revision id', revisions: [...line(), { id: A, message: 'again' }], args: upgrade, code: 2, errorCode: 'E_REVISION', error: /aaaa00000001/ },
  { name: 'a parent no file defines', revisions: line({ [B]: { down: 'ffff00000009' } }), args: upgrade, code: 2, errorCode: 'E_REVISION', error: /ffff00000009/ },
  { name: 'a revision that is its own parent', revisions: line({ [A]: { down: A } }), args: upgrade, code: 2, errorCode: 'E_REVISION', error: /aaaa00000001/ },
  { name: 'a cycle of two', revisions: line({ [A]: { down: B } }), args: upgrade, code: 2, errorCode: 'E_REVISION', error: /cycle/ },
  { name: 'a cycle of three behind a root', revisions: [{ id: 'dddd00000004', message: 'root' }, ...line({ [A]: { down: C } })], args: upgrade, code: 2, errorCode: 'E_REVISION', error: /cycle/ },
  { name: 'dependsOn a revision no file defines', revisions: line({ [C]: { dependsOn: ['eeee00000005'] } }), args: upgrade, code: 2, errorCode: 'E_REVISION', error: /eeee00000005/ },
  { name: 'dependsOn its own descendant', revisions: line({ [A]: { dependsOn: [C] } }), args: upgrade, code: 2, errorCode: 'E_REVISION', error: /cycle/ },
  { name: 'one branch label on two revisions', revisions: line({ [A]: { branchLabels: ['core'] }, [B]: { branchLabels: ['core'] } }), args: upgrade, code: 2, errorCode: 'E_REVISION', error: /core/ },
  { name: 'a branch label that is a revision id', revisions: line({ [B]: { branchLabels: [A] } }), args: upgrade, code: 2, errorCode: 'E_REVISION', error: /aaaa00000001/ },
  { name: 'head with two heads', revisions: [...line(), { id: 'dddd00000004', down: A, message: 'fork' }], args: upgrade, code: 2, errorCode: 'E_MULTIPLE_HEADS', error: /^"head" is ambiguous: there are 2 heads: / },
  { name: 'a merge of a revision no file defines', revisions: [...line(), { id: 'dddd00000004', down: [C, 'ffff00000009'], message: 'merge' }], args: upgrade, code: 2, errorCode: 'E_REVISION', error: /ffff00000009/ },
]

describe('hostile revision files on sqlite', () => {
  it.each(SCRIPT_CASES)('$name', (c) => expectRefused(c, 'sqlite'))
})

describe('hostile graphs on sqlite', () => {
  it.each(GRAPH_CASES)('$name', (c) => expectRefused(c, 'sqlite'))
})
