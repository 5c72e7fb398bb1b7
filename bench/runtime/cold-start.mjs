/**
 * Start-up and the first run on a fresh checkout or CI machine, as whole
 * processes with their CPU time and peak memory:
 *
 * - `upgrade base:head --sql` on the W1 project of 1,000 revisions and
 *   `current` on a one-revision project, each cold (the transformed-script
 *   cache emptied before every run) and warm;
 * - `current` with one revision against `node -e 0` (goal: within 60 ms);
 * - `heads` at 5,000 revisions against a bare Node read of the same files
 *   plus one regex (goal: within 1.5×) and against Alembic (goal: 10×);
 * - peak memory of `upgrade --sql` at 5,000 revisions (goal: Alembic's, 70 MiB).
 *
 * Alembic runs live in the same sitting when Debian's `python3-alembic` is
 * installed (the anchor's generator, `../shared/anchors/alembic/gen_alembic.py`,
 * writes its projects); else its 2026-11-22 anchor figures stand in and the
 * row says so. Ratios: the harness prints athanor/anchor (below 1: athanor
 * faster); the notes give Alembic/athanor, the form.
 *
 * Run by the harness (`node bench/run.mjs cold-start`); needs `npm run build`.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generateW1 } from '../graph/commands.mjs'
import { CLI_PATH, median } from '../support.mjs'

export const title = 'cold start'

const HERE = dirname(fileURLToPath(import.meta.url))
const BARE_READ = join(HERE, '_bare-read.mjs')
const ANCHOR_DIR = join(HERE, '..', '..', '..', 'shared', 'anchors', 'alembic')
const PYTHON = '/usr/bin/python3'

// Alembic 1.8.1, anchor run of 2026-11-22 (hyperfine medians, .pyc written), ms; peak memory MiB.
const ANCHOR = { upgradeSql1000: 742, current1: 268, heads5000: 1011, upgradeSql5000: 3238, upgradeSql5000MiB: 70 }

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

const TIME = '/usr/bin/time'
const MARK = 'athanor-bench-time:'

/** One run of `command` in `cwd`: wall ms, and (with /usr/bin/time) CPU ms and peak RSS MiB. */
function runOnce(command, cwd) {
  const timed = existsSync(TIME) ? [TIME, '-f', `${MARK}%U %S %M`, ...command] : command
  const start = performance.now()
  const result = spawnSync(timed[0], timed.slice(1), { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 512 * 1024 * 1024 })
  const ms = performance.now() - start
  if (result.status !== 0) throw new Error(`${command.join(' ')} exited ${result.status}: ${(result.stderr || '').trim().split('\n')[0]}`)
  const mark = (result.stderr || '').split('\n').find((line) => line.startsWith(MARK))
  if (mark === undefined) return { ms }
  const [user, system, kib] = mark.slice(MARK.length).split(' ').map(Number)
  return { ms, cpuMs: (user + system) * 1000, mib: kib / 1024 }
}

/** Medians of `runs` runs after `warmup`, `before()` called ahead of each (an emptied cache for a cold run). */
function measure(command, cwd, { runs = 5, warmup = 1, before = () => {} } = {}) {
  for (let i = 0; i < warmup; i++) {
    before()
    runOnce(command, cwd)
  }
  const samples = Array.from({ length: runs }, () => {
    before()
    return runOnce(command, cwd)
  })
  const of = (key) => (samples.every((s) => s[key] !== undefined) ? median(samples.map((s) => s[key])) : undefined)
  return { ms: of('ms'), cpuMs: of('cpuMs'), mib: samples.every((s) => s.mib !== undefined) ? Math.max(...samples.map((s) => s.mib)) : undefined }
}

const athanor = (args) => [process.execPath, CLI_PATH, ...args]

/** Alembic's W1 project of `n` revisions (stamped at head, .pyc written), or undefined when Alembic is not installed. */
function alembicW1(workDir, n) {
  if (spawnSync(PYTHON, ['-c', 'import alembic'], { encoding: 'utf8' }).status !== 0) return undefined
  const dir = join(workDir, `alembic-w1-${n}`)
  if (!existsSync(join(dir, 'alembic.ini'))) {
    const made = spawnSync(PYTHON, [join(ANCHOR_DIR, 'gen_alembic.py'), 'w1', dir, '--n', String(n), '--url', `sqlite:///${dir}/db.sqlite`], { encoding: 'utf8' })
    if (made.status !== 0) return undefined
    spawnSync(PYTHON, ['-m', 'alembic', 'stamp', 'head'], { cwd: dir, encoding: 'utf8' })
  }
  return dir
}

/** `{ ms, label }` of an Alembic case: measured now when it can be, else the anchor's figure. */
function alembic(workDir, n, args, anchorMs, runs) {
  const dir = alembicW1(workDir, n)
  if (dir === undefined) return { ms: anchorMs, label: 'Alembic (2026-11-22 anchor)' }
  const timing = measure([PYTHON, '-m', 'alembic', ...args], dir, { runs, warmup: 1 })
  return { ...timing, label: 'Alembic, live' }
}

const faster = (anchorMs, ms) => `${(anchorMs / ms).toFixed(1)}× faster than`

