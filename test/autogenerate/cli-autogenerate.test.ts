/**
 * `revision --autogenerate` and `check` through the CLI, on a project `init`
 * wrote, against its SQLite database.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { athanor, ok } from '../cli/cli-in-process.js'
import { athanor as athanorProcess } from '../cli/cli-process.js'
import { tempDir } from '../cli/cli-project.js'

let project: { dir: string; cleanup(): void }
beforeEach(async () => {
  project = tempDir('athanor-autogen-cli-')
  await ok(project.dir, ['init'])
})
afterEach(() => project.cleanup())

const versions = (): string[] => readdirSync(join(project.dir, 'migrations', 'versions')).filter((f) => f.endsWith('.ts'))

function addBioColumn(): void {
  const path = join(project.dir, 'src', 'models.ts')
  writeFileSync(path, readFileSync(path, 'utf8').replace('email: t.string(255).notNull().unique(),', 'email: t.string(255).notNull().unique(),\n    bio: t.text(),'))
}

describe('processRevisionDirectives in the config', () => {
  function addColumns(): void {
    const path = join(project.dir, 'src', 'models.ts')
    writeFileSync(path, readFileSync(path, 'utf8').replace('email: t.string(255).notNull().unique(),', 'email: t.string(255).notNull().unique(),\n    bio: t.text(),\n    nickname: t.string(40),'))
  }
  function withHook(body: string): void {
    const path = join(project.dir, 'athanor.config.ts')
    writeFileSync(path, readFileSync(path, 'utf8').replace('  postWrite: [],', `  postWrite: [],\n  processRevisionDirectives: (d) => { ${body} },`))
  }

  it('sees the ops before they are rendered; emptying them writes no revision', async () => {
    await ok(project.dir, ['revision', '--autogenerate', '-m', 'initial'])
    await ok(project.dir, ['upgrade', 'head'])
    addColumns()
    // SQLite groups one table's changes into a batch op: the hook sees that op.
    withHook("if (!d.upgradeOps.some((op) => op.kind === 'batch_alter_table')) throw new Error('no batch op seen'); d.upgradeOps = []")
    const run = await athanor(project.dir, ['revision', '--autogenerate', '-m', 'nothing kept'])
    expect(run.stderr).toBe('')
    expect(versions()).toHaveLength(1)
  })

  it('writes no revision when it sets skip', async () => {
    await ok(project.dir, ['revision', '--autogenerate', '-m', 'initial'])
    await ok(project.dir, ['upgrade', 'head'])
    addColumns()
    withHook('d.skip = d.message.includes("later")')
    await ok(project.dir, ['revision', '--autogenerate', '-m', 'later'])
    expect(versions()).toHaveLength(1)
  })
})

describe('athanor revision --autogenerate', () => {
  it('writes the initial migration from the models against an empty database', async () => {
    const out = await ok(project.dir, ['revision', '--autogenerate', '-m', 'initial'])
    expect(out).toMatch(/Generating migrations\/versions\/[0-9a-f]{12}_initial\.ts \.\.\. done/)
    const [file] = versions()
    const source = readFileSync(join(project.dir, 'migrations', 'versions', file!), 'utf8')
    expect(source).toContain("await op.createTable('users', {")
    expect(source).toContain("await op.dropTable('users')")
  })

  it('writes nothing and says so when the database matches the models, unless --allow-empty', async () => {
    await ok(project.dir, ['revision', '--autogenerate', '-m', 'initial'])
    await ok(project.dir, ['upgrade', 'head'])
    const out = await ok(project.dir, ['revision', '--autogenerate', '-m', 'nothing'])
    expect(out).toMatch(/No changes in schema detected/)
    expect(versions()).toHaveLength(1)
    await ok(project.dir, ['revision', '--autogenerate', '-m', 'empty', '--allow-empty'])
    expect(versions()).toHaveLength(2)
  })

  it('refuses when the database is not at the head, saying why', async () => {
    await ok(project.dir, ['revision', '--autogenerate', '-m', 'initial'])
    const run = await athanor(project.dir, ['revision', '--autogenerate', '-m', 'again'])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/error: the database is not up to date: it is at base/)
    expect(run.stderr).toMatch(/hint: run `athanor upgrade head` first/)
  })

  it('lists data-loss steps as warnings', async () => {
    await ok(project.dir, ['revision', '--autogenerate', '-m', 'initial'])
    await ok(project.dir, ['upgrade', 'head'])
    addBioColumn()
    await ok(project.dir, ['revision', '--autogenerate', '-m', 'bio'])
    await ok(project.dir, ['upgrade', 'head'])
    const path = join(project.dir, 'src', 'models.ts')
    writeFileSync(path, readFileSync(path, 'utf8').replace('\n    bio: t.text(),', ''))
    const run = await athanor(project.dir, ['revision', '--autogenerate', '-m', 'drop bio'])
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/warning: .*drops column "bio"/)
  })
})

describe('athanor revision --autogenerate with a renamed column', () => {
  function renameEmail(): void {
    const path = join(project.dir, 'src', 'models.ts')
    writeFileSync(path, readFileSync(path, 'utf8').replace('email: t.string(255)', 'login: t.string(255)'))
  }
  const newest = () => readFileSync(join(project.dir, 'migrations', 'versions', versions().find((f) => f.includes('rename'))!), 'utf8')

  it('writes the rename with a review note and a warning when no flag decides and no terminal can ask', async () => {
    await ok(project.dir, ['revision', '--autogenerate', '-m', 'initial'])
    await ok(project.dir, ['upgrade', 'head'])
    renameEmail()
    // A process of its own, whose stdin and stdout are pipes: the test runner's may be a terminal.
    const run = athanorProcess(project.dir, ['revision', '--autogenerate', '-m', 'rename'])
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/warning: review: column users.email -> login was written as a rename/)
    expect(newest()).toMatch(/\/\/ review: column "email" disappeared[^\n]*\n {2}await op.alterColumn\('users', 'email', \{\n {4}newName: 'login',/)
  })

  it('writes drop + add for --no-rename, and a plain rename for --rename', async () => {
    await ok(project.dir, ['revision', '--autogenerate', '-m', 'initial'])
    await ok(project.dir, ['upgrade', 'head'])
    renameEmail()
    await ok(project.dir, ['revision', '--autogenerate', '-m', 'rename no', '--no-rename', 'email=login'])
    const dropAdd = newest()
    // SQLite: the table's changes form one batch, and the added unique constraint gets a name the downgrade can drop.
    expect(dropAdd).toContain("b.dropColumn('email')")
    expect(dropAdd).toContain("b.createUniqueConstraint('uq_users_login', ['login'])")
    expect(dropAdd).toContain("b.dropConstraint('uq_users_login', { type: 'unique' })")
    expect(dropAdd).not.toContain('newName')
    rmSync(join(project.dir, 'migrations', 'versions', versions().find((f) => f.includes('rename'))!))
    const json = JSON.parse(await ok(project.dir, ['revision', '--autogenerate', '-m', 'rename yes', '--rename', 'users.email=users.login', '--json']))
    expect(json.renames).toEqual([{ kind: 'column', table: 'users', schema: null, from: 'email', to: 'login', decision: 'rename' }])
    expect(json.diffs).toEqual([{ kind: 'rename_column', table: 'users', column: 'login', detail: 'email -> login' }])
    expect(newest()).not.toContain('// review:')
  })

  it('refuses a --rename pair that names no vanished/appeared pair, exit 2, writing nothing', async () => {
    await ok(project.dir, ['revision', '--autogenerate', '-m', 'initial'])
    await ok(project.dir, ['upgrade', 'head'])
    renameEmail()
    const run = await athanor(project.dir, ['revision', '--autogenerate', '-m', 'rename typo', '--rename', 'users.emial=users.login'])
    expect(run.code).toBe(2)
    expect(run.stderr).toBe('error: --rename users.emial=users.login names no vanished/appeared pair the comparison found\nhint: the candidates are users.email=users.login\n')
    expect(versions()).toHaveLength(1)
  })
})

describe('athanor check', () => {
  it('exits 0 when the database at head matches the models', async () => {
    await ok(project.dir, ['revision', '--autogenerate', '-m', 'initial'])
    await ok(project.dir, ['upgrade', 'head'])
    const run = await athanor(project.dir, ['check'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/No new upgrade operations detected/)
  })

  it('exits 1 with the list of differences, as text and as JSON', async () => {
    await ok(project.dir, ['revision', '--autogenerate', '-m', 'initial'])
    await ok(project.dir, ['upgrade', 'head'])
    addBioColumn()
    const text = await athanor(project.dir, ['check'])
    expect(text.code).toBe(1)
    expect(text.stdout).toContain('add_column users.bio')
    const json = await athanor(project.dir, ['check', '--json'])
    expect(json.code).toBe(1)
    expect(JSON.parse(json.stdout)).toEqual({ upToDate: false, diffs: [{ kind: 'add_column', table: 'users', column: 'bio' }], notCarried: [] })
  })
})
