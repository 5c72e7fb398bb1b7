/**
 * The blog on NestJS: `npx tsx src/nestjs.ts` (from examples/blog).
 * `AthanorModule.forRoot` provides the Athanor, upgrades the database in
 * onApplicationBootstrap (before `listen()` serves) and serves /db/status.
 *
 * Constructor parameters name their tokens with @Inject, so the app runs
 * under compilers that emit no decorator metadata (tsx, esbuild, vitest).
 */
import 'reflect-metadata'
import type { AddressInfo } from 'node:net'
import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Header,
  Inject,
  Injectable,
  Module,
  NotFoundException,
  Param,
  Post,
  type OnModuleDestroy,
} from '@nestjs/common'
import { NestFactory } from '@nestjs/core'
import { Athanor, migrationStatus } from 'athanor'
import { AthanorModule } from 'athanor/nestjs'
import { parseNewComment, parseNewPost, parsePostId } from './blog-input.js'
import { renderBlogPage } from './blog-page.js'
import { BadInput, BlogStore } from './blog-store.js'
import { announce, athanorOptions, refuseToStart, settings, stopOnSignal } from './settings.js'

/** Turns the store's refusals into 400s. */
async function checked<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof BadInput) throw new BadRequestException({ error: error.message })
    throw error
  }
}

@Controller()
class BlogController {
  constructor(
    @Inject(BlogStore) private readonly store: BlogStore,
    @Inject(Athanor) private readonly athanor: Athanor,
  ) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  async page(): Promise<string> {
    const [posts, users, status] = await Promise.all([this.store.listPosts(), this.store.listUsers(), migrationStatus(this.athanor)])
    return renderBlogPage({ posts, users, status })
  }

  @Get('api/posts')
  posts() {
    return this.store.listPosts()
  }

  @Get('api/users')
  users() {
    return this.store.listUsers()
  }

  @Get('api/posts/:id')
  async post(@Param('id') id: string) {
    const post = await checked(() => this.store.getPost(parsePostId(id)))
    if (post === undefined) throw new NotFoundException({ error: 'no such post' })
    return post
  }

  @Post('api/posts')
  create(@Body() body: unknown) {
    return checked(() => this.store.createPost(parseNewPost(body)))
  }

  @Post('api/posts/:id/comments')
  comment(@Param('id') id: string, @Body() body: unknown) {
    return checked(() => this.store.addComment(parsePostId(id), parseNewComment(body)))
  }
}

/** Closes the blog's connection with the app. */
@Injectable()
class StoreLifecycle implements OnModuleDestroy {
  constructor(@Inject(BlogStore) private readonly store: BlogStore) {}
  onModuleDestroy() {
    return this.store.close()
  }
}

@Module({
  imports: [AthanorModule.forRoot(athanorOptions())],
  controllers: [BlogController],
  providers: [{ provide: BlogStore, useFactory: (athanor: Athanor) => BlogStore.open(athanor.config.url), inject: [Athanor] }, StoreLifecycle],
})
class BlogModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(BlogModule, { logger: ['error', 'warn'] })
  try {
    // listen() runs onApplicationBootstrap first: a refusing start policy rejects here.
    await app.listen(settings.port, settings.host)
  } catch (error) {
    await app.close()
    throw error
  }
  announce('nestjs', `http://${settings.host}:${(app.getHttpServer().address() as AddressInfo).port}`)
  stopOnSignal(() => app.close())
}

await main().catch(refuseToStart)