export async function run(ctx) {
  const rows = []
  const w1 = join(ctx.workDir, 'w1-1000')
  const w5000 = join(ctx.workDir, 'w1-5000')
  ctx.log('generating 1000 and 5000 revisions')
  generateW1(w1, 1000)
  generateW1(w5000, 5000)
  const one = join(ctx.workDir, 'one-revision')
  writeOneRevision(one)
  ctx.cli(['upgrade', 'head'], { cwd: one })
  const emptyCache = (dir) => () => {
    const cache = cacheDirOf(dir)
    if (cache !== undefined) rmSync(cache, { recursive: true, force: true })
  }

  ctx.log('upgrade --sql, 1000 revisions')
  const sql = athanor(['upgrade', 'base:head', '--sql'])
  const alembicSql = alembic(ctx.workDir, 1000, ['upgrade', 'head', '--sql'], ANCHOR.upgradeSql1000, 3)
  for (const [temperature, options] of [['cold', { runs: 3, warmup: 0, before: emptyCache(w1) }], ['warm', { runs: 5, warmup: 1 }]]) {
    const t = measure(sql, w1, options)
    rows.push({ name: `N=1000 upgrade --sql, ${temperature}`, ms: t.ms, cpuMs: t.cpuMs, anchorMs: alembicSql.ms, note: `${faster(alembicSql.ms, t.ms)} ${alembicSql.label}; goal ${temperature === 'cold' ? 3 : 4}×` })
  }

  ctx.log('current, 1 revision')
  const alembicCurrent = (() => {
    if (spawnSync(PYTHON, ['-c', 'import alembic'], { encoding: 'utf8' }).status !== 0) return { ms: ANCHOR.current1, label: 'Alembic (2026-11-22 anchor)' }
    const dir = join(ctx.workDir, 'alembic-w6')
    if (!existsSync(join(dir, 'alembic.ini'))) {
      spawnSync(PYTHON, [join(ANCHOR_DIR, 'gen_alembic.py'), 'w6', dir, '--url', `sqlite:///${dir}/db.sqlite`], { encoding: 'utf8' })
      spawnSync(PYTHON, ['-m', 'alembic', 'upgrade', 'head'], { cwd: dir, encoding: 'utf8' })
    }
    return { ...measure([PYTHON, '-m', 'alembic', 'current'], dir, { runs: 5 }), label: 'Alembic, live' }
  })()
  const current = athanor(['current'])
  for (const [temperature, options] of [['cold', { runs: 5, warmup: 0, before: emptyCache(one) }], ['warm', { runs: 5, warmup: 1 }]]) {
    const t = measure(current, one, options)
    rows.push({ name: `1 revision current, ${temperature}`, ms: t.ms, cpuMs: t.cpuMs, anchorMs: alembicCurrent.ms, note: `${faster(alembicCurrent.ms, t.ms)} ${alembicCurrent.label}; goal 3×` })
  }
  const node = measure([process.execPath, '-e', '0'], one, { runs: 7 })
  const warmCurrent = measure(current, one, { runs: 7 })
  rows.push({
    name: '1 revision current vs node -e 0',
    ms: warmCurrent.ms,
    cpuMs: warmCurrent.cpuMs,
    anchorMs: node.ms,
    note: `+${(warmCurrent.ms - node.ms).toFixed(0)} ms wall, +${(warmCurrent.cpuMs - node.cpuMs).toFixed(0)} ms CPU over node -e 0; goal +60 ms`,
  })

  ctx.log('heads, 5000 revisions')
  const heads = measure(athanor(['heads']), w5000, { runs: 5 })
  const bare = measure([process.execPath, BARE_READ], w5000, { runs: 5 })
  const alembicHeads = alembic(ctx.workDir, 5000, ['heads'], ANCHOR.heads5000, 3)
  rows.push({ name: 'N=5000 heads vs Alembic', ms: heads.ms, cpuMs: heads.cpuMs, anchorMs: alembicHeads.ms, note: `${faster(alembicHeads.ms, heads.ms)} ${alembicHeads.label}; goal 10×` })
  rows.push({ name: 'N=5000 heads vs bare read', ms: heads.ms, cpuMs: heads.cpuMs, anchorMs: bare.ms, note: `bare Node read + regex: ${bare.cpuMs?.toFixed(0)} ms CPU; goal ≤1.5×` })

  ctx.log('upgrade --sql, 5000 revisions (peak memory)')
  const sql5000 = measure(sql, w5000, { runs: 3, warmup: 1 })
  const alembicSql5000 = alembic(ctx.workDir, 5000, ['upgrade', 'head', '--sql'], ANCHOR.upgradeSql5000, 1)
  const alembicMiB = alembicSql5000.mib ?? ANCHOR.upgradeSql5000MiB
  rows.push({
    name: 'N=5000 upgrade --sql, warm',
    ms: sql5000.ms,
    cpuMs: sql5000.cpuMs,
    anchorMs: alembicSql5000.ms,
    note: `peak RSS ${sql5000.mib?.toFixed(0)} MiB vs ${alembicSql5000.label} ${alembicMiB.toFixed(0)} MiB (goal: no more)`,
  })

  const floor = await ctx.measureCli(['--version'], { runs: 5, warmup: 1 })
  rows.push({ name: 'athanor --version', ...floor, note: 'process start-up floor' })
  return rows
}
