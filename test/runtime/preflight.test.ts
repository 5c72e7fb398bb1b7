import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Athanor } from '../../src/api.js'
import { RevisionError } from '../../src/errors.js'
import { runDowngrade, runUpgrade } from '../../src/runtime/commands.js'
import { migrationState } from '../support/catalog.js'
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from '../support/databases.js'
import { linearRevisions, revisionId, runtimeOptions, writeMigrationProject, type MigrationProject } from '../support/migration-project.js'

const r = revisionId

/** Ways a revision file can be broken, each as an edit of a good file's text. */
const breakages: ReadonlyArray<{ name: string; edit: (text: string) => string; says: RegExp }> = [
  { name: 'a syntax error', edit: (text) => text.replace('export async function upgrade(op: Operations) {', 'export async function upgrade(op: Operations) {{{ ('), says: /cannot load revision/ },
  { name: 'no upgrade export', edit: (text) => text.replace('function upgrade(', 'function upgradeMisnamed('), says: /does not export an upgrade\(op\) function/ },
  { name: 'a throw on import', edit: (text) => `${text}\nthrow new Error('refusing to load')\n`, says: /cannot load revision .*refusing to load/ },
]

const KINDS: readonly TestDatabaseKind[] = ['sqlite', 'postgres', 'mysql']

describe.each(KINDS)('preflight on %s', (kind) => {
  let db: TestDatabase
  let project: MigrationProject
  beforeEach(async () => {
    db = await createTestDatabase(kind)
    project = await writeMigrationProject(linearRevisions(3))
  })
  afterEach(async () => {
    await db.drop()
    project.remove()
  })

  /** The file of the n-th revision, and a function that breaks it. */
  function fileOf(n: number): string {
    const name = readdirSync(project.versionsDir).find((file) => file.startsWith(r(n)))!
    return join(project.versionsDir, name)
  }
  function breakRevision(n: number, edit: (text: string) => string): string {
    const file = fileOf(n)
    writeFileSync(file, edit(readFileSync(file, 'utf8')))
    return file
  }

  it.each(breakages)('applies nothing when the third of three pending revisions has $name, naming its file', async ({ edit, says }) => {
    const file = breakRevision(3, edit)
    const error = await runUpgrade(project.script, 'head', runtimeOptions(db.url)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RevisionError)
    expect((error as Error).message).toMatch(says)
    expect((error as Error).message).toContain(`revision ${r(3)}`)
    expect((error as Error).message).toContain(file)
    expect(await migrationState(db)).toEqual({ rows: [], tables: [] })
  })

  it('applies nothing when one step of a single-transaction run is broken', async () => {
    breakRevision(3, breakages[1]!.edit)
    const error = await runUpgrade(project.script, 'head', runtimeOptions(db.url, { transactionPerMigration: false })).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RevisionError)
    expect(await migrationState(db)).toEqual({ rows: [], tables: [] })
  })

  it('downgrades nothing when the last revision to un-apply has no downgrade', async () => {
    await runUpgrade(project.script, 'head', runtimeOptions(db.url))
    const file = breakRevision(1, (text) => text.replace('function downgrade(', 'function downgradeMisnamed('))
    const error = await runDowngrade(project.script, 'base', runtimeOptions(db.url)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RevisionError)
    expect((error as Error).message).toContain(`revision ${r(1)} (${file}) does not export a downgrade(op) function`)
    expect(await migrationState(db)).toEqual({ rows: [r(3)], tables: ['t1', 't2', 't3'] })
  })

  it('writes no --sql script when a revision in the range is broken', async () => {
    breakRevision(2, breakages[2]!.edit)
    const rendered: string[] = []
    const options = { ...runtimeOptions(db.url), sql: true, onStep: (step: { revision: string }) => void rendered.push(step.revision) }
    const error = await runUpgrade(project.script, 'base:head', options).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RevisionError)
    expect(rendered).toEqual([])
    expect((error as Error).message).toContain(`revision ${r(2)}`)
  })

  it('applies nothing through the API either', async () => {
    breakRevision(3, breakages[0]!.edit)
    writeFileSync(join(project.dir, 'athanor.config.mjs'), "export default { migrations: './migrations' }\n")
    const athanor = await Athanor.fromConfig({ cwd: project.dir, url: db.url })
    try {
      await expect(athanor.upgrade('head')).rejects.toBeInstanceOf(RevisionError)
    } finally {
      await athanor.close()
    }
    expect(await migrationState(db)).toEqual({ rows: [], tables: [] })
  })
})
