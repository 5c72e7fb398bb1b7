import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { athanor, ok } from './cli-in-process.js'
import { tempDir } from './cli-project.js'

let project: { dir: string; cleanup(): void }
beforeEach(() => {
  project = tempDir()
})
afterEach(() => project.cleanup())

const revisionFiles = (folder = 'migrations'): string[] =>
  readdirSync(join(project.dir, folder, 'versions')).filter((name) => name.endsWith('.ts'))

describe('athanor init DIR (alembic init DIR, flask db init -d DIR)', () => {
  it('makes DIR the migrations folder and writes the config in the current folder pointing at it', async () => {
    const out = await ok(project.dir, ['init', 'db/migrations'])
    expect(out).toContain('created  db/migrations/script.ts.tmpl')
    expect(existsSync(join(project.dir, 'db', 'migrations', 'versions', '.gitkeep'))).toBe(true)
    expect(existsSync(join(project.dir, 'migrations'))).toBe(false)
    expect(readFileSync(join(project.dir, 'athanor.config.ts'), 'utf8')).toContain("migrations: './db/migrations'")
  })

  it('gives a project whose revisions go into DIR', async () => {
    await ok(project.dir, ['init', 'alembic'])
    await ok(project.dir, ['revision', '-m', 'first'])
    expect(revisionFiles('alembic')).toEqual([expect.stringMatching(/^[0-9a-f]{12}_first\.ts$/)])
  })

  it('--json lists the files under DIR', async () => {
    const result = JSON.parse(await ok(project.dir, ['init', 'db', '--json']))
    expect(result.created).toEqual(['athanor.config.ts', 'db/script.ts.tmpl', 'db/versions/.gitkeep', 'src/models.ts'])
  })

  it('refuses the current folder itself as DIR, exit 2, writing nothing', async () => {
    const run = await athanor(project.dir, ['init', '.'])
    expect(run.code).toBe(2)
    expect(run.stderr).toBe('error: the migrations folder cannot be the project folder itself\nhint: e.g. athanor init migrations\n')
    expect(readdirSync(project.dir)).toEqual([])
  })
})

describe('athanor revision "MSG" (the message as an argument, as Flask-Alembic)', () => {
  beforeEach(async () => {
    await ok(project.dir, ['init'])
  })

  it('takes the positional argument as the message', async () => {
    const made = JSON.parse(await ok(project.dir, ['revision', 'made changes', '--json']))
    expect(made.message).toBe('made changes')
    expect(revisionFiles()).toEqual([`${made.revision}_made_changes.ts`])
  })

  it('accepts the same message given both ways', async () => {
    const made = JSON.parse(await ok(project.dir, ['revision', 'same', '-m', 'same', '--json']))
    expect(made.message).toBe('same')
  })

  it('refuses two different messages, exit 2, writing nothing', async () => {
    const run = await athanor(project.dir, ['revision', 'one', '-m', 'two'])
    expect(run.code).toBe(2)
    expect(run.stderr).toBe('error: two messages given: "one" and -m "two"\nhint: give the message once, as -m MSG or as the argument\n')
    expect(revisionFiles()).toEqual([])
  })
})

describe('athanor migrate -m MSG (flask db migrate: revision --autogenerate)', () => {
  beforeEach(async () => {
    await ok(project.dir, ['init'])
  })

  it('autogenerates a revision from the models against the database', async () => {
    const out = await ok(project.dir, ['migrate', '-m', 'create users', '--rev-id', 'aaaa00000001'])
    expect(out).toContain('Detected add_table users')
    expect(out).toContain('Generating migrations/versions/aaaa00000001_create_users.ts ... done')
    const text = readFileSync(join(project.dir, 'migrations', 'versions', 'aaaa00000001_create_users.ts'), 'utf8')
    expect(text).toContain("op.createTable('users'")
    expect(text).toContain("op.dropTable('users')")
  })

  it('writes nothing once the database matches the models', async () => {
    await ok(project.dir, ['migrate', '-m', 'create users'])
    await ok(project.dir, ['upgrade'])
    const out = await ok(project.dir, ['migrate', 'again'])
    expect(out).toContain('No changes in schema detected; no revision written')
    expect(revisionFiles()).toHaveLength(1)
  })

  it('--json prints the revision and the diffs it was written from', async () => {
    const result = JSON.parse(await ok(project.dir, ['migrate', '-m', 'create users', '--json']))
    expect(result.message).toBe('create users')
    expect(result.diffs).toEqual([expect.objectContaining({ kind: 'add_table', table: 'users' })])
  })

  it('needs a message, exit 2', async () => {
    const run = await athanor(project.dir, ['migrate'])
    expect(run.code).toBe(2)
    expect(run.stderr).toBe('error: migrate needs a message\nhint: pass -m "what this revision does"\n')
  })

  it('has no --autogenerate flag of its own: it always autogenerates', async () => {
    const run = await athanor(project.dir, ['migrate', '-m', 'x', '--autogenerate'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("error: unknown option '--autogenerate'")
  })
})
