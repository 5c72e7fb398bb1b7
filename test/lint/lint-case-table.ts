/**
 * The lint case table: per database family, each rule with the revision
 * bodies of its bad and safe forms, the base revision they follow and the
 * statements filling its big table. The case test and the squawk witness
 * read it.
 */

/** A rule, and the revision bodies (one revision each, in order) of its bad and safe forms. */
export interface LintCase {
  readonly rule: string
  readonly bad: readonly string[]
  readonly safe: readonly string[]
}

/** Rows of the big table: its findings stay errors, with this size from the catalog. */
export const BIG_ROWS = 200_000

/** The base revision: `parent`, and `big` and `small` of one shape. */
export const BASE = `
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

/** Statements filling `big` (and refreshing the statistics) on each family. */
export const FILL: Record<'postgres' | 'mysql' | 'sqlite', readonly string[]> = {
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

/** The cases of each family: the shared ones and its own rules. */
export const CASES: Record<'postgres' | 'mysql' | 'sqlite', readonly LintCase[]> = {
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
    { rule: 'mysql-fulltext-build', bad: ["await op.createIndex('ft_big_label', 'big', ['label'], { method: 'fulltext' })"], safe: ["await op.createIndex('ix_big_label', 'big', ['label'])"] },
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

