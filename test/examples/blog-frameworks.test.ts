import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from '../support/databases.js'
import { FRAMEWORKS, startBlog, type Framework, type RunningBlog } from './blog-process.js'
import { blogRevisions } from './blog-revisions.js'

const cases: Array<{ framework: Framework; kind: TestDatabaseKind }> = FRAMEWORKS.flatMap((framework) =>
  (['sqlite', 'postgres'] as const).map((kind) => ({ framework, kind })),
)

let revisions: string[]
beforeAll(async () => {
  revisions = await blogRevisions()
})

describe.each(cases)("the example blog on $framework with onStart 'upgrade' ($kind)", ({ framework, kind }) => {
  let db: TestDatabase
  let blog: RunningBlog | undefined
  beforeEach(async () => {
    db = await createTestDatabase(kind)
  })
  afterEach(async () => {
    await blog?.stop()
    blog = undefined
    await db.drop()
  })

  it('upgrades an empty database, reports it on the status route and serves the seeded posts over HTTP', { timeout: 120_000 }, async () => {
    blog = await startBlog(framework, { DATABASE_URL: db.url, ATHANOR_ON_START: 'upgrade' })
    expect(blog.stdout()).toContain(`athanor: up ${revisions[0]} create blog tables`)

    const status = await fetch(`${blog.url}/db/status`)
    expect(status.status).toBe(200)
    const head = revisions[revisions.length - 1]
    expect(await status.json()).toEqual({ current: [head], heads: [head], upToDate: true, pending: [], unknown: [] })

    const posts = await fetch(`${blog.url}/api/posts`)
    expect(posts.status).toBe(200)
    expect(await posts.json()).toEqual([
      { id: 2, title: 'Shipping on a Friday', status: 'published', author: 'Grace Hopper', tags: ['typescript'], commentCount: 1 },
      { id: 1, title: 'Notes on the analytical engine', status: 'published', author: 'Ada Lovelace', tags: ['databases', 'migrations'], commentCount: 0 },
    ])
  })

  it('writes a post and a comment through the JSON API and reads them back', { timeout: 120_000 }, async () => {
    blog = await startBlog(framework, { DATABASE_URL: db.url })
    const post = (b: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) })
    const created = await fetch(`${blog.url}/api/posts`, post({ authorId: 1, title: 'Hello', body: 'World', tags: ['news', 'typescript'] }))
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: number }
    const comment = await fetch(`${blog.url}/api/posts/${id}/comments`, post({ authorId: 2, body: 'Welcome' }))
    expect(comment.status).toBe(201)
    expect(await (await fetch(`${blog.url}/api/posts/${id}`)).json()).toEqual({
      id,
      title: 'Hello',
      body: 'World',
      status: 'published',
      author: 'Ada Lovelace',
      tags: ['news', 'typescript'],
      commentCount: 1,
      comments: [{ id: expect.any(Number), author: 'Grace Hopper', body: 'Welcome' }],
    })
    const refused = await fetch(`${blog.url}/api/posts/${id}/comments`, post({ authorId: 99, body: 'who?' }))
    expect(refused.status).toBe(400)
    expect(await refused.json()).toEqual({ error: 'no user 99' })
    expect((await fetch(`${blog.url}/api/posts/12345`)).status).toBe(404)
  })
})
