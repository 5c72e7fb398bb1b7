/**
 * Autogenerate on models shaped like the Alembic anchor's workload W3: T
 * tables (Integer PK, String(100), String(32), Text, Boolean, Integer with a
 * server default, Numeric(10,2), two DateTimes, an FK to t<(i-1)//2>), an
 * index (name, created_at) and a unique index (code) each. Three databases
 * per size: empty (the initial migration: 3 ops per table), the same schema
 * (0 ops), and one where every 10th table differs (descr missing, name
 * VARCHAR(50), or the index missing: T/10 ops).
 *
 * Timed two ways: in-process from `dist/` (load the models module, reflect,
 * compare, render and write the revision file, removed again), and as the
 * whole `athanor revision --autogenerate -m x` process, which is what the
 * Alembic anchor times (its figures include Python's ~0.25 s start-up).
 *
 *   node bench/autogenerate/w3.mjs        runs alone (needs `npm run build`)
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL, fileURLToPath } from 'node:url'
import { performance } from 'node:perf_hooks'
import { createServerDatabase } from '../support.mjs'

export const title = 'autogenerate (W3)'

const SIZES = [100, 500]
const DATABASES = ['sqlite', 'postgres']

// Alembic 1.8.1, anchor run of 2026-11-22, workload W3, median seconds → ms.
const ALEMBIC_MS = {
  sqlite: { 100: { empty: 673, same: 615, drift: 635 }, 500: { empty: 2741, same: 2299, drift: 2227 } },
  postgres: { 100: { empty: 690, same: 1296, drift: 1252 }, 500: { empty: 2731, same: 5417, drift: 5261 } },
}

/** Source of the models module; `drift` writes the database-side variant. */
function modelsSource(count, drift) {
  const lines = [`import { MetaData, index, sql, t, table } from 'athanor'`, '', 'export const metadata = new MetaData()', '']
  for (let i = 0; i < count; i++) {
    const kind = drift && i % 10 === 5 ? Math.floor(i / 10) % 3 : null
    const columns = [
      'id: t.integer().primaryKey()',
      `name: t.string(${kind === 1 ? 50 : 100}).notNull()`,
      'code: t.string(32).notNull()',
      ...(kind === 0 ? [] : ['descr: t.text()']),
      'active: t.boolean().notNull()',
      `qty: t.integer().notNull().serverDefault(sql\`'0'\`)`,
      'amount: t.numeric(10, 2)',
      'created_at: t.datetime().notNull()',
      'updated_at: t.datetime()',
      i > 0 ? `parent_id: t.integer().references('t${Math.floor((i - 1) / 2)}.id')` : 'parent_id: t.integer()',
    ]
    const indexes = [
      ...(kind === 2 ? [] : [`index('ix_t${i}_name_created').on(c.name, c.created_at)`]),
      `index('uq_t${i}_code').on(c.code).unique()`,
    ]
    lines.push(`export const t${i} = table('t${i}', {`, ...columns.map((c) => `  ${c},`), `}, { metadata, indexes: (c) => [${indexes.join(', ')}] })`, '')
  }
  return lines.join('\n')
}

/** A fresh database for one case: a file on SQLite, a new server database otherwise. */
async function makeDatabase(kind, dir, name, api) {
  if (kind === 'sqlite') return { url: `sqlite:${join(dir, `${name}.db`)}`, drop: async () => {} }
  return createServerDatabase(api.openConnection, kind)
}

/** Builds the database from a models module the way a user would: autogenerate from empty, then apply the ops. */
async function createFrom(url, modelsPath, api) {
  const { tables } = await api.loadModels(modelsPath)
  const conn = await api.openConnection(url)
  try {
    const comparison = await api.compareWithConnection(conn, tables, { versionTable: 'athanor_version' })
    const executor = { dialect: conn.dialect, offline: false, run: (s) => conn.execute(s.sql, s.params ?? []), query: (s) => conn.query(s.sql, s.params ?? []), autocommit: (fn) => fn() }
    for (const change of comparison.changes) await change.op.run(executor)
  } finally {
    await conn.close()
  }
}

async function loadApi(root) {
  const dist = (p) => import(pathToFileURL(join(root, 'dist', p)).href)
  const [autogenerate, load, connect, script] = await Promise.all([
    dist('autogenerate/autogenerate.js'),
    dist('api/load-models.js'),
    dist('dialect/connect.js'),
    dist('script/script-directory.js'),
  ])
  return { ...autogenerate, ...load, ...connect, ...script }
}

