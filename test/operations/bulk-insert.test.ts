import { describe, expect, it } from 'vitest'
import type { DatabaseConnection } from '../../src/dialect/dialect.js'
import type { Operations } from '../../src/operations/operations.js'
import { t } from '../../src/schema/t.js'
import { table } from '../../src/schema/table.js'
import { ALL_DATABASES, type TestDatabaseKind } from '../support/databases.js'
import { freshDatabaseEachTest } from '../support/fresh-database.js'
import { connectionExecutor, operationsOn, recordingExecutor } from './executors.js'

/** Alembic's seed recipe: an ad-hoc table naming only the columns to fill. */
const seed = table('seed', {
  id: t.integer(),
  label: t.text(),
  flag: t.boolean(),
  at: t.datetime(),
  doc: t.json(),
})

const awkward = ["it's", 'back\\slash', 'new\nline', 'tab\t"quote"', '名前 😀', '', '%s ? $1 :x']
const when = new Date('2026-01-02T03:04:05.000Z')

function atAsText(kind: TestDatabaseKind): string {
  if (kind === 'mysql') return 'CAST(at AS CHAR) AS at'
  if (kind === 'sqlite') return 'at'
  return 'at::text AS at'
}

async function createSeedTable(op: Operations) {
  await op.createTable('seed', { id: t.integer().primaryKey(), label: t.text(), flag: t.boolean(), at: t.datetime(), doc: t.json() })
}

async function readBack(conn: DatabaseConnection, kind: TestDatabaseKind) {
  const rows = await conn.query(`SELECT id, label, flag, ${atAsText(kind)}, doc FROM seed ORDER BY id`)
  return rows.map((r) => ({
    id: Number(r.id),
    label: r.label,
    flag: r.flag === null ? null : Boolean(Number(r.flag) || r.flag === true),
    at: r.at === null ? null : String(r.at).slice(0, 19),
    doc: r.doc === null ? null : typeof r.doc === 'string' ? JSON.parse(r.doc) : r.doc,
  }))
}

const expectedRows = awkward.map((label, i) => ({ id: i + 1, label, flag: i % 2 === 0, at: '2026-01-02 03:04:05', doc: { label, n: [i] } }))

describe.each(ALL_DATABASES)('bulkInsert on %s', (kind) => {
  let conn: DatabaseConnection
  freshDatabaseEachTest(kind, (opened) => {
    conn = opened
  })

  it('round-trips quotes, backslashes, newlines, unicode, booleans, dates, JSON and null as bound parameters', async () => {
    const op = operationsOn(connectionExecutor(conn))
    await createSeedTable(op)
    await op.bulkInsert(seed, [...awkward.map((label, i) => ({ id: i + 1, label, flag: i % 2 === 0, at: when, doc: { label, n: [i] } })), { id: 99, label: null, flag: null, at: null, doc: null }])
    expect(await readBack(conn, kind)).toEqual([...expectedRows, { id: 99, label: null, flag: null, at: null, doc: null }])
  })

  it('round-trips the same values as literals in offline SQL', async () => {
    const live = operationsOn(connectionExecutor(conn))
    await createSeedTable(live)
    await live.drain()
    const recorder = recordingExecutor(conn.dialect)
    await operationsOn(recorder).bulkInsert(seed, awkward.map((label, i) => ({ id: i + 1, label, flag: i % 2 === 0, at: when, doc: { label, n: [i] } })))
    expect(recorder.statements.every((s) => s.params === undefined)).toBe(true)
    for (const s of recorder.statements) await conn.execute(s.sql)
    expect(await readBack(conn, kind)).toEqual(expectedRows)
  })

  it.skipIf(kind === 'pglite')('sizes each INSERT to the driver parameter limit', async () => {
    const executor = connectionExecutor(conn)
    const op = operationsOn(executor)
    await createSeedTable(op)
    const rows = Array.from({ length: 20_000 }, (_, i) => ({ id: i + 1, label: `r${i}`, flag: true, at: when, doc: null }))
    await op.bulkInsert(seed, rows)
    await op.drain()
    const perStatement = Math.floor(conn.dialect.compiler.maxBindParameters / 5)
    expect(executor.statements.filter((s) => s.sql.startsWith('INSERT'))).toHaveLength(Math.ceil(20_000 / perStatement))
    const [{ n }] = (await conn.query('SELECT count(*) AS n FROM seed')) as [{ n: unknown }]
    expect(Number(n)).toBe(20_000)
  })

  it('leaves out of the INSERT the columns a row does not name, so server defaults apply', async () => {
    const op = operationsOn(connectionExecutor(conn))
    await op.createTable('defaults', { id: t.integer().primaryKey(), status: t.string(10).notNull().serverDefault('new') })
    await op.bulkInsert(table('defaults', { id: t.integer(), status: t.string(10) }), [{ id: 1 }, { id: 2, status: 'old' }])
    await op.drain()
    expect((await conn.query('SELECT id, status FROM defaults ORDER BY id')).map((r) => r.status)).toEqual(['new', 'old'])
  })
})

describe.each(['postgres', 'pglite'] as const)('bulkInsert of PostgreSQL arrays and JSONB on %s', (kind) => {
  let conn: DatabaseConnection
  freshDatabaseEachTest(kind, (opened) => {
    conn = opened
  })

  const docs = table('docs', { id: t.integer(), tags: t.array(t.text()), body: t.jsonb() })
  const rows = [
    { id: 1, tags: ["it's", 'a,b', '{x}'], body: { list: [1, 2], s: "o'hara" } },
    { id: 2, tags: [], body: [1, 'two'] },
  ]

  it.each([false, true])('round-trips arrays as arrays and JSON arrays as JSON (offline: %s)', async (offline) => {
    const op = operationsOn(connectionExecutor(conn))
    await op.createTable('docs', { id: t.integer().primaryKey(), tags: t.array(t.text()), body: t.jsonb() })
    await op.drain()
    if (offline) {
      const recorder = recordingExecutor(conn.dialect)
      await operationsOn(recorder).bulkInsert(docs, rows)
      for (const s of recorder.statements) await conn.execute(s.sql)
    } else {
      await op.bulkInsert(docs, rows)
      await op.drain()
    }
    const back = await conn.query('SELECT id, tags, body FROM docs ORDER BY id')
    expect(back).toEqual(rows)
  })
})
