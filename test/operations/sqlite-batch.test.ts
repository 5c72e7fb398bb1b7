import { describe, expect, it } from 'vitest'
import type { DatabaseConnection } from '../../src/dialect/dialect.js'
import { postgresDialect } from '../../src/dialect/postgres/postgres-dialect.js'
import { readSqliteTableShape } from '../../src/dialect/sqlite/sqlite-table-shape.js'
import { AthanorError } from '../../src/errors.js'
import type { Operations } from '../../src/operations/operations.js'
import { sql } from '../../src/schema/sql.js'
import { t } from '../../src/schema/t.js'
import { createTestDatabase } from '../support/databases.js'
import { freshDatabaseEachTest } from '../support/fresh-database.js'
import { readTable } from './catalog.js'
import { connectionExecutor, operationsOn, recordingExecutor, transactionalExecutor } from './executors.js'

const PARENT_DDL = `CREATE TABLE parent (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name VARCHAR(50) NOT NULL COLLATE NOCASE,
  code TEXT CONSTRAINT uq_parent_code UNIQUE,
  score INTEGER DEFAULT 0,
  legacy TEXT,
  CONSTRAINT ck_parent_score CHECK (score >= 0),
  CHECK (length(name) > 0)
)`
const CHILD_DDL = `CREATE TABLE child (
  id INTEGER PRIMARY KEY,
  parent_id INTEGER NOT NULL CONSTRAINT fk_child_parent REFERENCES parent (id) ON DELETE CASCADE
)`

