/**
 * `athanor types`: the Kysely interface of the example blog compiles under
 * strict TypeScript and types a real query (a `tsc --noEmit` run), and the
 * live database gives the same interface as the models it was migrated to.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Athanor } from '../../../src/api.js'
import { createTestDatabase, type TestDatabase } from '../../support/databases.js'
import { athanor as runCli } from '../../cli/cli-in-process.js'

const REPO = join(import.meta.dirname, '..', '..', '..')
const BLOG_MODELS = join(REPO, 'examples', 'blog', 'src', 'models.ts')

const QUERY = `import type { Kysely } from 'kysely'
import type { Database } from './db-types.js'

export async function latestTitles(db: Kysely<Database>, email: string): Promise<{ title: string; name: string }[]> {
  return db
    .selectFrom('posts')
    .innerJoin('users', 'users.id', 'posts.author_id')
    .select(['posts.title', 'users.name'])
    .where('users.email', '=', email)
    .orderBy('posts.created_at', 'desc')
    .execute()
}

export async function addTag(db: Kysely<Database>): Promise<void> {
  // id is generated: an insert may leave it out.
  await db.insertInto('tags').values({ name: 'news' }).execute()
  // @ts-expect-error posts have no column "subtitle"
  await db.selectFrom('posts').select('subtitle').execute()
  // @ts-expect-error a post's title is a string, never null
  const title: number = (await db.selectFrom('posts').select('title').executeTakeFirstOrThrow()).title
  void title
}
`

describe('athanor types', () => {
  let db: TestDatabase | undefined
  const dirs: string[] = []
  afterEach(async () => {
    await db?.drop()
    db = undefined
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
  })

  function project(url: string): { athanor: Athanor; dir: string } {
    const dir = mkdtempSync(join(tmpdir(), 'athanor-types-'))
    dirs.push(dir)
    mkdirSync(join(dir, 'migrations', 'versions'), { recursive: true })
    return { athanor: new Athanor({ url, models: BLOG_MODELS, migrations: './migrations', cwd: dir }), dir }
  }

  it('writes an interface that compiles with Kysely and types a query against the blog tables (tsc --noEmit)', async () => {
    db = await createTestDatabase('postgres')
    const { athanor } = project(db.url)
    // Inside the repository, so that `kysely` resolves from its node_modules.
    const out = mkdtempSync(join(REPO, 'test', 'models', 'kysely', '.tsc-'))
    dirs.push(out)
    await athanor.types({ output: join(out, 'db-types.ts') })
    writeFileSync(join(out, 'query.ts'), QUERY)
    writeFileSync(join(out, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', skipLibCheck: true, types: [] },
      include: ['*.ts'],
    }))
    const tsc = spawnSync(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(out, 'tsconfig.json')], { encoding: 'utf8' })
    expect(tsc.stdout + tsc.stderr).toBe('')
    expect(tsc.status).toBe(0)
    const source = readFileSync(join(out, 'db-types.ts'), 'utf8')
    expect(source).toContain('export interface Posts {\n  id: Generated<number>\n  author_id: number\n  title: string\n  body: string\n  status: Generated<string>\n  created_at: Generated<Date>\n}')
    expect(source).toContain("export interface Database {\n  comments: Comments\n  post_tags: PostTags\n  posts: Posts\n  tags: Tags\n  users: Users\n}")
    await athanor.close()
  })

  it.each(['sqlite', 'postgres', 'mysql'] as const)('reads the same interface from a %s database migrated to the models', async (kind) => {
    db = await createTestDatabase(kind)
    const { athanor, dir } = project(db.url)
    await athanor.autogenerate('blog')
    await athanor.upgrade('head')
    const fromModels = await athanor.types()
    expect(await athanor.types({ fromDatabase: true })).toBe(fromModels)
    const cli = await runCli(dir, ['--url', db.url, 'types', '--from-database'])
    expect(cli.stdout.trim()).toBe(fromModels.trim())
    await athanor.close()
  })
})
