/**
 * Issue 11: what the database holds that the models cannot state is listed
 * by `check` and by autogenerate as `not carried: …` (also under --json),
 * and `check --strict` fails on it (E_NOT_CARRIED, exit 1).
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { athanor, ok } from '../cli/cli-in-process.js'
import { tempDir } from '../cli/cli-project.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'

const MODELS = `import { MetaData, index, t, table } from 'athanor'
export const metadata = new MetaData()
export const docs = table('docs', { id: t.integer().primaryKey(), title: t.string(100)NOTE }, { metadata, indexes: (c) => [index('ix_docs_title').on(c.title)] })
`

const COMMENT_INDEX: Record<'postgres' | 'mysql', string> = {
  postgres: "COMMENT ON INDEX ix_docs_title IS 'for search'",
  mysql: "ALTER TABLE docs DROP INDEX ix_docs_title, ADD INDEX ix_docs_title (title) COMMENT 'for search'",
}

describe.each(['postgres', 'mysql'] as const)('not carried facts on %s', (kind) => {
  let db: TestDatabase | undefined
  let project: { dir: string; cleanup(): void } | undefined
  afterEach(async () => {
    project?.cleanup()
    await db?.drop()
  })

  it('are listed by check and autogenerate, in text and JSON, and fail check --strict', async () => {
    db = await createTestDatabase(kind)
    project = tempDir('athanor-not-carried-')
    const dir = project.dir
    await ok(dir, ['init'])
    const models = (note: string) => writeFileSync(join(dir, 'src', 'models.ts'), MODELS.replace('NOTE', note))
    models('')
    const url = ['--url', db.url]
    await ok(dir, [...url, 'revision', '--autogenerate', '-m', 'initial'])
    await ok(dir, [...url, 'upgrade', 'head'])
    const conn = await db.connect()
    await conn.execute(COMMENT_INDEX[kind])
    const line = 'not carried: docs: index ix_docs_title: comment "for search"'

    const text = await athanor(dir, [...url, 'check'])
    expect(text.code).toBe(0)
    expect(text.stdout).toContain(line)
    expect(text.stdout).toContain('No new upgrade operations detected.')

    const strict = await athanor(dir, [...url, 'check', '--strict'])
    expect(strict.code).toBe(1)
    expect(strict.stderr).toMatch(/error: the database holds 1 fact the models cannot carry/)

    const json = JSON.parse((await athanor(dir, [...url, 'check', '--json'])).stdout)
    expect(json).toEqual({ upToDate: true, diffs: [], notCarried: [{ table: 'docs', schema: null, object: 'index ix_docs_title', fact: 'comment "for search"' }] })
    expect((await athanor(dir, [...url, 'check', '--json', '--strict'])).code).toBe(1)

    models('.notNull()')
    const generated = await athanor(dir, [...url, 'revision', '--autogenerate', '-m', 'title required'])
    expect(generated.code).toBe(0)
    expect(generated.stderr).toContain(`warning: ${line}`)
  })
})
