/**
 * The blog on Express: `npx tsx src/express.ts` (from examples/blog).
 * `attachAthanor` puts the Athanor on app.locals and serves /db/status;
 * `prepare()` runs the upgrade before the app listens.
 */
import type { AddressInfo } from 'node:net'
import express, { type NextFunction, type Request, type Response } from 'express'
import { attachAthanor } from 'athanor/express'
import { migrationStatus } from 'athanor'
import { parseNewComment, parseNewPost, parsePostId } from './blog-input.js'
import { renderBlogPage } from './blog-page.js'
import { BadInput, BlogStore } from './blog-store.js'
import { announce, athanorOptions, refuseToStart, settings, stopOnSignal } from './settings.js'

async function main(): Promise<void> {
  const app = express()
  app.use(express.json())
  const db = attachAthanor(app, athanorOptions())
  const athanor = await db.prepare()
  const store = await BlogStore.open(athanor.config.url)

  app.get('/', async (_request, response) => {
    const [posts, users, status] = await Promise.all([store.listPosts(), store.listUsers(), migrationStatus(athanor)])
    response.type('html').send(renderBlogPage({ posts, users, status }))
  })
  app.get('/api/posts', async (_request, response) => void response.json(await store.listPosts()))
  app.get('/api/users', async (_request, response) => void response.json(await store.listUsers()))
  app.get('/api/posts/:id', async (request, response) => {
    const post = await store.getPost(parsePostId(request.params['id']))
    if (post === undefined) response.status(404).json({ error: 'no such post' })
    else response.json(post)
  })
  app.post('/api/posts', async (request, response) => void response.status(201).json(await store.createPost(parseNewPost(request.body))))
  app.post('/api/posts/:id/comments', async (request, response) => {
    response.status(201).json(await store.addComment(parsePostId(request.params['id']), parseNewComment(request.body)))
  })
  app.use((error: Error, _request: Request, response: Response, _next: NextFunction) => {
    response.status(error instanceof BadInput ? 400 : 500).json({ error: error.message })
  })

  const server = app.listen(settings.port, settings.host, () => {
    announce('express', `http://${settings.host}:${(server.address() as AddressInfo).port}`)
  })
  stopOnSignal(async () => {
    await new Promise((resolve) => server.close(resolve))
    await Promise.all([store.close(), db.close()])
  })
}

await main().catch(refuseToStart)
