/**
 * The blog on Fastify: `npx tsx src/fastify.ts` (from examples/blog).
 * The athanor plugin upgrades the database before the app is ready and
 * serves /db/status; the routes read and write through BlogStore.
 */
import Fastify from 'fastify'
import athanor from 'athanor/fastify'
import { migrationStatus } from 'athanor'
import { parseNewComment, parseNewPost, parsePostId } from './blog-input.js'
import { renderBlogPage } from './blog-page.js'
import { BadInput, BlogStore } from './blog-store.js'
import { announce, athanorOptions, refuseToStart, settings, stopOnSignal } from './settings.js'

async function main(): Promise<void> {
  const app = Fastify()
  await app.register(athanor, athanorOptions())
  const store = await BlogStore.open(app.athanor.config.url)
  app.addHook('onClose', () => store.close())

  app.setErrorHandler((error: Error & { statusCode?: number }, _request, reply) => {
    const code = error instanceof BadInput ? 400 : (error.statusCode ?? 500)
    return reply.code(code).send({ error: error.message })
  })
  app.get('/', async (_request, reply) => {
    const [posts, users, status] = await Promise.all([store.listPosts(), store.listUsers(), migrationStatus(app.athanor)])
    return reply.type('text/html; charset=utf-8').send(renderBlogPage({ posts, users, status }))
  })
  app.get('/api/posts', () => store.listPosts())
  app.get('/api/users', () => store.listUsers())
  app.get<{ Params: { id: string } }>('/api/posts/:id', async (request, reply) => {
    const post = await store.getPost(parsePostId(request.params.id))
    return post ?? reply.code(404).send({ error: 'no such post' })
  })
  app.post('/api/posts', async (request, reply) => reply.code(201).send(await store.createPost(parseNewPost(request.body))))
  app.post<{ Params: { id: string } }>('/api/posts/:id/comments', async (request, reply) =>
    reply.code(201).send(await store.addComment(parsePostId(request.params.id), parseNewComment(request.body))),
  )

  const url = await app.listen({ port: settings.port, host: settings.host })
  announce('fastify', url)
  stopOnSignal(() => app.close())
}

await main().catch(refuseToStart)
