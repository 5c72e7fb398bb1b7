/**
 * The lint case table: on each database, every rule fires on its bad form
 * and stays quiet on its safe form, against a real table of 200,000 rows
 * whose size comes from the catalog statistics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LintResult } from '../../src/api.js'
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from '../support/databases.js'
import { lintProject, type LintProject } from './lint-project.js'

/** A rule, and the revision bodies (one revision each, in order) of its bad and safe forms. */
interface LintCase {
  readonly rule: string
  readonly bad: readonly string[]
  readonly safe: readonly string[]
}

const BIG_ROWS = 200_000

const BASE = `
  await op.createTable('parent', { id: t.integer().primaryKey() })
  for (const name of ['big', 'small']) {
    await op.createTable(name, {
      id: t.integer().primaryKey(),
      email: t.text(),
      n: t.integer(),
      label: t.string(50),
      ref: t.integer(),
    })
  }
`

const FILL: Record<'postgres' | 'mysql' | 'sqlite', readonly string[]> = {
  postgres: [
    `INSERT INTO big (id, email, n, label, ref) SELECT g, 'user' || g || '@example.com', g % 100, 'l' || g, NULL FROM generate_series(1, ${BIG_ROWS}) g`,
    'ANALYZE big',
  ],
  mysql: [
    `INSERT INTO big (id, email, n, label, ref) SELECT seq, CONCAT('user', seq, '@example.com'), seq % 100, CONCAT('l', seq), NULL FROM seq_1_to_${BIG_ROWS}`,
    'ANALYZE TABLE big',
  ],
  sqlite: [
    `WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < ${BIG_ROWS}) INSERT INTO big (id, email, n, label, ref) SELECT i, 'user' || i || '@example.com', i % 100, 'l' || i, NULL FROM g`,
  ],
}

const autocommit = (body: string) => `await op.autocommitBlock(async () => { ${body} })`

const SHARED_CASES: readonly LintCase[] = [
  { rule: 'drop-column', bad: ["await op.dropColumn('big', 'email')"], safe: ["await op.dropColumn('big', 'email', { lint: { allow: ['drop-column'], reason: 'release 41 stopped reading email' } })"] },
  { rule: 'rename-column', bad: ["await op.alterColumn('big', 'label', { newName: 'title', existingType: t.string(50) })"], safe: ["await op.addColumn('big', 'title', t.string(50))"] },
  { rule: 'drop-table', bad: ["await op.dropTable('big')"], safe: ["await op.createTable('scratch', { id: t.integer().primaryKey() })\n  await op.dropTable('scratch')"] },
  { rule: 'rename-table', bad: ["await op.renameTable('big', 'huge')"], safe: ["await op.createTable('huge', { id: t.integer().primaryKey() })"] },
]

const CASES: Record<'postgres' | 'mysql' | 'sqlite', readonly LintCase[]> = {
  postgres: [
    ...SHARED_CASES,
    { rule: 'pg-index-not-concurrent', bad: ["await op.createIndex('ix_big_n', 'big', ['n'])"], safe: [autocommit("await op.createIndex('ix_big_n', 'big', ['n'], { concurrently: true })")] },
    { rule: 'pg-concurrently-in-transaction', bad: ["await op.createIndex('ix_big_n', 'big', ['n'], { concurrently: true })"], safe: [autocommit("await op.createIndex('ix_big_n', 'big', ['n'], { concurrently: true })")] },
    {
      rule: 'pg-unique-without-index',
      bad: ["await op.createUniqueConstraint('uq_big_email', 'big', ['email'])"],
      safe: [autocommit("await op.createIndex('uq_big_email', 'big', ['email'], { unique: true, concurrently: true })")],
    },
    { rule: 'pg-primary-key-without-index', bad: ["await op.createPrimaryKey('pk_small2', 'big', ['ref'])"], safe: [autocommit("await op.createIndex('ux_big_ref', 'big', ['ref'], { unique: true, concurrently: true })")] },
    {
      rule: 'pg-fk-not-valid',
      bad: ["await op.createForeignKey('fk_big_ref', 'big', 'parent', ['ref'], ['id'])"],
      safe: ["await op.createForeignKey('fk_big_ref', 'big', 'parent', ['ref'], ['id'], { notValid: true })", "await op.validateConstraint('fk_big_ref', 'big')"],
    },
    { rule: 'pg-check-not-valid', bad: ["await op.createCheckConstraint('ck_big_n', 'big', 'n >= 0')"], safe: ["await op.createCheckConstraint('ck_big_n', 'big', 'n >= 0', { notValid: true })"] },
    {
      rule: 'pg-validate-same-transaction',
      bad: ["await op.createForeignKey('fk_big_ref', 'big', 'parent', ['ref'], ['id'], { notValid: true })\n  await op.validateConstraint('fk_big_ref', 'big')"],
      safe: ["await op.createForeignKey('fk_big_ref', 'big', 'parent', ['ref'], ['id'], { notValid: true })", "await op.validateConstraint('fk_big_ref', 'big')"],
    },
    {
      rule: 'pg-set-not-null',
      bad: ["await op.alterColumn('big', 'n', { nullable: false, existingType: t.integer() })"],
      safe: [
        "await op.createCheckConstraint('ck_big_n_nn', 'big', 'n IS NOT NULL', { notValid: true })",
        "await op.validateConstraint('ck_big_n_nn', 'big')\n  await op.alterColumn('big', 'n', { nullable: false, existingType: t.integer() })",
      ],
    },
    {
      rule: 'pg-type-rewrite',
      bad: ["await op.alterColumn('big', 'n', { type: t.bigint(), existingType: t.integer() })"],
      safe: ["await op.alterColumn('big', 'label', { type: t.string(100), existingType: t.string(50) })\n  await op.alterColumn('big', 'email', { type: t.text(), existingType: t.text() })"],
    },
    { rule: 'pg-volatile-default', bad: ["await op.addColumn('big', 'token', t.uuid().serverDefault(sql`gen_random_uuid()`))"], safe: ["await op.addColumn('big', 'token', t.uuid().serverDefault(sql`'00000000-0000-0000-0000-000000000000'`))"] },
    {
      rule: 'mixed-ddl-data',
      bad: ["await op.addColumn('big', 'flag', t.integer())\n  await op.execute('UPDATE big SET flag = 1')"],
      safe: ["await op.addColumn('big', 'flag', t.integer())", "await op.execute('UPDATE big SET flag = 1')"],
    },
  ],
  mysql: [
    ...SHARED_CASES,
    { rule: 'mysql-copy-algorithm', bad: ["await op.alterColumn('big', 'n', { type: t.string(20), existingType: t.integer() })"], safe: ["await op.alterColumn('big', 'label', { type: t.string(100), existingType: t.string(50) })"] },
    {
      rule: 'mysql-fk-copy',
      bad: ["await op.createForeignKey('fk_big_ref', 'big', 'parent', ['ref'], ['id'])"],
      safe: ["await op.execute('SET foreign_key_checks = 0')\n  await op.execute('ALTER TABLE big ADD CONSTRAINT fk_big_ref FOREIGN KEY (ref) REFERENCES parent (id), ALGORITHM=INPLACE')"],
    },
    { rule: 'mysql-fulltext-build', bad: ["await op.execute('CREATE FULLTEXT INDEX ft_big_email ON big (email)')"], safe: ["await op.execute('CREATE TABLE doc (id INT PRIMARY KEY, body TEXT, FULLTEXT KEY ft_doc_body (body))')"] },
  ],
  sqlite: [
    ...SHARED_CASES,
    {
      rule: 'sqlite-table-rebuild',
      bad: ["await op.alterColumn('big', 'n', { nullable: false, existingType: t.integer() })"],
      safe: ["await op.addColumn('big', 'note', t.text())\n  await op.createIndex('ix_big_n', 'big', ['n'])"],
    },
  ],
}

