/**
 * `athanor/nestjs`: `AthanorModule.forRoot()` / `forRootAsync()` provide an
 * injectable `Athanor`, run the start policy in `onApplicationBootstrap`
 * (so `app.listen()` fails when it refuses) and close it in `onModuleDestroy`.
 *
 * Written without decorator syntax (the decorators are called as functions),
 * so it builds under any compiler settings.
 */
import {
  Controller,
  Get,
  Inject,
  Injectable,
  Logger,
  Module,
  Res,
  type DynamicModule,
  type InjectionToken,
  type ModuleMetadata,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type Provider,
  type Type,
} from '@nestjs/common'
import { Athanor } from '../api.js'
import { openAthanor, startPolicyOf, statusPathOf, type AthanorIntegrationOptions, type OpenedAthanor, type StatusRouteOptions } from './integration-options.js'
import { runStartPolicy } from './start-policy.js'
import { statusReply } from './status-reply.js'

/** Options of `AthanorModule.forRoot`: the common integration options, plus whether the module is global. */
export interface AthanorModuleOptions extends AthanorIntegrationOptions {
  /** Make `Athanor` injectable in every module (default true), as a database connection usually is. */
  global?: boolean
}

/** Options of `AthanorModule.forRootAsync`: a factory for the options, from other providers. */
export interface AthanorModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  /** Returns the options (everything but `status` and `global`, which shape the module and so are given here). */
  useFactory: (...args: never[]) => Omit<AthanorIntegrationOptions, 'status'> | Promise<Omit<AthanorIntegrationOptions, 'status'>>
  /** Providers whose values `useFactory` receives, in order. */
  inject?: InjectionToken[]
  /** The status route; its path must be known when the module is built. */
  status?: false | StatusRouteOptions
  global?: boolean
}

/** The token of the module's options (the `useFactory` result for `forRootAsync`). */
export const ATHANOR_MODULE_OPTIONS = Symbol.for('athanor.nestjs.options')
const OPENED_ATHANOR = Symbol.for('athanor.nestjs.opened')

/** Runs the start policy when the application has bootstrapped and closes what the module made. */
class AthanorLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  readonly #logger = new Logger('athanor')

  constructor(
    readonly options: AthanorIntegrationOptions,
    readonly opened: OpenedAthanor,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await runStartPolicy(this.opened.athanor, startPolicyOf(this.options), {
        onStep: this.options.onStep ?? ((step) => this.#logger.log(`${step.direction} ${step.revision} ${step.message} (${Math.round(step.ms)} ms)`)),
        onLockWait: this.options.onLockWait ?? ((message) => this.#logger.warn(message)),
      })
    } catch (error) {
      await this.onModuleDestroy()
      throw error
    }
  }

  async onModuleDestroy(): Promise<void> {
    if (this.opened.owned) await this.opened.athanor.close()
  }
}
Inject(ATHANOR_MODULE_OPTIONS)(AthanorLifecycle, undefined, 0)
Inject(OPENED_ATHANOR)(AthanorLifecycle, undefined, 1)
Injectable()(AthanorLifecycle)

/**
 * The Nest module. Inject the API object by its class: `constructor(@Inject(Athanor) private readonly athanor: Athanor)`.
 *
 * @example
 * import { Module } from '@nestjs/common'
 * import { AthanorModule } from 'athanor/nestjs'
 *
 * @Module({ imports: [AthanorModule.forRoot({ config: './athanor.config.ts', onStart: 'upgrade', status: { path: '/db/status' } })] })
 * export class AppModule {}
 */
export class AthanorModule {
  /**
   * The module for options known up front.
   *
   * @example
   * AthanorModule.forRoot({ onStart: 'require-up-to-date' })
   */
  static forRoot(options: AthanorModuleOptions = {}): DynamicModule {
    // Checked here, so a bad option fails when the module is built.
    startPolicyOf(options)
    return moduleFor({ provide: ATHANOR_MODULE_OPTIONS, useValue: options }, options.status, options.global)
  }

  /**
   * The module for options that come from other providers (a ConfigService…).
   *
   * @example
   * AthanorModule.forRootAsync({
   *   imports: [ConfigModule],
   *   inject: [ConfigService],
   *   useFactory: (config: ConfigService) => ({ config: { url: config.get('DATABASE_URL') }, onStart: 'upgrade' }),
   * })
   */
  static forRootAsync(options: AthanorModuleAsyncOptions): DynamicModule {
    const provider: Provider = {
      provide: ATHANOR_MODULE_OPTIONS,
      useFactory: async (...args: never[]) => {
        const made = await options.useFactory(...args)
        startPolicyOf(made)
        return made
      },
      inject: options.inject ?? [],
    }
    return { ...moduleFor(provider, options.status, options.global), imports: options.imports ?? [] }
  }
}
Module({})(AthanorModule)

function moduleFor(optionsProvider: Provider, status: false | StatusRouteOptions | undefined, global: boolean | undefined): DynamicModule {
  const path = statusPathOf(status === undefined ? {} : { status })
  return {
    module: AthanorModule,
    global: global ?? true,
    providers: [
      optionsProvider,
      { provide: OPENED_ATHANOR, useFactory: (options: AthanorIntegrationOptions) => openAthanor(options), inject: [ATHANOR_MODULE_OPTIONS] },
      { provide: Athanor, useFactory: (opened: OpenedAthanor) => opened.athanor, inject: [OPENED_ATHANOR] },
      AthanorLifecycle,
    ],
    controllers: path === undefined ? [] : [statusController(path)],
    exports: [Athanor],
  }
}

/** A controller answering GET `path` with the migration status (200 up to date, 503 otherwise), on Express or Fastify. */
function statusController(path: string): Type {
  class AthanorStatusController {
    constructor(readonly athanor: Athanor) {}

    async status(response: { status(code: number): unknown }): Promise<unknown> {
      const { statusCode, body } = await statusReply(this.athanor)
      response.status(statusCode)
      return body
    }
  }
  Inject(Athanor)(AthanorStatusController, undefined, 0)
  const prototype = AthanorStatusController.prototype
  const descriptor = Object.getOwnPropertyDescriptor(prototype, 'status') as PropertyDescriptor
  Res({ passthrough: true })(prototype, 'status', 0)
  Get(path)(prototype, 'status', descriptor)
  Controller()(AthanorStatusController)
  return AthanorStatusController
}
