/**
 * Fuzzing identifiers: random awkward names (quotes of every dialect,
 * backslashes, unicode, reserved words, names at each database's length
 * limit) for a table, a column and an index go through createTable, are
 * reflected back whole, and comparing the models again finds no difference.
 * Runs per database: ATHANOR_FUZZ_RUNS (small by default; `npm run soak` raises it).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareWithConnection } from '../../src/autogenerate/autogenerate.js'
import { findTable, reflect } from '../../src/dialect/reflector.js'
import { index } from '../../src/schema/constraints.js'
import { table, type Table } from '../../src/schema/table.js'
import { t } from '../../src/schema/t.js'
import { applyOps } from '../autogenerate/support.js'
import { ALL_DATABASES, createTestDatabase, type TestDatabaseKind } from '../support/databases.js'

/** Property runs per database. */
const FUZZ_RUNS = Number(process.env.ATHANOR_FUZZ_RUNS ?? 8)

/** How long a name may be: PostgreSQL counts 63 bytes, MariaDB 64 characters, SQLite has no limit. */
const LIMITS: Record<TestDatabaseKind, { readonly size: number; readonly measure: (s: string) => number }> = {
  postgres: { size: 63, measure: (s) => Buffer.byteLength(s, 'utf8') },
  pglite: { size: 63, measure: (s) => Buffer.byteLength(s, 'utf8') },
  mysql: { size: 64, measure: (s) => [...s].length },
  sqlite: { size: 300, measure: (s) => [...s].length },
}

/** Awkward pieces; the 4-byte one is left out on MariaDB, which keeps identifiers to the BMP. */
const PIECES = ['"', "'", '`', '\\', '\\\\', ' ', 'select', 'ORDER', 'user', 'table', '%', '?', '$1', ';--', 'é', 'ñandú', '✓', '中文', 'ß', 'Ω']
const WIDE = ['𝄞', '😀']

/** The longest prefix of `text`, cut at code points, that `measure` keeps within `size`. */
function fit(text: string, size: number, measure: (s: string) => number): string {
  let out = ''
  for (const ch of text) {
    if (measure(out + ch) > size) break
    out += ch
  }
  return out
}

/**
 * An awkward identifier for `kind`, starting with `tag` (so names never collide) and never ending in a space.
 * MariaDB stores a table as a file whose name spells each non-ASCII character in five bytes, so table
 * names padded to its 64-character limit are padded with ASCII (the file system's 255 bytes, not ours).
 */
function identifier(kind: TestDatabaseKind, tag: string): fc.Arbitrary<string> {
  const asciiPad = kind === 'mysql' && tag === 't'
  const { size, measure } = LIMITS[kind]
  const pieces = kind === 'mysql' ? PIECES : [...PIECES, ...WIDE]
  const free = fc.string({ unit: fc.constantFrom(...'aZ_-.,:é'.split('')), maxLength: 4 })
  return fc
    .record({ parts: fc.array(fc.oneof(fc.constantFrom(...pieces), free), { minLength: 1, maxLength: 8 }), atLimit: fc.boolean(), pad: asciiPad ? fc.constant('x') : fc.constantFrom('x', 'é', '中', ...(kind === 'mysql' ? [] : ['😀'])) })
    .map(({ parts, atLimit, pad }) => {
      const body = tag + parts.join('') + (atLimit ? pad.repeat(size) : '')
      return fit(body, size - 1, measure) + 'z'
    })
}

/** A table named by the fuzz with one awkward column and an index on it. */
function fuzzTable(names: { table: string; column: string; index: string }): Table {
  return table(names.table, { id: t.integer().primaryKey(), [names.column]: t.string(40).nullable() }, { indexes: () => [index(names.index).on(names.column)] })
}

describe.each(ALL_DATABASES)('fuzzed identifiers on %s', (kind) => {
  it('are created, reflected back whole, and compare equal to the models', async () => {
    const names = fc.record({ table: identifier(kind, 't'), column: identifier(kind, 'c'), index: identifier(kind, 'i') })
    await fc.assert(
      fc.asyncProperty(names, async (n) => {
        const db = await createTestDatabase(kind)
        try {
          const conn = await db.connect()
          const models = [fuzzTable(n)]
          const first = await compareWithConnection(conn, models, { versionTable: 'athanor_version' })
          await applyOps(conn, first.changes.map((c) => c.op))
          const reflected = await reflect(conn)
          const found = findTable(reflected, n.table)
          expect(found, `table ${JSON.stringify(n.table)}`).toBeDefined()
          expect(found!.columnList.map((c) => c.name)).toEqual(['id', n.column])
          expect(found!.indexes.map((i) => ({ name: i.name, expressions: i.expressions }))).toEqual([{ name: n.index, expressions: [n.column] }])
          const again = await compareWithConnection(conn, models, { versionTable: 'athanor_version' })
          expect(again.diffs).toEqual([])
        } finally {
          await db.drop()
        }
      }),
      { numRuns: FUZZ_RUNS },
    )
  }, 120_000)
})
