import 'reflect-metadata'
import { join } from 'node:path'
import { Controller, Get, Inject, Module, type INestApplication } from '@nestjs/common'
import { NestFactory } from '@nestjs/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Athanor } from '../../src/api.js'
import { AthanorModule, type AthanorModuleOptions } from '../../src/integrations/nestjs.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'
import { linearRevisions, revisionId, writeMigrationProject, type MigrationProject } from '../support/migration-project.js'

let db: TestDatabase
let project: MigrationProject
let app: INestApplication | undefined
beforeEach(async () => {
  db = await createTestDatabase('sqlite')
  project = await writeMigrationProject(linearRevisions(2))
})
afterEach(async () => {
  await app?.close()
  app = undefined
  await db.drop()
  project.remove()
})

const config = () => ({ url: db.url, migrations: join(project.dir, 'migrations') })

/** A controller in the application's own module, injecting the Athanor (decorators applied as calls: this file is compiled without them). */
class CurrentController {
  constructor(readonly athanor: Athanor) {}
  current(): Promise<string[]> {
    return this.athanor.current()
  }
}
Inject(Athanor)(CurrentController, undefined, 0)
Get('current')(CurrentController.prototype, 'current', Object.getOwnPropertyDescriptor(CurrentController.prototype, 'current')!)
Controller()(CurrentController)

function appModule(athanorModule: ReturnType<typeof AthanorModule.forRoot>): new () => object {
  class AppModule {}
  Module({ imports: [athanorModule], controllers: [CurrentController] })(AppModule)
  return AppModule
}

async function start(athanorModule: ReturnType<typeof AthanorModule.forRoot>): Promise<string> {
  app = await NestFactory.create(appModule(athanorModule), { logger: false })
  await app.listen(0, '127.0.0.1')
  return (await app.getUrl()).replace('[::1]', '127.0.0.1')
}

describe('athanor/nestjs (sqlite)', () => {
  it('forRoot: upgrades in onApplicationBootstrap, injects Athanor, serves the status route over HTTP', async () => {
    const base = await start(AthanorModule.forRoot({ config: config(), onStart: 'upgrade', status: { path: '/db/status' } }))
    const status = await fetch(`${base}/db/status`)
    expect(status.status).toBe(200)
    expect(await status.json()).toEqual({ current: [revisionId(2)], heads: [revisionId(2)], upToDate: true, pending: [], unknown: [] })
    expect(await (await fetch(`${base}/current`)).json()).toEqual([revisionId(2)])
  })

  it("forRoot with 'require-up-to-date' on a database behind: listen() rejects and nothing is served", async () => {
    app = await NestFactory.create(appModule(AthanorModule.forRoot({ config: config(), onStart: 'require-up-to-date' })), { logger: false })
    await expect(app.listen(0, '127.0.0.1')).rejects.toThrow('the database is behind the code: 2 revisions to apply')
    expect(app.getHttpServer().listening).toBe(false)
  })

  it('forRootAsync: the options come from a factory with injected values', async () => {
    const SETTINGS = Symbol('settings')
    class SettingsModule {}
    Module({ providers: [{ provide: SETTINGS, useValue: config() }], exports: [SETTINGS] })(SettingsModule)
    const base = await start(
      AthanorModule.forRootAsync({
        imports: [SettingsModule],
        inject: [SETTINGS],
        useFactory: (settings: AthanorModuleOptions['config']) => ({ config: settings, onStart: 'upgrade' }),
        status: { path: '/health/db' },
      }),
    )
    const status = await fetch(`${base}/health/db`)
    expect(status.status).toBe(200)
    expect(((await status.json()) as { current: string[] }).current).toEqual([revisionId(2)])
  })

  it("with 'none' the status route answers 503 and lists what is pending", async () => {
    const base = await start(AthanorModule.forRoot({ config: config(), onStart: 'none', status: { path: '/db/status' } }))
    const status = await fetch(`${base}/db/status`)
    expect(status.status).toBe(503)
    expect(((await status.json()) as { pending: unknown[] }).pending).toHaveLength(2)
  })
})
