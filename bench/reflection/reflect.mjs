#!/usr/bin/env node
/**
 * Reflection of 100, 500 and 2,000 tables (10 columns, 2 indexes, 1 foreign
 * key each, the table shape of the Alembic anchor's W3) on SQLite,
 * PostgreSQL and MariaDB, with the number of catalog queries sent.
 *
 *   node bench/reflection/reflect.mjs                 every database and size
 *   node bench/reflection/reflect.mjs postgres 500    only those (any order)
 *
 * Imports athanor from dist/ (`npm run build` first). Also a module of the
 * bench harness (`node bench/run.mjs reflection`). The anchor column is
 * SQLAlchemy 1.4 reflecting the same database (`_sqlalchemy_reflect.py`).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { benchContext, createServerDatabase, loadDist, medianMs } from '../support.mjs'

export const title = 'reflection'

const SIZES = [100, 500, 2000]
const DATABASES = ['sqlite', 'postgres', 'mysql']

// The anchor: SQLAlchemy 1.4 (what Alembic reflects with) on the same database,
// table by table as autogenerate does. Needs python3 with sqlalchemy, psycopg2
// and pymysql (Debian: python3-sqlalchemy python3-psycopg2 python3-pymysql);
// without them the rows carry no anchor.
const PYTHON = process.env.ATHANOR_BENCH_PYTHON ?? '/usr/bin/python3'

function sqlalchemyMs(url, runs) {
  const script = new URL('./_sqlalchemy_reflect.py', import.meta.url).pathname
  const result = spawnSync(PYTHON, [script, url, String(runs)], { encoding: 'utf8' })
  if (result.status !== 0) return undefined
  const ms = Number(result.stdout.trim())
  return Number.isFinite(ms) ? ms : undefined
}

async function loadAthanor() {
  const [connect, reflector, schema] = await Promise.all([loadDist('dialect/connect.js'), loadDist('dialect/reflector.js'), loadDist('schema/index.js')])
  return { ...connect, ...reflector, ...schema }
}

/** Table i of the W3 shape; its foreign key points at t<(i-1)/2> (a tree, as in the anchor). */
function benchTable(a, i) {
  const { table, t, index } = a
  const parent = i === 0 ? null : `t${Math.floor((i - 1) / 2)}`
  return table(
    `t${i}`,
    {
      id: t.integer().primaryKey(),
      name: t.string(100).notNull(),
      code: t.string(32).notNull(),
      body: t.text(),
      active: t.boolean().notNull(),
      qty: t.integer().notNull().serverDefault(0),
      price: t.numeric(10, 2),
      created_at: t.datetime(),
      updated_at: t.datetime(),
      parent_id: parent === null ? t.integer() : t.integer().references(`${parent}.id`),
    },
    { indexes: (c) => [index(`ix_t${i}_name_created`).on(c.name, c.created_at), index(`ux_t${i}_code`).on(c.code).unique()] },
  )
}

async function createDatabase(a, kind, workDir) {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(workDir ?? tmpdir(), 'reflect-'))
    return { url: `sqlite:${join(dir, 'bench.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) }
  }
  return createServerDatabase(a.openConnection, kind)
}

async function createTables(a, conn, from, to) {
  if (conn.dialect.name === 'postgres') {
    // PostgreSQL's simple protocol takes many statements at once; batches of 200
    // tables stay within the lock table (max_locks_per_transaction).
    for (let start = from; start < to; start += 200) {
      const batch = []
      for (let i = start; i < Math.min(to, start + 200); i++) batch.push(...conn.dialect.compiler.createTable(benchTable(a, i)))
      await conn.execute('BEGIN;\n' + batch.map((s) => s.sql).join(';\n') + ';\nCOMMIT')
    }
    return
  }
  const statements = []
  for (let i = from; i < to; i++) statements.push(...conn.dialect.compiler.createTable(benchTable(a, i)))
  if (conn.dialect.name === 'sqlite') await conn.execute('BEGIN')
  for (const s of statements) await conn.execute(s.sql)
  if (conn.dialect.name === 'sqlite') await conn.execute('COMMIT')
}

/**
 * Runs the benchmark; rows `{ name, ms, note }` for the harness.
 * `ctx.filters` (standalone: the command line) narrows databases and sizes.
 */
export async function run(ctx) {
  const a = await loadAthanor()
  const filters = ctx.filters ?? []
  const kinds = DATABASES.filter((k) => !filters.some((f) => DATABASES.includes(f)) || filters.includes(k))
  const sizes = SIZES.filter((n) => !filters.some((f) => /^\d+$/.test(f)) || filters.includes(String(n)))
  const rows = []
  for (const kind of kinds) {
    const db = await createDatabase(a, kind, ctx.workDir)
    const conn = await a.openConnection(db.url)
    try {
      let created = 0
      for (const n of sizes) {
        ctx.log(`${kind}: creating ${n} tables`)
        await createTables(a, conn, created, n)
        created = n
        let queries = 0
        let tables = 0
        const ms = await (ctx.measure ?? medianMs)(
          async () => {
            const reflected = await a.reflect(conn)
            queries = reflected.queryCount
            tables = reflected.tables.length
          },
          { runs: n >= 2000 ? 3 : 5, warmup: 1 },
        )
        if (tables !== n) throw new Error(`${kind}: reflected ${tables} tables, expected ${n}`)
        const anchorMs = ctx.anchor === false ? undefined : sqlalchemyMs(db.url, n >= 2000 ? 1 : 3)
        rows.push({ name: `${kind} ${n} tables`, ms, ...(anchorMs === undefined ? {} : { anchorMs }), note: `${queries} queries` })
        ctx.log(`${kind} ${n}: ${ms.toFixed(1)} ms, ${queries} queries${anchorMs === undefined ? '' : `; SQLAlchemy ${anchorMs.toFixed(0)} ms`}`)
      }
    } finally {
      await conn.close()
      await db.drop()
    }
  }
  return rows
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href
if (invokedDirectly) {
  const rows = await run({ ...benchContext('reflection'), filters: process.argv.slice(2) })
  for (const row of rows) {
    const anchor = row.anchorMs === undefined ? '' : `   SQLAlchemy ${row.anchorMs.toFixed(0)} ms (${(row.ms / row.anchorMs).toFixed(2)}×)`
    console.log(`${row.name.padEnd(24)} ${row.ms.toFixed(1).padStart(9)} ms   ${row.note}${anchor}`)
  }
}
