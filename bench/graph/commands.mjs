/**
 * Graph commands on big projects, as whole CLI processes: `heads`, `history`,
 * `show head`, `graph` on 100 … 10,000 revisions shaped like the Alembic
 * anchor's workload W1 (linear, and in every 50 revisions numbers 47 and 48
 * branch off 46 and 49 merges them).
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const title = 'graph (W1)'

const SIZES = [100, 1000, 5000, 10000]

// Alembic 1.8.1 on the same machine class (anchor run of 2026-11-22, workload W1,
// hyperfine median, seconds → ms). No Alembic row exists for `show` and `graph`, nor for N=10000.
const ALEMBIC_MS = {
  100: { heads: 275, history: 281 },
  1000: { heads: 403, history: 438 },
  5000: { heads: 1011, history: 1605 },
}

const COMMANDS = [
  { name: 'heads', args: ['heads'] },
  { name: 'history', args: ['history'] },
  { name: 'show head', args: ['show', 'head'] },
  { name: 'graph', args: ['graph'] },
]

/** Revision id i of workload W1, as the Alembic anchor generator makes it. */
function revisionId(i) {
  return createHash('sha1').update(`w1-${i}`).digest('hex').slice(0, 12)
}

function revisionFile(id, down, message) {
  const downText = down.length === 0 ? 'null' : down.length === 1 ? `'${down[0]}'` : `[${down.map((d) => `'${d}'`).join(', ')}]`
  return `/**
 * ${message}
 *
 * Revision ID: ${id}
 * Revises: ${down.join(', ')}
 * Create Date: 2026-11-22T00:00:00.000Z
 */
import type { Operations } from 'athanor'

export const revision = '${id}'
export const downRevision: string | string[] | null = ${downText}
export const branchLabels: string[] | null = null
export const dependsOn: string[] | null = null

export async function upgrade(op: Operations) {
  await op.execute('SELECT 1')
}

export async function downgrade(op: Operations) {
  await op.execute('SELECT 1')
}
`
}

/** Writes the W1 project of `n` revisions into `dir` unless it is already there. */
export function generateW1(dir, n) {
  const versions = join(dir, 'migrations', 'versions')
  if (existsSync(versions) && readdirSync(versions).length === n) return
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(versions, { recursive: true })
  writeFileSync(join(dir, 'athanor.config.mjs'), `export default { url: 'sqlite:./app.db' }\n`)
  let head = null
  const add = (i, down, message) => {
    const id = revisionId(i)
    writeFileSync(join(versions, `${id}_rev_${i}.ts`), revisionFile(id, down, message))
    return id
  }
  for (let i = 0; i < n; ) {
    if (i % 50 === 47 && i + 2 < n && head !== null) {
      const a = add(i, [head], `rev ${i} branch a`)
      const b = add(i + 1, [head], `rev ${i + 1} branch b`)
      head = add(i + 2, [a, b], `rev ${i + 2} merge`)
      i += 3
    } else {
      head = add(i, head === null ? [] : [head], `rev ${i}`)
      i += 1
    }
  }
}

/** Times each command on each size. */
export async function run(ctx) {
  const rows = []
  for (const n of SIZES) {
    const dir = join(ctx.workDir, `w1-${n}`)
    ctx.log(`generating ${n} revisions`)
    generateW1(dir, n)
    for (const command of COMMANDS) {
      const timing = await ctx.measureCli(command.args, { cwd: dir, runs: 5, warmup: 1 })
      const anchor = ALEMBIC_MS[n]?.[command.name]
      rows.push({ name: `N=${n} ${command.name}`, ...timing, ...(anchor === undefined ? {} : { anchorMs: anchor }) })
    }
  }
  const floor = await ctx.measureCli(['--version'], { runs: 5, warmup: 1 })
  rows.push({ name: 'athanor --version', ...floor, note: 'process start-up floor' })
  return rows
}
