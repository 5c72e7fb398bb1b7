/**
 * `athanor/fastify`: a Fastify plugin that puts an `Athanor` on `app.athanor`,
 * runs the start policy before the app is ready, closes what it made in
 * `onClose`, and can serve a status route.
 */
import fastifyPlugin from 'fastify-plugin'
import type { FastifyInstance, FastifyPluginAsync } from 'fastify'
import type { Athanor } from '../api.js'
import { startAthanor, startPolicyOf, statusPathOf, type AthanorIntegrationOptions } from './integration-options.js'
import { statusReply } from './status-reply.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The application's athanor API object, put here by `athanor/fastify`. */
    athanor: Athanor
  }
}

/** Options of the Fastify plugin: the common integration options (see `AthanorIntegrationOptions`). */
export type AthanorFastifyOptions = AthanorIntegrationOptions

const athanorPlugin: FastifyPluginAsync<AthanorFastifyOptions> = async (app: FastifyInstance, options: AthanorFastifyOptions) => {
  // Checked before anything is opened, so a bad option fails registration at once.
  startPolicyOf(options)
  const statusPath = statusPathOf(options)
  // Inside the plugin, so ready() and listen() wait for the start policy and fail with its error.
  const { athanor, owned } = await startAthanor(options, {
    onStep: options.onStep ?? ((step) => app.log.info({ revision: step.revision, ms: Math.round(step.ms) }, `athanor: ${step.direction} ${step.revision} ${step.message}`)),
    onLockWait: options.onLockWait ?? ((message) => app.log.warn(`athanor: ${message}`)),
  })
  app.decorate('athanor', athanor)
  if (owned) app.addHook('onClose', async () => athanor.close())
  if (statusPath !== undefined) {
    app.get(statusPath, async (_request, reply) => {
      const { statusCode, body } = await statusReply(athanor)
      return reply.code(statusCode).send(body)
    })
  }
}

/**
 * The plugin (wrapped with fastify-plugin, so `app.athanor` is visible to the
 * whole app, not only inside an encapsulated context).
 *
 * @example
 * import Fastify from 'fastify'
 * import athanor from 'athanor/fastify'
 *
 * const app = Fastify()
 * await app.register(athanor, { config: './athanor.config.ts', onStart: 'upgrade', status: { path: '/db/status' } })
 * app.get('/heads', async () => app.athanor.heads())
 * await app.listen({ port: 3000 })
 */
const athanor = fastifyPlugin(athanorPlugin, { fastify: '5.x', name: 'athanor' })
export default athanor
