import { join } from 'node:path'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Athanor } from '../../src/api.js'
import athanor from '../../src/integrations/fastify.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'
import { linearRevisions, revisionId, writeMigrationProject, type MigrationProject } from '../support/migration-project.js'

let db: TestDatabase
let project: MigrationProject
let app: FastifyInstance
beforeEach(async () => {
  db = await createTestDatabase('sqlite')
  project = await writeMigrationProject(linearRevisions(2))
  app = Fastify()
})
afterEach(async () => {
  await app.close()
  await db.drop()
  project.remove()
})

const config = () => ({ url: db.url, migrations: join(project.dir, 'migrations') })

describe('athanor/fastify (sqlite)', () => {
  it('upgrades before the app is ready, decorates app.athanor, and serves the status route over HTTP', async () => {
    await app.register(athanor, { config: config(), onStart: 'upgrade', status: { path: '/db/status' } })
    app.get('/heads', async () => app.athanor.heads())
    const address = await app.listen({ port: 0, host: '127.0.0.1' })
    const status = await fetch(`${address}/db/status`)
    expect(status.status).toBe(200)
    expect(await status.json()).toEqual({ current: [revisionId(2)], heads: [revisionId(2)], upToDate: true, pending: [], unknown: [] })
    const heads = (await (await fetch(`${address}/heads`)).json()) as Array<{ revision: string }>
    expect(heads.map((h) => h.revision)).toEqual([revisionId(2)])
  })

  it('serves no status route unless asked', async () => {
    await app.register(athanor, { config: config() })
    const address = await app.listen({ port: 0, host: '127.0.0.1' })
    expect((await fetch(`${address}/db/status`)).status).toBe(404)
  })

  it("with 'require-up-to-date' on a database behind, registering fails with the policy's error", async () => {
    await expect(app.register(athanor, { config: config(), onStart: 'require-up-to-date' })).rejects.toThrow(
      'the database is behind the code: 2 revisions to apply',
    )
  })

  it("with 'require-up-to-date' registered without await, listen() fails and nothing is served", async () => {
    void app.register(athanor, { config: config(), onStart: 'require-up-to-date' })
    await expect(app.listen({ port: 0, host: '127.0.0.1' })).rejects.toThrow('the database is behind the code')
    expect(app.server.listening).toBe(false)
  })

  it("with 'none' the status route answers 503 and lists what is pending", async () => {
    await app.register(athanor, { config: config(), onStart: 'none', status: { path: '/db/status' } })
    const reply = await app.inject({ method: 'GET', url: '/db/status' })
    expect(reply.statusCode).toBe(503)
    expect(reply.json()).toMatchObject({ current: [], upToDate: false, pending: [{ revision: revisionId(1) }, { revision: revisionId(2) }] })
  })

  it('closes the Athanor it made with the app, and leaves one it was given open', async () => {
    const given = new Athanor(config())
    const closed: string[] = []
    const close = given.close.bind(given)
    given.close = async () => {
      closed.push('given')
      await close()
    }
    await app.register(athanor, { athanor: given })
    await app.ready()
    expect(app.athanor).toBe(given)
    await app.close()
    expect(closed).toEqual([])
  })

  it('logs each applied revision through the app logger', async () => {
    const lines: string[] = []
    app = Fastify({ logger: { level: 'info', stream: { write: (line: string) => void lines.push(line) } } })
    await app.register(athanor, { config: config() })
    await app.ready()
    const messages = lines.map((line) => (JSON.parse(line) as { msg: string }).msg)
    expect(messages).toEqual(expect.arrayContaining([`athanor: up ${revisionId(1)} step 1`, `athanor: up ${revisionId(2)} step 2`]))
  })
})
