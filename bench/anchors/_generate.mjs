/**
 * Athanor projects for the Alembic anchor workloads, built as the anchor's
 * `gen_alembic.py` builds its own (same revision graph, tables, columns, types
 * and rows), so the two tools are timed on the same work.
 *
 * @example
 * writeAnchorProject('w2', 'bench/.work/anchors/w2', { n: 200, url: 'sqlite:./db.sqlite' })
 */
import { createHash } from 'node:crypto'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** The anchor's column types (TYPES in gen_alembic.py), in the same order. */
const TYPES = ['t.integer()', 't.string(50)', 't.text()', 't.boolean()', 't.datetime()', 't.numeric(10, 2)']

/** Ids derived from the workload and position, as gen_alembic.py's `rid` (sha1, 12 hex). */
function rid(workload, i) {
  return createHash('sha1').update(`${workload}-${i}`).digest('hex').slice(0, 12)
}

const COLS5 = `{ id: t.integer().primaryKey(), name: t.string(50), qty: t.integer(), price: t.numeric(10, 2), created: t.datetime() }`

function w1(n) {
  const revs = []
  let head = null
  const add = (i, down, message) => {
    const up = i === 0 ? Array.from({ length: 20 }, (_, k) => `await op.createTable('t${k}', { id: t.integer().primaryKey() })`) : [`await op.addColumn('t${i % 20}', 'c${i}', ${TYPES[i % TYPES.length]})`]
    const dn = i === 0 ? Array.from({ length: 20 }, (_, k) => `await op.dropTable('t${19 - k}')`) : [`await op.dropColumn('t${i % 20}', 'c${i}')`]
    revs.push({ rev: rid('w1', i), down, message, up, dn })
    return rid('w1', i)
  }
  let i = 0
  while (i < n) {
    if (i % 50 === 47 && i + 2 < n && head !== null) {
      const a = add(i, head, `rev ${i} branch a`)
      const b = add(i + 1, head, `rev ${i + 1} branch b`)
      head = add(i + 2, [a, b], `rev ${i + 2} merge`)
      i += 3
    } else {
      head = add(i, head, `rev ${i}`)
      i += 1
    }
  }
  return revs
}

function w2(n) {
  const revs = []
  let head = null
  for (let i = 0; i < n; i += 1) {
    const k = Math.floor(i / 10)
    const up = i % 10 === 0 ? [`await op.createTable('w${k}', { id: t.integer().primaryKey(), name: t.string(50).notNull() })`] : [`await op.addColumn('w${k}', 'c${i}', ${TYPES[i % TYPES.length]})`]
    const dn = i % 10 === 0 ? [`await op.dropTable('w${k}')`] : [`await op.dropColumn('w${k}', 'c${i}')`]
    revs.push({ rev: rid('w2', i), down: head, message: `rev ${i}`, up, dn })
    head = rid('w2', i)
  }
  return revs
}

function w4(rows) {
  const r0 = rid('w4', 0)
  return [
    { rev: r0, down: null, message: 'create bulk', up: [`await op.createTable('bulk', ${COLS5})`], dn: [`await op.dropTable('bulk')`] },
    {
      rev: rid('w4', 1),
      down: r0,
      message: 'bulk insert',
      imports: ', table',
      up: [
        `const bulk = table('bulk', { id: t.integer(), name: t.string(), qty: t.integer(), price: t.numeric(10, 2), created: t.datetime() })`,
        `const base = Date.UTC(2024, 0, 1)`,
        `const rows = []`,
        `for (let i = 1; i <= ${rows}; i += 1) rows.push({ id: i, name: \`name-\${i}\`, qty: i % 1000, price: ((i % 10000) / 100).toFixed(2), created: new Date(base + i * 1000) })`,
        `await op.bulkInsert(bulk, rows)`,
      ],
      dn: [`await op.execute('DELETE FROM bulk')`],
    },
  ]
}

function w5() {
  const r0 = rid('w5', 0)
  return [
    { rev: r0, down: null, message: 'create big', up: [`await op.createTable('big', ${COLS5})`], dn: [`await op.dropTable('big')`] },
    {
      rev: rid('w5', 1),
      down: r0,
      message: 'batch alter big',
      up: [`await op.batchAlterTable('big', (b) => {`, `  b.addColumn('note', t.string(100))`, `  b.alterColumn('qty', { type: t.bigint(), existingType: t.integer() })`, `})`],
      dn: [`await op.batchAlterTable('big', (b) => {`, `  b.alterColumn('qty', { type: t.integer(), existingType: t.bigint() })`, `  b.dropColumn('note')`, `})`],
    },
  ]
}

function revisionFile(r) {
  const parents = r.down === null ? [] : Array.isArray(r.down) ? r.down : [r.down]
  const down = parents.length === 0 ? 'null' : parents.length === 1 ? `'${parents[0]}'` : JSON.stringify(parents)
  const body = (lines) => lines.map((l) => `  ${l}`).join('\n')
  return `/**
 * ${r.message}
 *
 * Revision ID: ${r.rev}
 * Revises: ${parents.join(', ')}
 * Create Date: 2026-11-22T00:00:00.000Z
 */
import { type Operations, t${r.imports ?? ''} } from 'athanor'

export const revision = '${r.rev}'
export const downRevision: string | string[] | null = ${down}
export const branchLabels: string[] | null = null
export const dependsOn: string[] | null = null

export async function upgrade(op: Operations) {
${body(r.up)}
}

export async function downgrade(op: Operations) {
${body(r.dn)}
}
`
}

const WORKLOADS = { w1: (o) => w1(o.n), w2: (o) => w2(o.n), w4: (o) => w4(o.rows ?? 100_000), w5: () => w5() }

/**
 * Writes the athanor project of `workload` into `dir` (replacing it): config
 * with `url`, migrations/versions/ with one file per revision. Returns the ids.
 */
export function writeAnchorProject(workload, dir, options) {
  const revs = WORKLOADS[workload](options)
  rmSync(dir, { recursive: true, force: true })
  const versions = join(dir, 'migrations', 'versions')
  mkdirSync(versions, { recursive: true })
  writeFileSync(join(dir, 'athanor.config.mjs'), `export default { url: ${JSON.stringify(options.url)}, migrations: './migrations' }\n`)
  for (const r of revs) writeFileSync(join(versions, `${r.rev}_${r.message.replace(/ /g, '_')}.ts`), revisionFile(r))
  return revs.map((r) => r.rev)
}