/** The timed unit: `revision --autogenerate` minus process start-up. Returns the number of upgrade ops. */
async function autogenerateOnce(api, url, modelsPath, migrationsDir) {
  const { tables } = await api.loadModels(modelsPath)
  const conn = await api.openConnection(url)
  try {
    const comparison = await api.compareWithConnection(conn, tables, { versionTable: 'athanor_version' })
    const script = await api.ScriptDirectory.load(migrationsDir)
    // As athanor.autogenerate does: render and write only when something differs.
    if (comparison.changes.length > 0) {
      const { upgradeBody, downgradeBody, imports } = api.renderComparison(comparison, conn.dialect)
      const revision = await script.writeRevision({ message: 'x', downRevisions: [], upgradeBody, downgradeBody, ...(imports ? { imports } : {}) })
      rmSync(revision.path)
    }
    return comparison.changes.length
  } finally {
    await conn.close()
  }
}

/** Runs the benchmark; rows for bench/run.mjs. */
export async function run(ctx) {
  const api = await loadApi(ctx.root)
  const rows = []
  for (const kind of DATABASES) {
    for (const size of SIZES) {
      const dir = join(ctx.workDir, `w3-${kind}-${size}`)
      rmSync(dir, { recursive: true, force: true })
      mkdirSync(join(dir, 'migrations', 'versions'), { recursive: true })
      const models = join(dir, 'models.ts')
      const driftModels = join(dir, 'models_drift.ts')
      writeFileSync(models, modelsSource(size, false))
      writeFileSync(driftModels, modelsSource(size, true))
      const dbs = {}
      try {
        for (const name of ['empty', 'same', 'drift']) dbs[name] = await makeDatabase(kind, dir, name, api)
        ctx.log(`${kind} T=${size}: building databases`)
        await createFrom(dbs.same.url, models, api)
        await createFrom(dbs.drift.url, driftModels, api)
        for (const name of ['empty', 'same', 'drift']) {
          let ops = 0
          const ms = await ctx.measure(async () => {
            ops = await autogenerateOnce(api, dbs[name].url, models, join(dir, 'migrations'))
          }, { runs: size >= 500 ? 3 : 5, warmup: 1 })
          rows.push({ name: `T=${size} ${kind} ${name} (in-process)`, ms, anchorMs: ALEMBIC_MS[kind][size][name], note: `upgrade ops: ${ops}` })
          ctx.log(`${kind} T=${size} ${name}: ${ms.toFixed(0)} ms, ${ops} ops`)
          try {
            const cliMs = await measureCli(ctx, dir, dbs[name].url, size >= 500 ? 3 : 5)
            rows.push({ name: `T=${size} ${kind} ${name} (CLI process)`, ms: cliMs, anchorMs: ALEMBIC_MS[kind][size][name] })
            ctx.log(`${kind} T=${size} ${name} via the CLI: ${cliMs.toFixed(0)} ms`)
          } catch (error) {
            ctx.log(`${kind} T=${size} ${name} via the CLI: not measured (${error instanceof Error ? error.message : String(error)})`)
          }
        }
      } finally {
        for (const db of Object.values(dbs)) await db.drop()
      }
    }
  }
  return rows
}

/** `athanor revision --autogenerate -m x` as a whole process in a project on `url`; the written file is removed after each run. */
async function measureCli(ctx, dir, url, runs) {
  writeFileSync(join(dir, 'athanor.config.ts'), `export default { url: ${JSON.stringify(url)}, models: './models.ts', migrations: './migrations' }\n`)
  const versions = join(dir, 'migrations', 'versions')
  const once = () => {
    ctx.cli(['revision', '--autogenerate', '-m', 'x', '-q'], { cwd: dir })
    for (const file of readdirSync(versions)) rmSync(join(versions, file))
  }
  return ctx.measure(once, { runs, warmup: 1 })
}

function cli(root) {
  return (args, options = {}) => {
    const result = spawnSync(process.execPath, [join(root, 'dist', 'cli', 'main.js'), ...args], { cwd: options.cwd ?? root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
    if (result.status !== 0) throw new Error(`athanor ${args.join(' ')} exited ${result.status}: ${(result.stderr || '').trim().split('\n')[0]}`)
    return result
  }
}

async function measure(fn, { runs = 5, warmup = 1 } = {}) {
  for (let i = 0; i < warmup; i++) await fn()
  const samples = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await fn()
    samples.push(performance.now() - start)
  }
  samples.sort((a, b) => a - b)
  const mid = Math.floor(samples.length / 2)
  return samples.length % 2 === 1 ? samples[mid] : (samples[mid - 1] + samples[mid]) / 2
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = join(fileURLToPath(import.meta.url), '..', '..', '..')
  const workDir = join(root, 'bench', '.work', 'autogenerate')
  mkdirSync(workDir, { recursive: true })
  const rows = await run({ root, workDir, measure, cli: cli(root), log: (text) => process.stderr.write(`${text}\n`) })
  for (const r of rows) console.log(`${r.name.padEnd(40)} ${r.ms.toFixed(1).padStart(9)} ms   alembic ${String(r.anchorMs).padStart(5)} ms   ${(r.ms / r.anchorMs).toFixed(2)}x   ${r.note ?? ''}`)
}
