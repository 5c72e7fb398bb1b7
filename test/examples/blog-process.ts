/**
 * Runs the example blog (examples/blog) as its users do: one of its entry
 * files in its own Node process (through tsx), on a free port, against a
 * database given by DATABASE_URL.
 *
 * @example
 * const blog = await startBlog('fastify', { DATABASE_URL: db.url })
 * const posts = await (await fetch(`${blog.url}/api/posts`)).json()
 * await blog.stop()
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The blog's entry files, one per framework. */
export type Framework = 'fastify' | 'express' | 'nestjs'
export const FRAMEWORKS: readonly Framework[] = ['fastify', 'express', 'nestjs']

/** The example's folder: its config, models and migrations live there. */
export const BLOG_DIR = fileURLToPath(new URL('../../examples/blog/', import.meta.url))

/** The environment a blog process reads (see examples/blog/src/settings.ts). */
export interface BlogEnv {
  DATABASE_URL: string
  ATHANOR_ON_START?: 'upgrade' | 'require-up-to-date' | 'none'
}

/** A blog process that is serving. */
export interface RunningBlog {
  /** `http://127.0.0.1:PORT`, from the line the blog prints once it listens. */
  readonly url: string
  /** Everything the process printed on stdout so far. */
  stdout(): string
  /** Sends SIGTERM and waits for the process to end. */
  stop(): Promise<void>
}

/** How a blog process that ended went. */
export interface EndedBlog {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

const STARTUP_TIMEOUT_MS = 60_000

/**
 * Starts the blog on `framework` and resolves once it listens; rejects with
 * its output when it exits first or does not listen in time.
 */
export function startBlog(framework: Framework, env: BlogEnv): Promise<RunningBlog> {
  const child = spawnBlog(framework, env)
  const output = collect(child)
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`blog (${framework}) did not listen within ${STARTUP_TIMEOUT_MS} ms\n${output.stdout()}\n${output.stderr()}`))
    }, STARTUP_TIMEOUT_MS)
    const onData = (): void => {
      const found = /listening on (http:\/\/\S+)/.exec(output.stdout())
      if (found === null) return
      clearTimeout(timer)
      child.stdout?.off('data', onData)
      child.off('exit', onExit)
      resolve({ url: found[1] as string, stdout: output.stdout, stop: () => stop(child) })
    }
    const onExit = (code: number | null): void => {
      clearTimeout(timer)
      reject(new Error(`blog (${framework}) exited ${code} before listening\n${output.stdout()}\n${output.stderr()}`))
    }
    child.stdout?.on('data', onData)
    child.once('exit', onExit)
  })
}

/**
 * Runs the blog on `framework` expecting it to refuse to start, and resolves
 * with its exit code and output; a blog that listens instead is stopped and
 * reported as `code: 'listening'` in the error.
 */
export function runBlogUntilExit(framework: Framework, env: BlogEnv): Promise<EndedBlog> {
  const child = spawnBlog(framework, env)
  const output = collect(child)
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`blog (${framework}) neither exited nor listened within ${STARTUP_TIMEOUT_MS} ms`))
    }, STARTUP_TIMEOUT_MS)
    child.stdout?.on('data', () => {
      if (!/listening on/.test(output.stdout())) return
      clearTimeout(timer)
      void stop(child).then(() => reject(new Error(`blog (${framework}) started listening\n${output.stdout()}`)))
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout: output.stdout(), stderr: output.stderr() })
    })
  })
}

function spawnBlog(framework: Framework, env: BlogEnv): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', `src/${framework}.ts`], {
    cwd: BLOG_DIR,
    env: { ...process.env, NO_COLOR: '1', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

function collect(child: ChildProcess): { stdout(): string; stderr(): string } {
  let stdout = ''
  let stderr = ''
  child.stdout?.setEncoding('utf8').on('data', (text: string) => (stdout += text))
  child.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr += text))
  return { stdout: () => stdout, stderr: () => stderr }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}
