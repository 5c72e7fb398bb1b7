#!/usr/bin/env node
/**
 * athanor's benchmark harness.
 *
 *   node bench/run.mjs            run every benchmark module
 *   node bench/run.mjs graph      run only modules whose path contains "graph"
 *
 * A benchmark module is any `bench/<group>/<name>.mjs` (names starting with `_`
 * are skipped, so a module can keep private parts next to it). It exports
 *
 *   export const title = 'revision graph commands'          // optional
 *   export async function run(ctx) { return rows }         // or `export default`
 *
 * and returns rows `{ name, ms, cpuMs?, anchorMs?, note? }`: `ms` is athanor's time,
 * `anchorMs` the time of the reference it is measured against when there is
 * one — the Alembic anchor run, SQLAlchemy, or a hand-written lower bound (say
 * which in the module's title or the row's note) — and the harness prints the ratio. `ctx` gives the module what most benchmarks need,
 * so a module imports nothing from the harness:
 *
 *   ctx.root                    the repository root
 *   ctx.workDir                 bench/.work/<group>/ (created; not committed)
 *   ctx.cli(args, { cwd, env }) runs `node dist/cli/main.js …` as a whole process; throws on a non-zero exit
 *   ctx.measure(fn, { runs = 5, warmup = 1 })  median ms of `fn()` (sync or async) after warm-up runs
 *   ctx.measureCli(args, { cwd, runs = 5, warmup = 1 })  { ms, cpuMs }: medians of wall time and of the
 *                               process's CPU time (user + system, via /usr/bin/time when present), so a
 *                               busy machine still gives a stable number
 *   ctx.log(text)               a progress line on stderr
 *
 * Adding a benchmark is adding one file.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, existsSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { performance } from 'node:perf_hooks'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const cliPath = join(root, 'dist', 'cli', 'main.js')

function findModules(filters) {
  const benchDir = join(root, 'bench')
  const modules = []
  for (const group of readdirSync(benchDir, { withFileTypes: true })) {
    if (!group.isDirectory() || group.name.startsWith('.') || group.name.startsWith('_')) continue
    for (const file of readdirSync(join(benchDir, group.name)).sort()) {
      if (!file.endsWith('.mjs') || file.startsWith('_')) continue
      const path = join(benchDir, group.name, file)
      const rel = relative(root, path)
      if (filters.length === 0 || filters.some((f) => rel.includes(f))) modules.push({ group: group.name, path, rel })
    }
  }
  return modules.sort((a, b) => a.rel.localeCompare(b.rel))
}

function cli(args, options = {}) {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: options.cwd ?? root,
    env: { ...process.env, NO_COLOR: '1', ...(options.env ?? {}) },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  })
  if (result.status !== 0) {
    throw new Error(`athanor ${args.join(' ')} exited ${result.status}: ${(result.stderr || '').trim().split('\n')[0]}`)
  }
  return result
}

const timeBinary = ['/usr/bin/time'].find((path) => existsSync(path))
const CPU_MARK = 'athanor-bench-cpu:'

function median(samples) {
  const sorted = [...samples].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** Runs the CLI once, returning wall ms and (when /usr/bin/time exists) CPU ms of the process. */
function timedCli(args, options = {}) {
  const command = timeBinary === undefined
    ? [process.execPath, cliPath, ...args]
    : [timeBinary, '-f', `${CPU_MARK}%U %S`, process.execPath, cliPath, ...args]
  const start = performance.now()
  const result = spawnSync(command[0], command.slice(1), {
    cwd: options.cwd ?? root,
    env: { ...process.env, NO_COLOR: '1', ...(options.env ?? {}) },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  })
  const ms = performance.now() - start
  if (result.status !== 0) {
    throw new Error(`athanor ${args.join(' ')} exited ${result.status}: ${(result.stderr || '').trim().split('\n')[0]}`)
  }
  const mark = (result.stderr || '').split('\n').find((line) => line.startsWith(CPU_MARK))
  const cpuMs = mark === undefined ? undefined : mark.slice(CPU_MARK.length).split(' ').reduce((sum, s) => sum + Number(s) * 1000, 0)
  return { ms, cpuMs }
}

async function measureCli(args, { runs = 5, warmup = 1, ...options } = {}) {
  for (let i = 0; i < warmup; i++) timedCli(args, options)
  const samples = Array.from({ length: runs }, () => timedCli(args, options))
  const cpu = samples.map((s) => s.cpuMs).filter((v) => v !== undefined)
  return { ms: median(samples.map((s) => s.ms)), ...(cpu.length === samples.length ? { cpuMs: median(cpu) } : {}) }
}

async function measure(fn, { runs = 5, warmup = 1 } = {}) {
  for (let i = 0; i < warmup; i++) await fn()
  const samples = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await fn()
    samples.push(performance.now() - start)
  }
  return median(samples)
}

function formatTable(rows) {
  const header = ['benchmark', 'case', 'athanor ms', 'cpu ms', 'anchor ms', 'ratio', 'note']
  const body = rows.map((r) => [
    r.module,
    r.name,
    r.ms.toFixed(1),
    r.cpuMs === undefined ? '' : r.cpuMs.toFixed(0),
    r.anchorMs === undefined ? '' : r.anchorMs.toFixed(0),
    r.anchorMs === undefined ? '' : `${(r.ms / r.anchorMs).toFixed(2)}×`,
    r.note ?? '',
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)))
  const line = (cells) => '| ' + cells.map((c, i) => (i >= 2 && i <= 5 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ') + ' |'
  return [line(header), '|' + widths.map((w, i) => (i >= 2 && i <= 5 ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|') + '|', ...body.map(line)].join('\n')
}

async function main() {
  if (!existsSync(cliPath)) {
    console.error('error: dist/cli/main.js is missing; run `npm run bench` (it builds first)')
    process.exit(2)
  }
  const modules = findModules(process.argv.slice(2))
  if (modules.length === 0) {
    console.error('error: no benchmark module matched')
    process.exit(2)
  }
  const rows = []
  let failed = false
  for (const mod of modules) {
    const workDir = join(root, 'bench', '.work', mod.group)
    mkdirSync(workDir, { recursive: true })
    const ctx = { root, workDir, cli, measure, measureCli, log: (text) => process.stderr.write(`[${mod.rel}] ${text}\n`) }
    try {
      const loaded = await import(pathToFileURL(mod.path).href)
      const run = loaded.run ?? loaded.default
      if (typeof run !== 'function') throw new Error('exports neither run() nor a default function')
      const label = loaded.title ?? mod.rel
      for (const row of (await run(ctx)) ?? []) rows.push({ module: label, ...row })
    } catch (error) {
      failed = true
      console.error(`error: ${mod.rel}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  console.log(formatTable(rows))
  if (failed) process.exit(1)
}

await main()
