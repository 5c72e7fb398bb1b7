/**
 * Values no database stores as written (NaN, ±Infinity, an invalid Date, a
 * function, a symbol, a BigInt out of range, a JSON value hiding one) are
 * refused the same way online and in `--sql`, on every database: the
 * revision fails naming the row and the column, and nothing is written.
 */
import { describe, expect, it } from 'vitest'
import { MigrationFailedError } from '../../src/runtime/migration-failed-error.js'
import { runUpgrade } from '../../src/runtime/commands.js'
import { versionRows } from '../support/catalog.js'
import { ALL_DATABASES } from '../support/databases.js'
import { revisionId, runtimeOptions, writeMigrationProject, type MigrationProject } from '../support/migration-project.js'
import { eachTestProject } from '../support/each-test-project.js'

interface ValueCase {
  readonly name: string
  /** The JavaScript expression of the second row's bad value, and its column. */
  readonly value: string
  readonly column: 'amount' | 'seen' | 'doc' | 'big'
  /** The message after `upgrade 000000000002 (seed) failed: `. */
  readonly message: string
}

const where = (path: string): string => `bulkInsert into "vals": rows[1].${path}`
const CASES: readonly ValueCase[] = [
  { name: 'NaN', value: 'Number.NaN', column: 'amount', message: `${where('amount')} is NaN, which no database stores; use null for a missing number` },
  { name: 'Infinity', value: 'Infinity', column: 'amount', message: `${where('amount')} is Infinity, which no database stores; use null for a missing number` },
  { name: '-Infinity', value: '-Infinity', column: 'amount', message: `${where('amount')} is -Infinity, which no database stores; use null for a missing number` },
  { name: 'an invalid Date', value: "new Date('not a date')", column: 'seen', message: `${where('seen')} is an invalid Date, which no database stores; use null for a missing date` },
  { name: 'a function', value: '() => 1', column: 'amount', message: `${where('amount')} is a function, which no database stores; call it, or store what it returns` },
  { name: 'a symbol', value: "Symbol('s')", column: 'doc', message: `${where('doc')} is a symbol (Symbol(s)), which no database stores` },
  { name: 'NaN inside a JSON value', value: '{ prices: [1, Number.NaN] }', column: 'doc', message: `${where('doc')}.prices[1] is NaN, which no database stores; use null for a missing number` },
  { name: 'a BigInt inside a JSON value', value: '{ n: 1n }', column: 'doc', message: `${where('doc')}.n is a BigInt (1n) inside a JSON value, which no database stores; convert it to a string or a number` },
  { name: 'a BigInt past 64 bits', value: '2n ** 64n', column: 'big', message: `${where('big')} is 18446744073709551616n, out of a 64-bit integer's range, which no database stores; store it in a numeric column, or as text` },
]

const COLUMNS = '{ id: t.integer().primaryKey(), amount: t.double(), seen: t.datetime(), doc: t.json(), big: t.bigint() }'

function seedProject(c: ValueCase): Promise<MigrationProject> {
  return writeMigrationProject([
    {
      id: revisionId(1),
      parent: null,
      message: 'create vals',
      up: { code: `  const { t } = await import('athanor')\n  await op.createTable('vals', ${COLUMNS})` },
    },
    {
      id: revisionId(2),
      parent: revisionId(1),
      message: 'seed',
      up: { code: `  const { t, table } = await import('athanor')\n  await op.bulkInsert(table('vals', ${COLUMNS}), [{ id: 1, ${c.column}: null }, { id: 2, ${c.column}: ${c.value} }])` },
    },
  ])
}

async function refusal(run: Promise<unknown>): Promise<MigrationFailedError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(MigrationFailedError)
  return error as MigrationFailedError
}

describe.each(ALL_DATABASES)('a value no database stores, on %s', (kind) => {
  const t = eachTestProject(kind)

  it.each(CASES)('$name fails the revision online and offline with one message naming the row and column, writing nothing', async (c) => {
    t.project = await seedProject(c)
    const expected = `upgrade ${revisionId(2)} (seed) failed: ${c.message}`
    const offline = await refusal(runUpgrade(t.project.script, 'base:head', { ...runtimeOptions(t.db.url), sql: true }))
    expect(offline.message).toBe(expected)
    const online = await refusal(runUpgrade(t.project.script, 'head', runtimeOptions(t.db.url)))
    expect(online.message).toBe(expected)
    expect(online.failed.revision).toBe(revisionId(2))
    const conn = await t.db.connect()
    try {
      expect(await conn.query('SELECT id FROM vals')).toEqual([])
      expect(await versionRows(conn)).toEqual([revisionId(1)])
    } finally {
      await conn.close()
    }
  })

  it("refuses a bad parameter of op.execute the same way online and offline", async () => {
    t.project = await writeMigrationProject([
      { id: revisionId(1), parent: null, message: 'create vals', up: ['CREATE TABLE vals (id INTEGER, amount DOUBLE PRECISION)'] },
      { id: revisionId(2), parent: revisionId(1), message: 'seed', up: { code: "  await op.execute('INSERT INTO vals (id, amount) VALUES (?, ?)', [1, Number.NaN])" } },
    ])
    const expected = `upgrade ${revisionId(2)} (seed) failed: op.execute: params[1] is NaN, which no database stores; use null for a missing number`
    expect((await refusal(runUpgrade(t.project.script, 'base:head', { ...runtimeOptions(t.db.url), sql: true }))).message).toBe(expected)
    expect((await refusal(runUpgrade(t.project.script, 'head', runtimeOptions(t.db.url)))).message).toBe(expected)
    const conn = await t.db.connect()
    try {
      expect(await conn.query('SELECT id FROM vals')).toEqual([])
    } finally {
      await conn.close()
    }
  })
})
