/**
 * Issue 11: PostgreSQL index methods, operator classes, sort orders with
 * NULLS placement, INCLUDE and NOT VALID foreign keys are carried by the
 * vocabulary, so a database holding them lists no `not carried:` line and
 * `check --strict` passes; a NOT VALID check, which the vocabulary cannot
 * state, is still listed and still fails it. On the server and PGlite.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { compareWithConnection } from '../../src/autogenerate/autogenerate.js'
import { reflect } from '../../src/dialect/reflector.js'
import { athanor, ok } from '../cli/cli-in-process.js'
import { tempDir } from '../cli/cli-project.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'

const MODELS = `import { MetaData, index, t, table } from 'athanor'
export const metadata = new MetaData()
export const users = table('users', { id: t.integer().primaryKey() }, { metadata })
export const docs = table(
  'docs',
  {
    id: t.integer().primaryKey(),
    title: t.string(100),
    tags: t.jsonb(),
    createdAt: t.datetime().name('created_at'),
    userId: t.integer().name('user_id').references(() => users.columns.id, { notValid: true }),
  },
  {
    metadata,
    indexes: (c) => [
      index('ix_docs_tags').on(c.tags).using('gin').opclasses('jsonb_path_ops'),
      index('ix_docs_created').on(c.createdAt).sortOrders('DESC NULLS LAST'),
      index('ix_docs_title').on(c.title).include(c.id),
    ],
  },
)
`

describe.each(['postgres', 'pglite'] as const)('carried PostgreSQL facts on %s', (kind) => {
  let db: TestDatabase | undefined
  let project: { dir: string; cleanup(): void } | undefined
  afterEach(async () => {
    project?.cleanup()
    await db?.drop()
  })

  it('list nothing as not carried and pass check --strict, while a NOT VALID check still fails it', async () => {
    db = await createTestDatabase(kind)
    project = tempDir('athanor-carried-')
    const dir = project.dir
    await ok(dir, ['init'])
    writeFileSync(join(dir, 'src', 'models.ts'), MODELS)
    const url = ['--url', db.url]
    await ok(dir, [...url, 'revision', '--autogenerate', '-m', 'initial'])
    await ok(dir, [...url, 'upgrade', 'head'])

    const conn = await db.connect()
    const reflected = await reflect(conn)
    const docs = reflected.tables.find((t) => t.name === 'docs')!
    expect(docs.indexes.find((i) => i.name === 'ix_docs_tags')).toMatchObject({ method: 'gin', opclasses: ['jsonb_path_ops'] })
    expect(docs.indexes.find((i) => i.name === 'ix_docs_created')).toMatchObject({ sortOrders: ['DESC NULLS LAST'] })
    expect(docs.indexes.find((i) => i.name === 'ix_docs_title')).toMatchObject({ include: ['id'] })
    expect(docs.foreignKeys[0]).toMatchObject({ notValid: true })
    expect(reflected.notCarried).toEqual([])
    // Round trip: the reflected tables, used as models, state every one of these facts.
    expect((await compareWithConnection(conn, reflected.tables, { versionTable: 'athanor_version' })).diffs).toEqual([])
    await conn.close()

    const check = await athanor(dir, [...url, 'check', '--strict'])
    expect(check.stdout).not.toContain('not carried')
    expect(check.stdout).toContain('No new upgrade operations detected.')
    expect(check.code).toBe(0)
    expect(JSON.parse((await athanor(dir, [...url, 'check', '--json', '--strict'])).stdout)).toEqual({ upToDate: true, diffs: [], notCarried: [] })

    const again = await db.connect()
    await again.execute('ALTER TABLE docs ADD CONSTRAINT ck_docs_id CHECK (id > 0) NOT VALID')
    await again.close()
    const models = MODELS.replace('    metadata,\n', "    metadata,\n    constraints: () => [check('ck_docs_id', sql`id > 0`)],\n").replace('{ MetaData,', '{ MetaData, check, sql,')
    writeFileSync(join(dir, 'src', 'models.ts'), models)
    const text = await athanor(dir, [...url, 'check'])
    expect(text.stdout).toContain('not carried: docs: check ck_docs_id: NOT VALID')
    expect(text.code).toBe(0)
    const strict = await athanor(dir, [...url, 'check', '--strict'])
    expect(strict.code).toBe(1)
    expect(strict.stderr).toMatch(/error: the database holds 1 fact the models cannot carry/)
  })
})
