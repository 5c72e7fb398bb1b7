/**
 * Runtime benchmarks: apply 1,000 one-statement revisions from empty and
 * downgrade them to base, on SQLite (file) and PostgreSQL, counting the
 * statements sent per revision; and the cold start of `athanor current` on a
 * one-revision project, as a whole CLI process.
 *
 * Run by the harness (`node bench/run.mjs runtime`) or alone:
 * `node bench/runtime/apply.mjs` (needs `npm run build` first).
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { benchContext, createServerDatabase, loadDist } from '../support.mjs'

export const title = 'runtime'

const REVISIONS = 1000

// Alembic 1.8.1 (Debian python3-alembic) on this machine, 2026-11-24, one run each:
// the same 1,000 one-statement revisions on a SQLite file, `alembic upgrade head`
// with transaction_per_migration=True, `alembic downgrade base`, and the default
// env.py (Alembic treats SQLite DDL as non-transactional there, so it still commits
// per statement). Whole processes, so Python start-up (~0.3 s) is included.
const ALEMBIC_SQLITE_MS = { upgrade: 2640, downgrade: 2484, single: 2442 }

function revisionId(i) {
  return (0xb0000000000 + i).toString(16).padStart(12, '0')
}

function revisionFile(i, up, down) {
  const id = revisionId(i)
  const parent = i === 0 ? 'null' : `'${revisionId(i - 1)}'`
  return `/**
 * bench ${i}
 *
 * Revision ID: ${id}
 * Revises: ${i === 0 ? '' : revisionId(i - 1)}
 * Create Date: 2026-11-24T00:00:00.000Z
 */
import type { Operations } from 'athanor'

export const revision = '${id}'
export const downRevision: string | string[] | null = ${parent}
export const branchLabels: string[] | null = null
export const dependsOn: string[] | null = null

export async function upgrade(op: Operations) {
  await op.execute('${up}')
}

export async function downgrade(op: Operations) {
  await op.execute('${down}')
}
`
}

/** A project of `n` revisions, each creating (and on downgrade dropping) one table. */
function writeProject(dir, n, url) {
  const versions = join(dir, 'migrations', 'versions')
  if (!(existsSync(versions) && readdirSync(versions).length === n)) {
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(versions, { recursive: true })
    for (let i = 0; i < n; i += 1) {
      writeFileSync(join(versions, `${revisionId(i)}_bench_${i}.ts`), revisionFile(i, `CREATE TABLE b${i} (id INTEGER)`, `DROP TABLE b${i}`))
    }
  }
  writeFileSync(join(dir, 'athanor.config.mjs'), `export default { url: ${JSON.stringify(url)} }\n`)
  return join(dir, 'migrations')
}

async function load() {
  const [commands, scripts, connect] = await Promise.all([
    loadDist('runtime/commands.js'),
    loadDist('script/script-directory.js'),
    loadDist('dialect/connect.js'),
  ])
  return { ...commands, ScriptDirectory: scripts.ScriptDirectory, openConnection: connect.openConnection }
}

function options(url) {
  return { url, versionTable: 'athanor_version', transactionPerMigration: true, xArgs: {} }
}

function anchor(label, kind) {
  return label === 'sqlite' ? { anchorMs: ALEMBIC_SQLITE_MS[kind] } : {}
}

/** Upgrade from empty to head, then downgrade to base; times and statements of each. */
async function applyAndRevert(rt, migrationsDir, url, label) {
  const script = await rt.ScriptDirectory.load(migrationsDir)
  // The fixed cost of a run (lock, version table, final read) is what a run with no steps sends.
  const idle = await rt.runDowngrade(script, 'base', options(url))
  let started = performance.now()
  const up = await rt.runUpgrade(script, 'head', options(url))
  const upMs = performance.now() - started
  started = performance.now()
  const down = await rt.runDowngrade(script, 'base', options(url))
  const downMs = performance.now() - started
  const perRevision = (result) => ((result.statements - idle.statements) / REVISIONS).toFixed(2)
  started = performance.now()
  await rt.runUpgrade(script, 'head', { ...options(url), transactionPerMigration: false })
  const singleMs = performance.now() - started
  await rt.runDowngrade(script, 'base', { ...options(url), transactionPerMigration: false })
  return [
    { name: `${label}: upgrade ${REVISIONS} revisions from empty`, ms: upMs, ...anchor(label, 'upgrade'), note: `${perRevision(up)} statements/revision (1 own + 1 version write + BEGIN/COMMIT${label === 'sqlite' ? ' + 1 version read + 1 foreign_key_check' : ''})` },
    { name: `${label}: downgrade ${REVISIONS} revisions to base`, ms: downMs, ...anchor(label, 'downgrade'), note: `${perRevision(down)} statements/revision` },
    { name: `${label}: upgrade ${REVISIONS} revisions, one transaction for the run`, ms: singleMs, ...anchor(label, 'single'), note: 'transactionPerMigration: false (one commit)' },
  ]
}

/** Runs every runtime benchmark and returns the harness's rows. */
export async function run(ctx) {
  const rt = await load()
  const rows = []

  const sqliteDir = join(ctx.workDir, `apply-${REVISIONS}-sqlite`)
  const sqliteFile = join(sqliteDir, 'bench.db')
  const sqliteMigrations = writeProject(sqliteDir, REVISIONS, `sqlite:${sqliteFile}`)
  rmSync(sqliteFile, { force: true })
  ctx.log(`sqlite: applying ${REVISIONS} revisions`)
  rows.push(...(await applyAndRevert(rt, sqliteMigrations, `sqlite:${sqliteFile}`, 'sqlite')))

  const pg = await createServerDatabase(rt.openConnection)
  try {
    ctx.log(`postgres: applying ${REVISIONS} revisions`)
    const pgMigrations = writeProject(join(ctx.workDir, `apply-${REVISIONS}-postgres`), REVISIONS, pg.url)
    rows.push(...(await applyAndRevert(rt, pgMigrations, pg.url, 'postgres')))
  } finally {
    await pg.drop()
  }

  const oneDir = join(ctx.workDir, 'current-one-revision')
  const oneFile = join(oneDir, 'app.db')
  writeProject(oneDir, 1, 'sqlite:./app.db')
  rmSync(oneFile, { force: true })
  await rt.runUpgrade(await rt.ScriptDirectory.load(join(oneDir, 'migrations')), 'head', options(`sqlite:${oneFile}`))
  const coldSqlite = await ctx.measure(() => ctx.cli(['current'], { cwd: oneDir }), { runs: 7, warmup: 1 })
  rows.push({ name: 'sqlite: `athanor current`, one-revision project, cold process', ms: coldSqlite })

  const pgOne = await createServerDatabase(rt.openConnection)
  try {
    const pgOneDir = join(ctx.workDir, 'current-one-revision-postgres')
    const migrations = writeProject(pgOneDir, 1, pgOne.url)
    await rt.runUpgrade(await rt.ScriptDirectory.load(migrations), 'head', options(pgOne.url))
    const coldPg = await ctx.measure(() => ctx.cli(['current'], { cwd: pgOneDir }), { runs: 7, warmup: 1 })
    rows.push({ name: 'postgres: `athanor current`, one-revision project, cold process', ms: coldPg })
  } finally {
    await pgOne.drop()
  }
  return rows
}

// Runnable alone: the harness's context, rows printed as JSON lines.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const row of await run(benchContext('runtime'))) console.log(JSON.stringify({ ...row, ms: Math.round(row.ms * 10) / 10 }))
}
