/**
 * The first run on a fresh checkout or CI machine: `upgrade head --sql` on
 * the W1 project of 1,000 revisions and `current` on a one-revision project,
 * each cold (the transformed-script cache emptied before every run) and warm,
 * as whole CLI processes with their CPU time.
 *
 * Run by the harness (`node bench/run.mjs cold-start`); needs `npm run build`.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { generateW1 } from '../graph/commands.mjs'

export const title = 'cold start'

// Alembic 1.8.1, anchor run of 2026-11-22 (hyperfine medians, .pyc cache written:
// Alembic's own warm state, the fairest floor for it), ms.
const ALEMBIC_MS = { upgradeSql1000: 742, current1: 268 }

/** The cache the loader writes for a project: the nearest node_modules above it holds `.cache/athanor`. */
function cacheDirOf(projectDir) {
  for (let dir = projectDir; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules'))) return join(dir, 'node_modules', '.cache', 'athanor')
    if (dirname(dir) === dir) return undefined
  }
}

function writeOneRevision(dir) {
  const versions = join(dir, 'migrations', 'versions')
  if (existsSync(join(versions, 'a00000000001_first.ts'))) return
  mkdirSync(versions, { recursive: true })
  writeFileSync(join(dir, 'athanor.config.ts'), `import { defineConfig } from 'athanor'\nexport default defineConfig({ url: 'sqlite:./app.db' })\n`)
  writeFileSync(
    join(versions, 'a00000000001_first.ts'),
    `/**\n * first\n *\n * Revision ID: a00000000001\n * Revises: \n * Create Date: 2026-11-22T00:00:00.000Z\n */\nimport type { Operations } from 'athanor'\n\nexport const revision = 'a00000000001'\nexport const downRevision: string | string[] | null = null\nexport const branchLabels: string[] | null = null\nexport const dependsOn: string[] | null = null\n\nexport async function upgrade(op: Operations) {\n  await op.execute('CREATE TABLE t (id INTEGER)')\n}\n\nexport async function downgrade(op: Operations) {\n  await op.execute('DROP TABLE t')\n}\n`,
  )
}

/** `{ ms, cpuMs }` medians of `runs` cold runs: the cache emptied before each. */
async function measureCold(ctx, args, cwd, runs) {
  const cache = cacheDirOf(cwd)
  const samples = []
  for (let i = 0; i < runs; i++) {
    if (cache !== undefined) rmSync(cache, { recursive: true, force: true })
    samples.push(await ctx.measureCli(args, { cwd, runs: 1, warmup: 0 }))
  }
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]
  const cpu = samples.map((s) => s.cpuMs).filter((v) => v !== undefined)
  return { ms: median(samples.map((s) => s.ms)), ...(cpu.length === samples.length ? { cpuMs: median(cpu) } : {}) }
}

export async function run(ctx) {
  const rows = []
  const w1 = join(ctx.workDir, 'w1-1000')
  ctx.log('generating 1000 revisions')
  generateW1(w1, 1000)
  const one = join(ctx.workDir, 'one-revision')
  writeOneRevision(one)
  ctx.cli(['upgrade', 'head'], { cwd: one })
  const sql = ['upgrade', 'base:head', '--sql']
  rows.push({ name: 'N=1000 upgrade --sql, cold', ...(await measureCold(ctx, sql, w1, 3)), anchorMs: ALEMBIC_MS.upgradeSql1000 })
  rows.push({ name: 'N=1000 upgrade --sql, warm', ...(await ctx.measureCli(sql, { cwd: w1, runs: 5, warmup: 1 })), anchorMs: ALEMBIC_MS.upgradeSql1000 })
  rows.push({ name: '1 revision current, cold', ...(await measureCold(ctx, ['current'], one, 5)), anchorMs: ALEMBIC_MS.current1 })
  rows.push({ name: '1 revision current, warm', ...(await ctx.measureCli(['current'], { cwd: one, runs: 5, warmup: 1 })), anchorMs: ALEMBIC_MS.current1 })
  const floor = await ctx.measureCli(['--version'], { runs: 5, warmup: 1 })
  rows.push({ name: 'athanor --version', ...floor, note: 'process start-up floor' })
  return rows
}
