/**
 * What the benchmark modules and the harness share: where the repository and
 * the built package are, timing (median of runs after warm-up, the CLI as a
 * whole process with its CPU time), and fresh server databases.
 *
 * Not a benchmark module itself (the harness only runs `bench/<group>/*.mjs`).
 * Imports of the built package need `npm run build` first.
 *
 * @example
 * import { loadDist, medianMs } from '../support.mjs'
 * const { openConnection } = await loadDist('dialect/connect.js')
 * const ms = await medianMs(() => work(), { runs: 5, warmup: 1 })
 */
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath, pathToFileURL } from 'node:url'

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

/** The built CLI, run as a whole process by {@link cli} and {@link measureCli}. */
export const CLI_PATH = join(ROOT, 'dist', 'cli', 'main.js')

/** The servers fresh databases are made on; the bench and the test variables are both honoured. */
export const ADMIN_URLS = {
  postgres: process.env.ATHANOR_BENCH_POSTGRES_URL ?? process.env.ATHANOR_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  mysql: process.env.ATHANOR_BENCH_MYSQL_URL ?? process.env.ATHANOR_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test',
}

/** Imports a module of the built package: `loadDist('dialect/connect.js')`. */
export function loadDist(path) {
  return import(pathToFileURL(join(ROOT, 'dist', path)).href)
}

/** The median of samples (the mean of the middle two for an even count). */
export function median(samples) {
  const sorted = [...samples].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** Median wall ms of `fn()` (sync or async) over `runs` runs, after `warmup` untimed ones. */
export async function medianMs(fn, { runs = 5, warmup = 1 } = {}) {
  for (let i = 0; i < warmup; i++) await fn()
  const samples = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await fn()
    samples.push(performance.now() - start)
  }
  return median(samples)
}

function spawnCli(command, args, options) {
  const result = spawnSync(command[0], command.slice(1), {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', ...(options.env ?? {}) },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  })
  if (result.status !== 0) {
    throw new Error(`athanor ${args.join(' ')} exited ${result.status}: ${(result.stderr || '').trim().split('\n')[0]}`)
  }
  return result
}

/** Runs `node dist/cli/main.js …` as a whole process; throws on a non-zero exit. */
export function cli(args, options = {}) {
  return spawnCli([process.execPath, CLI_PATH, ...args], args, options)
}

const timeBinary = ['/usr/bin/time'].find((path) => existsSync(path))
const CPU_MARK = 'athanor-bench-cpu:'

/** Runs the CLI once, returning wall ms and (when /usr/bin/time exists) CPU ms of the process. */
function timedCli(args, options) {
  const command = timeBinary === undefined
    ? [process.execPath, CLI_PATH, ...args]
    : [timeBinary, '-f', `${CPU_MARK}%U %S`, process.execPath, CLI_PATH, ...args]
  const start = performance.now()
  const result = spawnCli(command, args, options)
  const ms = performance.now() - start
  const mark = (result.stderr || '').split('\n').find((line) => line.startsWith(CPU_MARK))
  const cpuMs = mark === undefined ? undefined : mark.slice(CPU_MARK.length).split(' ').reduce((sum, s) => sum + Number(s) * 1000, 0)
  return { ms, cpuMs }
}

/** `{ ms, cpuMs }`: medians of the CLI's wall time and of its CPU time (user + system), which a busy machine disturbs less. */
export async function measureCli(args, { runs = 5, warmup = 1, ...options } = {}) {
  for (let i = 0; i < warmup; i++) timedCli(args, options)
  const samples = Array.from({ length: runs }, () => timedCli(args, options))
  const cpu = samples.map((s) => s.cpuMs).filter((v) => v !== undefined)
  return { ms: median(samples.map((s) => s.ms)), ...(cpu.length === samples.length ? { cpuMs: median(cpu) } : {}) }
}

/**
 * The `ctx` the harness hands a benchmark module's `run`, for running one
 * module alone: `bench/.work/<group>/` as its work directory, progress lines
 * on stderr prefixed with `label`.
 */
export function benchContext(group, label = group) {
  const workDir = join(ROOT, 'bench', '.work', group)
  mkdirSync(workDir, { recursive: true })
  return { root: ROOT, workDir, cli, measure: medianMs, measureCli, log: (text) => process.stderr.write(`[${label}] ${text}\n`) }
}

/**
 * A fresh database on a server (`kind` 'postgres' or 'mysql') for one
 * measurement: its URL, and `drop()` to remove it. `openConnection` comes
 * from the built package the caller loaded.
 */
export async function createServerDatabase(openConnection, kind = 'postgres') {
  const adminUrl = ADMIN_URLS[kind]
  const name = `athanor_bench_${randomBytes(5).toString('hex')}`
  const admin = await openConnection(adminUrl)
  await admin.execute(`CREATE DATABASE ${name}`)
  await admin.close()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      const dropper = await openConnection(adminUrl)
      // FORCE ends sessions a failed measurement left open (PostgreSQL only).
      await dropper.execute(`DROP DATABASE IF EXISTS ${name}${kind === 'postgres' ? ' WITH (FORCE)' : ''}`)
      await dropper.close()
    },
  }
}
