/**
 * SQLite batch alter (move and copy) of a 1,000,000-row table with two
 * indexes, against the plain-SQL lower bound: the same CREATE, INSERT…SELECT,
 * DROP, RENAME and CREATE INDEX statements run with better-sqlite3 `exec` in
 * one transaction. Goal: within 1.3× of the bound.
 *
 * Run by the harness (`node bench/run.mjs operations`) or alone:
 * `node bench/operations/sqlite-batch.mjs` (after `npm run build`).
 */
import Database from 'better-sqlite3'
import { copyFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { median } from '../support.mjs'
import { openConnection, operationsOn, schema } from './_support.mjs'

export const title = 'operations: SQLite batch'

const ROWS = 1_000_000
const RUNS = 7
const { t } = schema

function makeTemplate(path) {
  const db = new Database(path)
  db.pragma('journal_mode = DELETE')
  db.exec(`CREATE TABLE big (
    id INTEGER PRIMARY KEY,
    a INTEGER NOT NULL,
    b TEXT,
    c REAL,
    d TEXT DEFAULT 'x',
    CONSTRAINT ck_big_a CHECK (a >= 0)
  )`)
  db.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS})
           INSERT INTO big SELECT i, i % 1000, 'b' || i, i * 0.5, 'd' FROM n`)
  db.exec('CREATE INDEX ix_big_a ON big (a)')
  db.exec('CREATE INDEX ix_big_b ON big (b)')
  db.close()
}

/** The lower bound: the same move-and-copy written by hand. */
function byHand(path) {
  const db = new Database(path)
  const start = performance.now()
  db.exec(`BEGIN;
    CREATE TABLE _tmp_big (id INTEGER NOT NULL, a INTEGER NOT NULL, b TEXT NOT NULL, c REAL, d TEXT DEFAULT 'x', PRIMARY KEY (id), CONSTRAINT ck_big_a CHECK (a >= 0));
    INSERT INTO _tmp_big (id, a, b, c, d) SELECT id, a, b, c, d FROM big;
    DROP TABLE big;
    ALTER TABLE _tmp_big RENAME TO big;
    CREATE INDEX ix_big_a ON big (a);
    CREATE INDEX ix_big_b ON big (b);
    COMMIT;`)
  const ms = performance.now() - start
  db.close()
  return ms
}

async function withAthanor(path) {
  const conn = await openConnection(`sqlite:${path}`)
  const { op, begin, commit } = operationsOn(conn)
  await begin()
  const start = performance.now()
  await op.alterColumn('big', 'b', { nullable: false })
  await commit()
  const ms = performance.now() - start
  await conn.close()
  return ms
}

/** Runs the benchmark; rows for the harness. */
export async function run(ctx = { log: (s) => process.stderr.write(`${s}\n`) }) {
  const dir = tmpdir()
  const template = join(dir, `athanor-bench-batch-${process.pid}.db`)
  const work = join(dir, `athanor-bench-batch-${process.pid}-run.db`)
  ctx.log(`seeding ${ROWS} rows`)
  makeTemplate(template)
  const ours = []
  const bound = []
  try {
    // Interleaved, alternating which goes first, so a busy machine hurts both alike.
    for (let i = 0; i < RUNS; i++) {
      const pair = [async () => { copyFileSync(template, work); bound.push(byHand(work)) }, async () => { copyFileSync(template, work); ours.push(await withAthanor(work)) }]
      if (i % 2 === 1) pair.reverse()
      for (const step of pair) await step()
    }
  } finally {
    rmSync(template, { force: true })
    rmSync(work, { force: true })
  }
  // The first pair warms the page cache.
  const ms = median(ours.slice(1))
  const anchorMs = median(bound.slice(1))
  return [{ name: `alter 1 column of ${ROWS.toLocaleString('en')} rows`, ms, anchorMs, note: `goal ≤ 1.3× of hand-written exec (${(ms / anchorMs).toFixed(2)}×)` }]
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await run()) console.log(`${row.name}: ${row.ms.toFixed(0)} ms vs lower bound ${row.anchorMs.toFixed(0)} ms — ${row.note}`)
}
