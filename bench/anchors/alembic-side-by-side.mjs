/**
 * The Alembic anchor workloads (W1, W2, W4, W5 of the anchor's README), each
 * built for both tools as the anchor's gen_alembic.py builds it, and timed
 * side by side in one sitting: for every run the database is reset (untimed),
 * then athanor runs, then the database is reset again and Alembic runs, each
 * as a whole process under /usr/bin/time (wall and CPU). The row's ratio is
 * athanor / Alembic (below 1× athanor is faster); the note gives Alembic's
 * medians and the speed-up.
 *
 * Needs python3-alembic, psql and sqlite3 (the anchor's setup.sh installs
 * them). Run alone: `node bench/run.mjs anchors` (after `npm run build`);
 * `ANCHOR_RUNS=1` for a quick pass.
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { CLI_PATH, ROOT, median } from '../support.mjs'
import { writeAnchorProject } from './_generate.mjs'

export const title = 'anchors: athanor vs Alembic 1.8 (same workloads, one sitting)'

const ANCHOR = process.env.ATHANOR_ANCHOR_DIR ?? join(ROOT, '..', 'shared', 'anchors', 'alembic')
/** The system Python (Debian's python3-alembic), not a version manager's shim. */
const PYTHON = process.env.ATHANOR_ANCHOR_PYTHON ?? '/usr/bin/python3'
const RUNS = Number(process.env.ANCHOR_RUNS ?? 3)
const PG = 'postgres://postgres@127.0.0.1:5432'
const PG_ALEMBIC = 'postgresql+psycopg2://postgres@127.0.0.1:5432'

