import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import express from 'express'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Athanor } from '../../src/api.js'
import { NotUpToDateError } from '../../src/errors.js'
import { athanorMiddleware, attachAthanor, statusRouter } from '../../src/integrations/express.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'
import { linearRevisions, revisionId, writeMigrationProject, type MigrationProject } from '../support/migration-project.js'

let db: TestDatabase
let project: MigrationProject
let server: Server | undefined
beforeEach(async () => {
  db = await createTestDatabase('sqlite')
  project = await writeMigrationProject(linearRevisions(2))
})
afterEach(async () => {
  await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())))
  server = undefined
  await db.drop()
  project.remove()
})

const config = () => ({ url: db.url, migrations: join(project.dir, 'migrations') })

async function listen(app: express.Express): Promise<string> {
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s))
  })
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

describe('athanor/express (sqlite)', () => {
  it('attachAthanor: prepare() upgrades, app.locals.athanor is set, the status route answers over HTTP', async () => {
    const app = express()
    const db = attachAthanor(app, { config: config(), onStart: 'upgrade', status: { path: '/db/status' } })
    app.get('/current', async (_req, res) => void res.json(await (app.locals['athanor'] as Athanor).current()))
    const athanor = await db.prepare()
    expect(app.locals['athanor']).toBe(athanor)
    const base = await listen(app)
    const status = await fetch(`${base}/db/status`)
    expect(status.status).toBe(200)
    expect(await status.json()).toEqual({ current: [revisionId(2)], heads: [revisionId(2)], upToDate: true, pending: [], unknown: [] })
    expect(await (await fetch(`${base}/current`)).json()).toEqual([revisionId(2)])
    await db.close()
  })

  it("prepare() rejects with the policy's error for 'require-up-to-date' on a database behind", async () => {
    const app = express()
    const db = attachAthanor(app, { config: config(), onStart: 'require-up-to-date' })
    await expect(db.prepare()).rejects.toBeInstanceOf(NotUpToDateError)
    expect(app.locals['athanor']).toBeUndefined()
  })

  it('the status route answers 503 until prepared', async () => {
    const app = express()
    attachAthanor(app, { config: config(), status: { path: '/db/status' } })
    const base = await listen(app)
    const reply = await fetch(`${base}/db/status`)
    expect(reply.status).toBe(503)
    expect(await reply.json()).toEqual({ error: { code: 'E_NOT_READY', message: 'athanor is not prepared yet' } })
  })

  it('athanorMiddleware: the first request waits for the upgrade, then statusRouter() reports it', async () => {
    const app = express()
    app.use(athanorMiddleware({ config: config() }))
    app.use('/db/status', statusRouter())
    const base = await listen(app)
    const reply = await fetch(`${base}/db/status`)
    expect(reply.status).toBe(200)
    expect(((await reply.json()) as { current: string[] }).current).toEqual([revisionId(2)])
    expect((await fetch(`${base}/db/status/other`)).status).toBe(404)
  })

  it('athanorMiddleware passes a refusal to the error handler', async () => {
    const app = express()
    app.use(athanorMiddleware({ config: config(), onStart: 'require-up-to-date' }))
    app.get('/', (_req, res) => void res.send('never'))
    app.use((error: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(500).json({ refused: error.message })
    })
    const base = await listen(app)
    const reply = await fetch(`${base}/`)
    expect(reply.status).toBe(500)
    expect(((await reply.json()) as { refused: string }).refused).toContain('the database is behind the code')
  })
})
