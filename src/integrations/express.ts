/**
 * `athanor/express`: puts an `Athanor` on `app.locals.athanor`, runs the
 * start policy in `prepare()` (await it before `listen()`), and serves an
 * optional status route.
 */
import type { Application, NextFunction, Request, RequestHandler, Response } from 'express'
import type { Athanor } from '../api.js'
import { UsageError } from '../errors.js'
import { startAthanor, startPolicyOf, statusPathOf, type AthanorIntegrationOptions, type OpenedAthanor } from './integration-options.js'
import { statusReply } from './status-reply.js'

/** Options of `attachAthanor` and `athanorMiddleware`: the common integration options. */
export type AthanorExpressOptions = AthanorIntegrationOptions

/** What `attachAthanor` returns: the start to await and the way to let go. */
export interface AthanorAttachment {
  /** Runs the start policy (once; later calls share it) and resolves to the `Athanor`. Await it before `listen()`. */
  prepare(): Promise<Athanor>
  /** Closes the `Athanor` if the integration made it. */
  close(): Promise<void>
}

/**
 * Registers athanor with an Express app: after `prepare()`,
 * `app.locals.athanor` is the `Athanor`; with `status`, a GET route at its
 * path answers the migration status (503 until prepared).
 *
 * @example
 * import express from 'express'
 * import { attachAthanor } from 'athanor/express'
 *
 * const app = express()
 * const db = attachAthanor(app, { config: './athanor.config.ts', onStart: 'upgrade', status: { path: '/db/status' } })
 * await db.prepare() // rejects when the policy refuses: the app does not start
 * app.listen(3000)
 */
export function attachAthanor(app: Application, options: AthanorExpressOptions = {}): AthanorAttachment {
  const start = startOnce(options, (athanor) => {
    app.locals['athanor'] = athanor
  })
  const statusPath = statusPathOf(options)
  if (statusPath !== undefined) app.get(statusPath, statusHandler)
  return start
}

/**
 * The same as middleware, for `app.use()`: the first request runs the start
 * policy (or `prepare()` does, before `listen()`), and every request waits
 * for it, then finds the `Athanor` on `req.app.locals.athanor`.
 *
 * @example
 * const db = athanorMiddleware({ onStart: 'require-up-to-date' })
 * app.use(db)
 * await db.prepare()
 */
export function athanorMiddleware(options: AthanorExpressOptions = {}): RequestHandler & AthanorAttachment {
  if (options.status !== undefined && options.status !== false) {
    throw new UsageError('athanorMiddleware serves no status route', { hint: "mount statusRouter() at the path: app.use('/db/status', statusRouter())" })
  }
  const start = startOnce(options, () => undefined)
  const middleware = (request: Request, _response: Response, next: NextFunction): void => {
    start.prepare().then(
      (athanor) => {
        request.app.locals['athanor'] = athanor
        next()
      },
      (error: unknown) => next(error),
    )
  }
  return Object.assign(middleware, start)
}

/**
 * A handler answering GET with the migration status of `req.app.locals.athanor`
 * (200 up to date, 503 otherwise), for `app.use(path, statusRouter())`.
 *
 * @example
 * app.use('/db/status', statusRouter())
 */
export function statusRouter(): RequestHandler {
  return (request, response, next) => {
    // Mounted with app.use, it sees every path below its own; it answers only its own.
    if (request.method !== 'GET' || (request.path !== '/' && request.path !== '')) return next()
    statusHandler(request, response)
  }
}

function statusHandler(request: Request, response: Response): void {
  const athanor = request.app.locals['athanor'] as Athanor | undefined
  if (athanor === undefined) {
    response.status(503).json({ error: { code: 'E_NOT_READY', message: 'athanor is not prepared yet' } })
    return
  }
  void statusReply(athanor).then(({ statusCode, body }) => response.status(statusCode).json(body))
}

function startOnce(options: AthanorExpressOptions, onReady: (athanor: Athanor) => void): AthanorAttachment {
  // Checked now, so a bad option fails where the app is set up, not at the first request.
  startPolicyOf(options)
  let started: Promise<OpenedAthanor> | undefined
  const run = async (): Promise<OpenedAthanor> => {
    const opened = await startAthanor(options)
    onReady(opened.athanor)
    return opened
  }
  return {
    prepare: async () => (await (started ??= run())).athanor,
    close: async () => {
      if (started === undefined) return
      const opened = await started.catch(() => undefined)
      if (opened?.owned === true) await opened.athanor.close()
    },
  }
}
