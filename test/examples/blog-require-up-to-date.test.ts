import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { versionRows } from '../support/catalog.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'
import { FRAMEWORKS, runBlogUntilExit, startBlog } from './blog-process.js'
import { blogRevisions, upgradeBeyondBlog, upgradeBlogDatabase } from './blog-revisions.js'

let revisions: string[]
beforeAll(async () => {
  revisions = await blogRevisions()
})

describe.each(FRAMEWORKS)("the example blog on %s with onStart 'require-up-to-date' (sqlite)", (framework) => {
  let db: TestDatabase
  beforeEach(async () => {
    db = await createTestDatabase('sqlite')
  })
  afterEach(() => db.drop())

  it('refuses to start with the database one revision behind: the documented message, exit 1, nothing changed', { timeout: 120_000 }, async () => {
    const [, second, third] = revisions
    await upgradeBlogDatabase(db.url, second as string)
    const ended = await runBlogUntilExit(framework, { DATABASE_URL: db.url, ATHANOR_ON_START: 'require-up-to-date' })
    expect(ended.code).toBe(1)
    expect(ended.stderr).toBe(
      `error: the database is behind the code: 1 revision to apply (${third} add post status)\n` +
        "hint: run `athanor upgrade` first, or start with onStart: 'upgrade'\n",
    )
    expect(ended.stdout).not.toContain('listening')
    const conn = await db.connect()
    expect(await versionRows(conn)).toEqual([second])
  })

  it('refuses to start with the database at a revision the code does not have', { timeout: 120_000 }, async () => {
    await upgradeBeyondBlog(db.url, 'feedfacecafe')
    const ended = await runBlogUntilExit(framework, { DATABASE_URL: db.url, ATHANOR_ON_START: 'require-up-to-date' })
    expect(ended.code).toBe(1)
    expect(ended.stderr).toBe(
      'error: the database is ahead of the code: it is at feedfacecafe, which no revision in the migrations folder defines\n' +
        'hint: deploy the code that has this revision, or downgrade the database with that code first\n',
    )
  })

  it('starts when the database is at the head', { timeout: 120_000 }, async () => {
    await upgradeBlogDatabase(db.url, 'head')
    const blog = await startBlog(framework, { DATABASE_URL: db.url, ATHANOR_ON_START: 'require-up-to-date' })
    try {
      expect(((await (await fetch(`${blog.url}/db/status`)).json()) as { upToDate: boolean }).upToDate).toBe(true)
      expect(blog.stdout()).not.toContain('athanor: up')
    } finally {
      await blog.stop()
    }
  })
})
