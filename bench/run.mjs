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
 * Adding a benchmark is adding one file. What modules share beyond `ctx`
 * (loading dist/, fresh server databases) is in `bench/support.mjs`.
 */
import { readdirSync, existsSync } from 'node:fs'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { CLI_PATH as cliPath, ROOT as root, benchContext } from './support.mjs'

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
    const ctx = benchContext(mod.group, mod.rel)
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
