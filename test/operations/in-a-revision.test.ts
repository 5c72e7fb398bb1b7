import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runDowngrade, runUpgrade } from '../../src/runtime/commands.js'
import { ALL_DATABASES, createTestDatabase, type TestDatabase } from '../support/databases.js'
import { runtimeOptions, writeMigrationProject, type MigrationProject } from '../support/migration-project.js'
import { readTable } from './catalog.js'

/**
 * Ops as a revision script uses them, run by the real runtime (its
 * transaction, its lock, its executor): on SQLite the alter is a batch
 * rebuild of a parent table whose children cascade on delete.
 */
describe.each(ALL_DATABASES.filter((k) => k !== 'pglite'))('ops inside a revision on %s', (kind) => {
  let db: TestDatabase
  let project: MigrationProject
  beforeEach(async () => {
    db = await createTestDatabase(kind)
    project = await writeMigrationProject([
      {
        id: '00000000000a',
        parent: null,
        message: 'tables',
        up: [
          'CREATE TABLE parent (id INTEGER PRIMARY KEY, name VARCHAR(20))',
          'CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL, CONSTRAINT fk_child_parent FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE CASCADE)',
          "INSERT INTO parent (id, name) VALUES (1, 'a'), (2, 'b')",
          'INSERT INTO child (id, parent_id) VALUES (1, 1), (2, 2)',
        ],
        down: ['DROP TABLE child', 'DROP TABLE parent'],
      },
      {
        id: '00000000000b',
        parent: '00000000000a',
        message: 'alter parent',
        up: {
          code: `  const varchar20 = { kind: 'string', length: 20 } as const
  await op.alterColumn('parent', 'name', { nullable: false, existingType: varchar20, existingNullable: true })
  await op.addColumn('parent', 'note', { kind: 'text' })
  await op.createCheckConstraint('ck_parent_name', 'parent', "name <> ''")`,
        },
        down: {
          code: `  const varchar20 = { kind: 'string', length: 20 } as const
  await op.dropConstraint('ck_parent_name', 'parent', { type: 'check' })
  await op.dropColumn('parent', 'note')
  await op.alterColumn('parent', 'name', { nullable: true, existingType: varchar20, existingNullable: false })`,
        },
      },
    ])
  })
  afterEach(async () => {
    project.remove()
    await db.drop()
  })

  it('upgrades and downgrades through table-altering ops without losing a child row', async () => {
    const options = runtimeOptions(db.url)
    await runUpgrade(project.script, 'head', options)
    const conn = await db.connect()
    const count = async () => Number(((await conn.query('SELECT count(*) AS n FROM child')) as [{ n: unknown }])[0].n)
    expect(await count()).toBe(2)
    const parent = await readTable(conn, kind, 'parent')
    expect(parent.columns.some((c) => c.startsWith('note '))).toBe(true)
    expect(parent.columns.find((c) => c.startsWith('name '))).toMatch(/NOT NULL/)
    await runDowngrade(project.script, '00000000000a', options)
    expect(await count()).toBe(2)
    expect((await readTable(conn, kind, 'parent')).columns.some((c) => c.startsWith('note '))).toBe(false)
    await conn.execute('DELETE FROM parent WHERE id = 1')
    expect(await count()).toBe(1)
  })
})
