/**
 * Fuzzing values: random rows (NUL-free unicode strings with 4-byte
 * characters, CR/LF, quotes and backslashes; integers; finite floats;
 * booleans; dates; nulls) go through bulkInsert online, and through the
 * `--sql` script piped into the database's own client, and read back
 * identical on every database.
 * Runs per database: ATHANOR_FUZZ_RUNS (small by default; `npm run soak` raises it).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { DatabaseConnection } from '../../src/dialect/dialect.js'
import { runUpgrade } from '../../src/runtime/commands.js'
import { table } from '../../src/schema/table.js'
import { t } from '../../src/schema/t.js'
import { connectionExecutor, operationsOn } from '../operations/executors.js'
import { ALL_DATABASES, createTestDatabase, type TestDatabase } from '../support/databases.js'
import { runtimeOptions, writeMigrationProject } from '../support/migration-project.js'
import { runSqlScript } from '../support/sql-script.js'

/** Property runs per database and path. */
const FUZZ_RUNS = Number(process.env.ATHANOR_FUZZ_RUNS ?? 5)

/** One row as the test writes it; dates are `YYYY-MM-DD`, given to bulkInsert as Date objects at UTC midnight. */
interface Row {
  readonly id: number
  readonly s: string | null
  readonly i: number | null
  readonly f: number | null
  readonly b: boolean | null
  readonly d: string | null
}

const COLUMNS = {
  id: t.integer().primaryKey(),
  s: t.text().nullable(),
  i: t.integer().nullable(),
  f: t.double().nullable(),
  b: t.boolean().nullable(),
  d: t.date().nullable(),
}
const vals = table('vals', COLUMNS)

const awkward = fc.constantFrom("'", "''", '"', '\\', '\\\\', '\\n', '\n', '\r', '\r\n', '\t', '`', '$1', '%', '?', '😀', '𝄞', '名', 'é', ';--')
const text = fc.array(fc.oneof(awkward, fc.fullUnicode().filter((c) => c !== '\0')), { maxLength: 12 }).map((cs) => cs.join(''))
const day = fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))
/**
 * A finite float; `clientSafe` keeps its magnitude within 1e-20..1e20 (or 0), because the sqlite3 shell
 * before 3.43 rounds some longer-exponent literals to a neighbouring double (-2.684361204954153e-300
 * reads back as -2.6843612049541528e-300 in 3.40.1) — the client's parser, not the script.
 */
function float(clientSafe: boolean): fc.Arbitrary<number> {
  return fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0) && (!clientSafe || x === 0 || (Math.abs(x) >= 1e-20 && Math.abs(x) <= 1e20)))
}

const rowsOf = (clientSafe: boolean) => fc
  .array(
    fc.record({
      s: fc.option(text),
      i: fc.option(fc.integer({ min: -2147483648, max: 2147483647 })),
      f: fc.option(float(clientSafe)),
      b: fc.option(fc.boolean()),
      d: fc.option(day),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .map((rs): Row[] => rs.map((r, id) => ({ id: id + 1, ...r })))

/** The rows as bulkInsert takes them. */
function inserted(rs: readonly Row[]): Record<string, unknown>[] {
  return rs.map((r) => ({ ...r, d: r.d === null ? null : new Date(`${r.d}T00:00:00Z`) }))
}

/** A date as the drivers give it back (Date at local midnight, or text), as `YYYY-MM-DD`. */
function dayOf(v: unknown): string | null {
  if (v === null) return null
  if (v instanceof Date) return `${String(v.getFullYear()).padStart(4, '0')}-${String(v.getMonth() + 1).padStart(2, '0')}-${String(v.getDate()).padStart(2, '0')}`
  return String(v).slice(0, 10)
}

async function readBack(db: TestDatabase): Promise<Row[]> {
  const conn: DatabaseConnection = await db.connect()
  try {
    const got = await conn.query<Record<string, unknown>>('SELECT id, s, i, f, b, d FROM vals ORDER BY id')
    return got.map((r) => ({
      id: Number(r.id),
      s: r.s === null ? null : String(r.s),
      i: r.i === null ? null : Number(r.i),
      f: r.f === null ? null : Number(r.f),
      b: r.b === null ? null : Boolean(Number(r.b)),
      d: dayOf(r.d),
    }))
  } finally {
    await conn.close()
  }
}

describe.each(ALL_DATABASES)('fuzzed values on %s', (kind) => {
  it('read back identical after an online bulkInsert', async () => {
    await fc.assert(
      fc.asyncProperty(rowsOf(false), async (rs) => {
        const db = await createTestDatabase(kind)
        try {
          const conn = await db.connect()
          const op = operationsOn(connectionExecutor(conn))
          await op.createTable('vals', COLUMNS)
          await op.bulkInsert(vals, inserted(rs))
          await op.drain()
          await conn.close()
          expect(await readBack(db)).toEqual(rs)
        } finally {
          await db.drop()
        }
      }),
      { numRuns: FUZZ_RUNS },
    )
  }, 120_000)

  it('read back identical after the --sql script is piped into the client', async () => {
    await fc.assert(
      fc.asyncProperty(rowsOf(kind === 'sqlite'), async (rs) => {
        const db = await createTestDatabase(kind)
        const project = await writeMigrationProject([
          {
            id: 'f0f0f0f0f0f0',
            message: 'fuzz',
            up: {
              code: `  const { t } = await import('athanor')
  const vals = await op.createTable('vals', { id: t.integer().primaryKey(), s: t.text().nullable(), i: t.integer().nullable(), f: t.double().nullable(), b: t.boolean().nullable(), d: t.date().nullable() })
  const rows = ${JSON.stringify(rs)}
  await op.bulkInsert(vals, rows.map((r) => ({ ...r, d: r.d === null ? null : new Date(r.d + 'T00:00:00Z') })))`,
            },
            down: { code: "  await op.dropTable('vals')" },
          },
        ])
        try {
          const { sql } = await runUpgrade(project.script, 'base:head', { ...runtimeOptions(db.url), sql: true })
          await runSqlScript(db, sql!)
          expect(await readBack(db)).toEqual(rs)
        } finally {
          project.remove()
          await db.drop()
        }
      }),
      { numRuns: FUZZ_RUNS },
    )
  }, 120_000)
})