describe('SQLite batch mode (move and copy)', () => {
  let conn: DatabaseConnection
  let op: Operations
  let executor: ReturnType<typeof connectionExecutor>

  const count = async (table: string) => Number(((await conn.query(`SELECT count(*) AS n FROM ${table}`)) as [{ n: number }])[0].n)

  freshDatabaseEachTest('sqlite', async (opened) => {
    conn = opened
    executor = connectionExecutor(conn)
    op = operationsOn(executor)
    await conn.execute(PARENT_DDL)
    await conn.execute(CHILD_DDL)
    await conn.execute('CREATE INDEX ix_parent_lower_name ON parent (lower(name)) WHERE legacy IS NULL')
    await conn.execute('CREATE INDEX ix_parent_score ON parent (score DESC)')
    await conn.execute('CREATE INDEX ix_parent_legacy ON parent (legacy)')
  })

  async function seed(rows: number) {
    await conn.execute(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${rows})
       INSERT INTO parent (id, name, code, score, legacy) SELECT i, 'p' || i, 'c' || i, i % 7, NULL FROM n`,
    )
    await conn.execute(`INSERT INTO child (id, parent_id) SELECT id, id FROM parent`)
  }

  it('alters a 100,000-row table with ON DELETE CASCADE children: no child row lost, every constraint kept', async () => {
    await seed(100_000)
    const before = await readTable(conn, 'sqlite', 'parent')
    await op.batchAlterTable('parent', (b) => {
      b.alterColumn('score', { nullable: false, serverDefault: 1 })
      b.addColumn('note', t.text())
      b.dropColumn('legacy')
    })
    await op.drain()
    expect(await count('parent')).toBe(100_000)
    expect(await count('child')).toBe(100_000)
    const after = await readTable(conn, 'sqlite', 'parent')
    expect(after.constraints).toEqual(before.constraints)
    // ix_parent_legacy covered the dropped column and goes with it; the partial index's predicate named it too.
    expect(after.indexes).toEqual(before.indexes.filter((i) => !i.startsWith('ix_parent_legacy') && !i.startsWith('ix_parent_lower_name')))
    expect(after.columns).toContain('score INTEGER NOT NULL default=1 pk=0')
    expect(after.columns.some((c) => c.startsWith('legacy'))).toBe(false)
    expect((await conn.query('PRAGMA foreign_key_check')).length).toBe(0)
    // The cascade still works after the rebuild, so the foreign key points at the new table.
    await conn.execute('DELETE FROM parent WHERE id = 1')
    expect(await count('child')).toBe(99_999)
  })

  it('keeps named and unnamed checks, the named unique constraint, COLLATE and AUTOINCREMENT', async () => {
    await seed(3)
    await op.alterColumn('parent', 'score', { type: t.bigint() })
    await op.drain()
    const [{ sql: created }] = (await conn.query(`SELECT sql FROM sqlite_master WHERE name = 'parent'`)) as [{ sql: string }]
    expect(created).toContain('CONSTRAINT "ck_parent_score" CHECK (score >= 0)')
    expect(created).toContain('CHECK (length(name) > 0)')
    expect(created).toContain('CONSTRAINT "uq_parent_code" UNIQUE ("code")')
    expect(created).toContain('COLLATE NOCASE')
    expect(created).toContain('AUTOINCREMENT')
    expect(created).toContain('"score" BIGINT DEFAULT 0')
    await expect(conn.execute(`INSERT INTO parent (name, score) VALUES ('x', -1)`)).rejects.toThrow(/CHECK/)
  })

  it('groups every change of a batch into one copy of the table', async () => {
    await seed(10)
    await op.batchAlterTable('parent', (b) => {
      b.alterColumn('name', { type: t.string(100) })
      b.createCheckConstraint('ck_parent_name', sql`name <> ''`)
      b.alterColumn('code', { newName: 'ref' })
    })
    await op.drain()
    const copies = executor.statements.filter((s) => s.sql.startsWith('CREATE TABLE'))
    expect(copies).toHaveLength(1)
    expect((await conn.query('SELECT ref FROM parent WHERE id = 3'))[0]).toEqual({ ref: 'c3' })
  })

  it('inside a migration transaction with foreign keys enforced, rebuilds without firing cascades', async () => {
    await seed(50)
    const tx = transactionalExecutor(conn)
    const txOp = operationsOn(tx)
    await tx.begin()
    await txOp.addColumn('child', 'note', t.text())
    await txOp.alterColumn('parent', 'name', { nullable: true })
    await txOp.drain()
    await tx.commit()
    expect(await count('child')).toBe(50)
    expect((await readTable(conn, 'sqlite', 'child')).columns.some((c) => c.startsWith('note'))).toBe(true)
  })

  it('refuses a rebuild that would leave a foreign key broken, and leaves the table as it was', async () => {
    await seed(5)
    await conn.execute('CREATE TABLE other (id INTEGER PRIMARY KEY, parent_ref INTEGER)')
    await conn.execute('INSERT INTO other VALUES (1, 999)')
    const before = await readTable(conn, 'sqlite', 'other')
    await expect(op.createForeignKey('fk_other_parent', 'other', 'parent', ['parent_ref'], ['id'])).rejects.toThrow(/foreign key/i)
    expect(await readTable(conn, 'sqlite', 'other')).toEqual(before)
  })

  it("keeps the table's triggers and its AUTOINCREMENT high-water mark", async () => {
    await seed(5)
    await conn.execute('CREATE TABLE audit (msg TEXT)')
    await conn.execute(`CREATE TRIGGER parent_audit AFTER INSERT ON parent BEGIN INSERT INTO audit VALUES ('added ' || NEW.name); END`)
    await conn.execute('DELETE FROM child WHERE parent_id = 5')
    await conn.execute('DELETE FROM parent WHERE id = 5')
    await op.alterColumn('parent', 'score', { nullable: false })
    await op.drain()
    await conn.execute(`INSERT INTO parent (name) VALUES ('new')`)
    expect(await conn.query('SELECT msg FROM audit')).toEqual([{ msg: 'added new' }])
    expect(await conn.query(`SELECT id FROM parent WHERE name = 'new'`)).toEqual([{ id: 6 }])
  })

  it('drops a column nothing depends on in place, without copying the table', async () => {
    await seed(10)
    await conn.execute('ALTER TABLE child ADD COLUMN spare TEXT')
    await op.dropColumn('child', 'spare')
    await op.drain()
    expect(executor.statements.filter((s) => !s.sql.startsWith('SELECT') && !s.sql.startsWith('PRAGMA') && !s.sql.includes('SAVEPOINT') && !s.sql.startsWith('RELEASE')).map((s) => s.sql)).toEqual([
      'ALTER TABLE "child" DROP COLUMN "spare"',
    ])
    expect(await count('child')).toBe(10)
  })

  it('copies the table to drop an indexed column', async () => {
    await op.dropColumn('parent', 'legacy')
    await op.drain()
    expect(executor.statements.some((s) => s.sql.startsWith('CREATE TABLE "_athanor_tmp_parent"'))).toBe(true)
  })

  it('treats dropping a missing column with ifExists as nothing to do', async () => {
    await op.dropColumn('child', 'no_such_column', { ifExists: true })
    await op.drain()
    expect(executor.statements.some((s) => s.sql.startsWith('ALTER') || s.sql.startsWith('CREATE'))).toBe(false)
  })

  it('reads a table shape into the shared vocabulary', async () => {
    const shape = await readSqliteTableShape(executor, { name: 'child', schema: null })
    expect(shape.columnList.map((c) => c.name)).toEqual(['id', 'parent_id'])
    expect(shape.foreignKeys).toEqual([
      expect.objectContaining({ name: 'fk_child_parent', columns: ['parent_id'], referredTable: 'parent', referredColumns: ['id'], onDelete: 'cascade' }),
    ])
  })

  it('offline, refuses to batch without the table shape, with a hint naming copyFrom', async () => {
    const offline = operationsOn(recordingExecutor(conn.dialect))
    const error = await offline.dropColumn('parent', 'legacy').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AthanorError)
    expect((error as AthanorError).hint).toMatch(/copyFrom/)
  })

  it('offline, rebuilds from a given shape, and the script runs on SQLite', async () => {
    await seed(20)
    const shape = await readSqliteTableShape(executor, { name: 'parent', schema: null })
    const recorder = recordingExecutor(conn.dialect)
    const offline = operationsOn(recorder)
    await offline.batchAlterTable('parent', (b) => b.dropColumn('legacy'), { copyFrom: shape })
    await offline.drain()
    await conn.execute('PRAGMA foreign_keys = OFF') // as the sqlite3 shell runs scripts
    for (const s of recorder.statements) await conn.execute(s.sql)
    await conn.execute('PRAGMA foreign_keys = ON')
    expect(await count('child')).toBe(20)
    expect((await readTable(conn, 'sqlite', 'parent')).columns.some((c) => c.startsWith('legacy'))).toBe(false)
  })

  it('on PostgreSQL, a batch is plain ALTER statements, no copy', async () => {
    const recorder = recordingExecutor(postgresDialect)
    const pg = operationsOn(recorder)
    await pg.batchAlterTable('parent', (b) => {
      b.alterColumn('score', { nullable: false })
      b.dropColumn('legacy')
    })
    await pg.drain()
    expect(recorder.statements.map((s) => s.sql)).toEqual([
      'ALTER TABLE "parent" ALTER COLUMN "score" SET NOT NULL',
      expect.stringContaining('ALTER TABLE "parent" DROP COLUMN "legacy"'),
    ])
  })
})

describe('SQLite batch mode on an attached schema', () => {
  it('rebuilds a table of an attached database, its indexes named in that schema', async () => {
    const main = await createTestDatabase('sqlite')
    const other = await createTestDatabase('sqlite')
    try {
      const conn = await main.connect()
      const otherPath = other.url.replace(/^sqlite:/, '')
      await conn.execute(`ATTACH DATABASE '${otherPath.replaceAll("'", "''")}' AS "side db"`)
      const op = operationsOn(connectionExecutor(conn))
      const schema = 'side db'
      await op.createTable('t', { id: t.integer().primaryKey(), n: t.integer() }, { schema })
      await op.createIndex('ix_t_n', 't', ['n'], { schema })
      await op.execute(`INSERT INTO "side db"."t" (id, n) VALUES (1, 10), (2, 20)`)
      await op.alterColumn('t', 'n', { nullable: false, schema })
      await op.drain()
      const [{ sql: created }] = (await conn.query(`SELECT sql FROM "side db".sqlite_master WHERE name = 't'`)) as [{ sql: string }]
      expect(created).toContain('"n" INTEGER NOT NULL')
      expect(await conn.query(`SELECT name FROM "side db".sqlite_master WHERE type = 'index'`)).toEqual([{ name: 'ix_t_n' }])
      expect(await conn.query(`SELECT n FROM "side db"."t" ORDER BY id`)).toEqual([{ n: 10 }, { n: 20 }])
    } finally {
      await main.drop()
      await other.drop()
    }
  })
})
