/**
 * `athanor lint` on the command line: exit codes, the text a reviewer
 * reads (rule, why, safe form, the reasons of what is allowed), `--json`,
 * `--all`, a range, and a database that cannot be reached.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { athanor } from '../cli/cli-in-process.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'
import { lintProject, type LintProject } from './lint-project.js'

describe('athanor lint (sqlite)', () => {
  let db: TestDatabase
  let project: LintProject

  beforeEach(async () => {
    db = await createTestDatabase('sqlite')
    project = lintProject(db.url)
    project.write({ id: 'aaaa00000001', down: null, upgrade: "await op.createTable('account', { id: t.integer().primaryKey(), name: t.text(), legacy: t.text() })" })
    project.write({ id: 'bbbb00000002', down: 'aaaa00000001', upgrade: "await op.dropColumn('account', 'legacy', { lint: { allow: ['drop-column'], reason: 'release 41 stopped reading legacy' } })" })
    project.write({ id: 'cccc00000003', down: 'bbbb00000002', upgrade: "await op.alterColumn('account', 'name', { nullable: false, existingType: t.text() })" })
  })
  afterEach(async () => {
    project.cleanup()
    await db.drop()
  })

  it('reads the ops of every pending revision, prints the rule, why and safe form, and the reason of what an op allows', async () => {
    const run = await athanor(project.dir, ['lint'])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toContain('sqlite-table-rebuild')
    expect(run.stdout).toContain('cccc00000003')
    expect(run.stdout).toMatch(/why: .*move-and-copy/)
    expect(run.stdout).toMatch(/safe: .*batchAlterTable/)
    expect(run.stdout).toContain('allowed drop-column in bbbb00000002 (drop_column legacy on account): release 41 stopped reading legacy [op lint.allow]')
    // Not applied yet: the table is not in the database, so the finding is a note.
    expect(run.stdout).toMatch(/^note sqlite-table-rebuild/m)
  })

  it('exits 1 on an error-level finding, and --json is the result document', async () => {
    project.write({ id: 'dddd00000004', down: 'cccc00000003', upgrade: "await op.execute('CREATE FULLTEXT INDEX ft ON account (name)')" })
    writeFileSync(join(project.dir, 'athanor.config.ts'), "export default { url: 'mysql://root@127.0.0.1:1/nope' }\n")
    const run = await athanor(project.dir, ['lint', '--json'])
    expect(run.code).toBe(1)
    const doc = JSON.parse(run.stdout)
    expect(doc.database.reachable).toBe(false)
    expect(doc.revisions).toEqual(['aaaa00000001', 'bbbb00000002', 'cccc00000003', 'dddd00000004'])
    expect(doc.errors).toBe(1)
    expect(doc.findings.map((f: { rule: string }) => f.rule)).toContain('mysql-fulltext-build')
    expect(doc.silenced.map((f: { silenced: { reason: string } }) => f.silenced.reason)).toEqual(['release 41 stopped reading legacy'])
    expect(doc.notes.join('\n')).toMatch(/could not be reached/)
    const text = await athanor(project.dir, ['lint'])
    expect(text.code).toBe(1)
    expect(text.stderr).toContain('error: lint found 1 error')
  })

  it('silences a rule from the config with the reason it prints, and lints a range or --all', async () => {
    await athanor(project.dir, ['upgrade', 'bbbb00000002'])
    writeFileSync(
      join(project.dir, 'athanor.config.ts'),
      `export default { url: ${JSON.stringify(db.url)}, lint: { smallTableRows: 0, allow: [{ rule: 'sqlite-table-rebuild', table: 'account', reason: 'account is rebuilt at night' }] } }\n`,
    )
    const pending = JSON.parse((await athanor(project.dir, ['lint', '--json'])).stdout)
    expect(pending.revisions).toEqual(['cccc00000003'])
    expect(pending.findings).toEqual([])
    expect(pending.silenced[0]).toMatchObject({ rule: 'sqlite-table-rebuild', silenced: { by: 'config', reason: 'account is rebuilt at night' } })
    const text = await athanor(project.dir, ['lint'])
    expect(text.stdout).toContain('account is rebuilt at night [config lint.allow]')
    const all = JSON.parse((await athanor(project.dir, ['lint', '--all', '--json'])).stdout)
    expect(all.revisions).toHaveLength(3)
    const range = JSON.parse((await athanor(project.dir, ['lint', 'aaaa00000001:bbbb00000002', '--json'])).stdout)
    expect(range.revisions).toEqual(['aaaa00000001', 'bbbb00000002'])
  })

  it('refuses a config allow entry without a reason', async () => {
    writeFileSync(join(project.dir, 'athanor.config.ts'), `export default { url: ${JSON.stringify(db.url)}, lint: { allow: [{ rule: 'drop-column' }] } }\n`)
    const run = await athanor(project.dir, ['lint'])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/lint\.allow.*reason/)
  })
})

describe('athanor lint with the server version assumed', () => {
  it('applies version rules from lint.serverVersion when PostgreSQL cannot be reached', async () => {
    const project = lintProject('postgres://postgres@127.0.0.1:1/nope')
    try {
      project.write({ id: 'aaaa00000001', down: null, upgrade: "await op.addEnumValue('mood', 'meh')\n  await op.autocommitBlock(async () => { await op.addEnumValue('mood', 'ok') })" })
      const old = await project.athanor({ lint: { serverVersion: '11' } }).lint()
      expect(old.database).toMatchObject({ reachable: false, version: '11.0' })
      expect(old.findings.map((f) => [f.rule, f.op])).toEqual([['pg-enum-value-in-transaction', 'add_enum_value meh to mood']])
      const current = await project.athanor({ lint: { serverVersion: '15' } }).lint()
      expect(current.findings).toEqual([])
    } finally {
      project.cleanup()
    }
  })
})
