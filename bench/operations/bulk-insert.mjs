/**
 * bulkInsert of 100,000 rows of five columns (integer, text, boolean,
 * datetime, JSON) in one transaction, on SQLite (file) and PostgreSQL.
 * The anchor is the same rows sent by hand as multi-row INSERTs of the same
 * size through the same connection, so the ratio is athanor's own overhead.
 *
 * Run by the harness (`node bench/run.mjs operations`) or alone:
 * `node bench/operations/bulk-insert.mjs` (after `npm run build`).
 */
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { median } from '../support.mjs'
import { createPostgresDatabase, openConnection, operationsOn, schema } from './_support.mjs'

export const title = 'operations: bulkInsert'

const ROWS = 100_000
const { t, table } = schema
const seed = table('seed', { id: t.integer(), label: t.text(), flag: t.boolean(), at: t.datetime(), doc: t.json() })
const when = new Date('2026-01-02T03:04:05.000Z')
const rows = Array.from({ length: ROWS }, (_, i) => ({ id: i + 1, label: `row ${i} it's`, flag: i % 2 === 0, at: when, doc: { i } }))

async function time(url, fn) {
  const conn = await openConnection(url)
  try {
    const { op, begin, commit } = operationsOn(conn)
    await op.createTable('seed', { id: t.integer().primaryKey(), label: t.text(), flag: t.boolean(), at: t.datetime(), doc: t.json() })
    await op.drain()
    await begin()
    const start = performance.now()
    await fn(op, conn)
    await commit()
    return performance.now() - start
  } finally {
    await conn.close()
  }
}

/** Rows sent as plain multi-row INSERTs of the same size, values already in driver form. */
async function byHand(conn) {
  const perStatement = Math.floor(conn.dialect.compiler.maxBindParameters / 5)
  const sqliteish = conn.dialect.name === 'sqlite'
  for (let i = 0; i < ROWS; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement)
    const params = []
    // The conversions any caller must make: booleans for SQLite, Dates to UTC text, JSON to text.
    for (const r of chunk) params.push(r.id, r.label, sqliteish ? (r.flag ? 1 : 0) : r.flag, r.at.toISOString().replace('T', ' ').replace('Z', ''), JSON.stringify(r.doc))
    await conn.execute(`INSERT INTO seed (id, label, flag, at, doc) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?)').join(', ')}`, params)
  }
}

async function measureOn(name, makeUrl, runs = 3) {
  const samples = []
  const anchors = []
  for (let i = 0; i < runs; i++) {
    const a = await makeUrl()
    samples.push(await time(a.url, (op) => op.bulkInsert(seed, rows)))
    await a.drop()
    const b = await makeUrl()
    anchors.push(await time(b.url, (_op, conn) => byHand(conn)))
    await b.drop()
  }
  const ms = median(samples)
  return { name, ms, anchorMs: median(anchors), note: `${Math.round(ROWS / (ms / 1000)).toLocaleString('en')} rows/s; anchor = hand-written multi-row INSERTs with the same value conversions` }
}

let counter = 0
function sqliteFile() {
  const path = join(tmpdir(), `athanor-bench-bulk-${process.pid}-${counter++}.db`)
  return { url: `sqlite:${path}`, drop: async () => rmSync(path, { force: true }) }
}

/** Runs the benchmark; rows for the harness. */
export async function run(ctx = { log: (s) => process.stderr.write(`${s}\n`) }) {
  ctx.log(`SQLite: ${ROWS} rows`)
  const sqlite = await measureOn(`${ROWS.toLocaleString('en')} rows, SQLite file`, async () => sqliteFile())
  ctx.log(`PostgreSQL: ${ROWS} rows`)
  const postgres = await measureOn(`${ROWS.toLocaleString('en')} rows, PostgreSQL`, createPostgresDatabase)
  return [sqlite, postgres]
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await run()) console.log(`${row.name}: ${row.ms.toFixed(0)} ms (hand-written ${row.anchorMs.toFixed(0)} ms, ${(row.ms / row.anchorMs).toFixed(2)}×) — ${row.note}`)
}