function sh(command, args, options = {}) {
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, ...options })
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${(r.stderr || '').trim().split('\n').slice(-1)[0]}`)
  return r
}

/** One process under /usr/bin/time: wall ms and user+system ms. */
function timed(command, args, cwd) {
  const start = performance.now()
  const r = sh('/usr/bin/time', ['-f', 'anchor-cpu:%U %S', command, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } })
  const ms = performance.now() - start
  const mark = r.stderr.split('\n').find((l) => l.startsWith('anchor-cpu:'))
  return { ms, cpuMs: mark.slice('anchor-cpu:'.length).split(' ').reduce((s, v) => s + Number(v) * 1000, 0) }
}

const athanor = (args) => [process.execPath, [CLI_PATH, ...args]]
const alembic = (args) => [PYTHON, ['-m', 'alembic', ...args]]
const pgReset = (name) => sh('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-q', '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, '-c', `CREATE DATABASE ${name}`])

/** Interleaved runs of both tools; `prepare(tool)` resets the database untimed before each. */
function sideBySide(name, { athanorDir, alembicDir, athanorArgs, alembicArgs, prepare, note = '' }) {
  const a = []
  const b = []
  for (let i = 0; i < RUNS; i += 1) {
    prepare('athanor')
    a.push(timed(...athanor(athanorArgs), athanorDir))
    prepare('alembic')
    b.push(timed(...alembic(alembicArgs), alembicDir))
  }
  const m = (xs, k) => median(xs.map((x) => x[k]))
  const [ms, cpuMs, anchorMs, anchorCpu] = [m(a, 'ms'), m(a, 'cpuMs'), m(b, 'ms'), m(b, 'cpuMs')]
  return { name, ms, cpuMs, anchorMs, note: `Alembic ${anchorMs.toFixed(0)} ms (cpu ${anchorCpu.toFixed(0)}): ${(anchorMs / ms).toFixed(2)}× faster, cpu ${(anchorCpu / cpuMs).toFixed(2)}×${note}` }
}

function generateAlembic(workload, dir, extra) {
  if (!existsSync(join(dir, 'versions'))) sh(PYTHON, [join(ANCHOR, 'gen_alembic.py'), workload, dir, ...extra])
}

function sqliteCases(work, rows, n) {
  const aDir = join(work, `w2_n${n}_athanor`)
  const bDir = join(work, `w2_n${n}_alembic`)
  writeAnchorProject('w2', aDir, { n, url: 'sqlite:./db.sqlite' })
  generateAlembic('w2', bDir, ['--n', String(n)])
  const dbs = { athanor: join(aDir, 'db.sqlite'), alembic: join(bDir, 'db.sqlite') }
  const empty = (tool) => rmSync(dbs[tool], { force: true })
  const atHead = (tool) => {
    empty(tool)
    if (tool === 'athanor') sh(...athanor(['-q', 'upgrade', 'head']), { cwd: aDir })
    else sh(...alembic(['upgrade', 'head']), { cwd: bDir })
  }
  rows.push(sideBySide(`W2 sqlite N=${n} upgrade head`, { athanorDir: aDir, alembicDir: bDir, athanorArgs: ['-q', 'upgrade', 'head'], alembicArgs: ['upgrade', 'head'], prepare: empty }))
  rows.push(sideBySide(`W2 sqlite N=${n} downgrade base`, { athanorDir: aDir, alembicDir: bDir, athanorArgs: ['-q', 'downgrade', 'base'], alembicArgs: ['downgrade', 'base'], prepare: atHead }))
}

function postgresCases(work, rows) {
  const n = 200
  const aDir = join(work, 'w2_pg_athanor')
  const bDir = join(work, 'w2_pg_alembic')
  writeAnchorProject('w2', aDir, { n, url: `${PG}/anchor_w2_athanor` })
  generateAlembic('w2', bDir, ['--n', String(n)])
  const db = { athanor: 'anchor_w2_athanor', alembic: 'anchor_w2_alembic' }
  const x = ['-x', `url=${PG_ALEMBIC}/${db.alembic}`]
  const empty = (tool) => pgReset(db[tool])
  const atHead = (tool) => {
    empty(tool)
    if (tool === 'athanor') sh(...athanor(['-q', 'upgrade', 'head']), { cwd: aDir })
    else sh(...alembic([...x, 'upgrade', 'head']), { cwd: bDir })
  }
  rows.push(sideBySide(`W2 postgres N=${n} upgrade head`, { athanorDir: aDir, alembicDir: bDir, athanorArgs: ['-q', 'upgrade', 'head'], alembicArgs: [...x, 'upgrade', 'head'], prepare: empty }))
  rows.push(sideBySide(`W2 postgres N=${n} downgrade base`, { athanorDir: aDir, alembicDir: bDir, athanorArgs: ['-q', 'downgrade', 'base'], alembicArgs: [...x, 'downgrade', 'base'], prepare: atHead }))
}

function bulkCases(work, rows) {
  const aDir = join(work, 'w4_athanor')
  const bDir = join(work, 'w4_alembic')
  writeAnchorProject('w4', aDir, { rows: 100_000, url: 'sqlite:./db.sqlite' })
  generateAlembic('w4', bDir, ['--rows', '100000'])
  const dbs = { athanor: join(aDir, 'db.sqlite'), alembic: join(bDir, 'db.sqlite') }
  rows.push(sideBySide('W4 sqlite bulkInsert 100k upgrade head', { athanorDir: aDir, alembicDir: bDir, athanorArgs: ['-q', 'upgrade', 'head'], alembicArgs: ['upgrade', 'head'], prepare: (tool) => rmSync(dbs[tool], { force: true }) }))
  const pg = { athanor: 'anchor_w4_athanor', alembic: 'anchor_w4_alembic' }
  rows.push(
    sideBySide('W4 postgres bulkInsert 100k upgrade head', {
      athanorDir: aDir,
      alembicDir: bDir,
      athanorArgs: ['-q', '--url', `${PG}/${pg.athanor}`, 'upgrade', 'head'],
      alembicArgs: ['-x', `url=${PG_ALEMBIC}/${pg.alembic}`, 'upgrade', 'head'],
      prepare: (tool) => pgReset(pg[tool]),
    }),
  )
}

/** W5: `big` with 1M rows stamped at rev 1, then the batch rebuild; the floor is the same SQL through better-sqlite3. */
function batchCases(work, rows) {
  const aDir = join(work, 'w5_athanor')
  const bDir = join(work, 'w5_alembic')
  const [r0, r1] = writeAnchorProject('w5', aDir, { url: 'sqlite:./db.sqlite' })
  generateAlembic('w5', bDir, ['--rows', '1000000'])
  const fill = readFileSync(join(bDir, 'fill.sql'), 'utf8')
  const templates = { athanor: join(aDir, 'template.sqlite'), alembic: join(bDir, 'template.sqlite') }
  if (!existsSync(templates.athanor)) {
    rmSync(join(aDir, 'db.sqlite'), { force: true })
    sh(...athanor(['-q', 'upgrade', r0]), { cwd: aDir })
    sh('sqlite3', [join(aDir, 'db.sqlite')], { input: fill })
    copyFileSync(join(aDir, 'db.sqlite'), templates.athanor)
  }
  if (!existsSync(templates.alembic)) {
    rmSync(join(bDir, 'db.sqlite'), { force: true })
    sh(...alembic(['upgrade', `${r0}`]), { cwd: bDir })
    sh('sqlite3', [join(bDir, 'db.sqlite')], { input: fill })
    copyFileSync(join(bDir, 'db.sqlite'), templates.alembic)
  }
  const fresh = (tool) => copyFileSync(templates[tool], join(tool === 'athanor' ? aDir : bDir, 'db.sqlite'))
  rows.push(sideBySide('W5 sqlite batch 1M rows upgrade head', { athanorDir: aDir, alembicDir: bDir, athanorArgs: ['-q', 'upgrade', 'head'], alembicArgs: ['upgrade', 'head'], prepare: fresh }))
  // The floor: the anchor's raw.sql (the statements of a batch rebuild, one transaction) through better-sqlite3 in a Node process.
  const raw = readFileSync(join(bDir, 'raw.sql'), 'utf8').replace(/alembic_version\.version_num/g, 'athanor_version.version_num').replace(/alembic_version/g, 'athanor_version')
  writeFileSync(join(aDir, 'raw.sql'), raw)
  const script = `const D=require(${JSON.stringify(join(ROOT, 'node_modules', 'better-sqlite3'))});const d=new D('db.sqlite');d.exec(require('fs').readFileSync('raw.sql','utf8'));d.close()`
  const a = []
  const b = []
  for (let i = 0; i < RUNS; i += 1) {
    fresh('athanor')
    a.push(timed(...athanor(['-q', 'upgrade', 'head']), aDir))
    fresh('athanor')
    b.push(timed(process.execPath, ['-e', script], aDir))
  }
  const ms = median(a.map((x) => x.ms))
  const anchorMs = median(b.map((x) => x.ms))
  rows.push({ name: 'W5 sqlite batch 1M rows vs raw SQL in better-sqlite3', ms, cpuMs: median(a.map((x) => x.cpuMs)), anchorMs, note: `floor: the same statements through better-sqlite3 (a Node process), ${anchorMs.toFixed(0)} ms; athanor ${(ms / anchorMs).toFixed(2)}× of it (rev ${r1})` })
}

function graphCases(work, rows) {
  const n = 1000
  const aDir = join(work, `w1_n${n}_athanor`)
  const bDir = join(work, `w1_n${n}_alembic`)
  writeAnchorProject('w1', aDir, { n, url: 'sqlite:./db.sqlite' })
  generateAlembic('w1', bDir, ['--n', String(n)])
  const none = () => {}
  // Warm both: Alembic's .pyc, athanor's transpile cache.
  sh(...athanor(['-q', 'upgrade', 'head', '--sql']), { cwd: aDir })
  sh(...alembic(['upgrade', 'head', '--sql']), { cwd: bDir })
  rows.push(sideBySide(`W1 N=${n} heads`, { athanorDir: aDir, alembicDir: bDir, athanorArgs: ['heads'], alembicArgs: ['heads'], prepare: none }))
  rows.push(sideBySide(`W1 N=${n} upgrade head --sql (warm)`, { athanorDir: aDir, alembicDir: bDir, athanorArgs: ['upgrade', 'head', '--sql'], alembicArgs: ['upgrade', 'head', '--sql'], prepare: none }))
}

const GROUPS = { w1: graphCases, w2: (work, rows) => (sqliteCases(work, rows, 200), sqliteCases(work, rows, 1000), postgresCases(work, rows)), w4: bulkCases, w5: batchCases }

/** The harness entry: `ANCHOR_WORKLOADS=w2,w4` picks workloads (default all). */
export async function run(ctx) {
  const rows = []
  const only = (process.env.ANCHOR_WORKLOADS ?? 'w1,w2,w4,w5').split(',')
  for (const [name, cases] of Object.entries(GROUPS)) {
    if (!only.includes(name)) continue
    ctx.log(`${name} (${RUNS} interleaved runs per case)`)
    cases(ctx.workDir, rows)
  }
  return rows
}