const KINDS: ReadonlyArray<['postgres' | 'mysql' | 'sqlite', TestDatabaseKind]> = [
  ['postgres', 'postgres'],
  ['mysql', 'mysql'],
  ['sqlite', 'sqlite'],
]

describe.each(KINDS)('lint cases on %s', (family, kind) => {
  let db: TestDatabase
  let project: LintProject
  let serial = 0

  beforeAll(async () => {
    db = await createTestDatabase(kind)
    project = lintProject(db.url)
    project.write({ id: 'aaaa00000001', down: null, upgrade: BASE, message: 'base' })
    await project.athanor().upgrade('head')
    const conn = await db.connect()
    for (const statement of FILL[family]) await conn.execute(statement)
    await conn.execute('INSERT INTO small (id, n) VALUES (1, 1), (2, 2)')
    await conn.close()
  }, 120_000)

  afterAll(async () => {
    project.cleanup()
    await db.drop()
  })

  /** Writes `bodies` as pending revisions after the base, lints, and removes them. */
  async function lintForm(bodies: readonly string[]): Promise<LintResult> {
    serial += 1
    const ids = bodies.map((_, i) => `cc${serial.toString(16).padStart(4, '0')}${i}00000`.slice(0, 12))
    ids.forEach((id, i) => project.write({ id, down: i === 0 ? 'aaaa00000001' : ids[i - 1]!, upgrade: bodies[i]! }))
    try {
      return await project.athanor().lint()
    } finally {
      ids.forEach((id) => project.remove(id))
    }
  }

  it.each(CASES[family].map((c) => [c.rule, c] as const))('%s fires on its bad form with the table size, and is quiet on its safe form', async (rule, c) => {
    const bad = await lintForm(c.bad)
    const hit = bad.findings.find((f) => f.rule === rule)
    expect(hit, JSON.stringify(bad.findings, null, 2)).toBeDefined()
    expect(hit!.level).toBe(hit!.ruleLevel)
    expect(hit!.why).not.toBe('')
    expect(hit!.safe).not.toBe('')
    if (hit!.table === 'big') {
      expect(hit!.size?.rows).toBeGreaterThan(BIG_ROWS * 0.5)
      expect(hit!.size?.rows).toBeLessThan(BIG_ROWS * 1.5)
      expect(hit!.size?.bytes).toBeGreaterThan(1_000_000)
    }
    const safe = await lintForm(c.safe)
    expect(safe.findings.filter((f) => f.rule === rule)).toEqual([])
  })

  it('lowers a finding on a small table to a note, and exits clean of errors', async () => {
    const result = await lintForm(["await op.dropColumn('small', 'email')\n  await op.alterColumn('small', 'n', { type: t.string(20), nullable: false, existingType: t.integer() })"])
    expect(result.findings.length).toBeGreaterThan(0)
    for (const f of result.findings) {
      expect(f.level).toBe('note')
      expect(f.size?.rows).toBe(2)
    }
    expect(result.errors).toBe(0)
  })

  it('lints only the revisions not yet applied by default', async () => {
    const result = await lintForm(["await op.addColumn('big', 'x', t.integer())"])
    expect(result.revisions).toHaveLength(1)
    expect(result.revisions[0]).not.toBe('aaaa00000001')
    expect(result.database.reachable).toBe(true)
    expect(result.database.version).toMatch(/^\d+\.\d+$/)
  })
})
