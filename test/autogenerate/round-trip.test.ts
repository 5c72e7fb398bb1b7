/**
 * The whole autogenerate loop through revision files on each real database:
 * models -> revision -> upgrade -> nothing left to find; changed models ->
 * revision -> upgrade -> nothing left -> downgrade -> the schema as before.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { compareWithConnection } from '../../src/autogenerate/autogenerate.js'
import { compareSchemas } from '../../src/autogenerate/compare-schemas.js'
import type { DatabaseConnection } from '../../src/dialect/dialect.js'
import { reflect } from '../../src/dialect/reflector.js'
import { runDowngrade, runUpgrade } from '../../src/runtime/commands.js'
import { ScriptDirectory } from '../../src/script/script-directory.js'
import type { Table } from '../../src/schema/table.js'
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from '../support/databases.js'
import { runtimeOptions } from '../support/migration-project.js'
import { fixtureTables, writeComparison } from './support.js'

const KINDS: readonly TestDatabaseKind[] = ['sqlite', 'postgres', 'mysql', 'pglite']
const settings = { versionTable: 'athanor_version', renames: { accept: ['tasks.due=tasks.due_on'] } }

async function autogenerate(script: ScriptDirectory, conn: DatabaseConnection, tables: readonly Table[], message: string) {
  const comparison = await compareWithConnection(conn, tables, settings)
  const heads = script.graph.heads().map((r) => r.id)
  return writeComparison(script, { message, downRevisions: heads }, comparison, conn.dialect)
}

describe.each(KINDS)('autogenerate round trip on %s', (kind) => {
  let db: TestDatabase | undefined
  let dir: string | undefined
  afterEach(async () => {
    await db?.drop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('creates the initial migration, applies a model change, and downgrades back to the same schema', async () => {
    db = await createTestDatabase(kind)
    dir = mkdtempSync(join(tmpdir(), 'athanor-autogen-'))
    mkdirSync(join(dir, 'migrations', 'versions'), { recursive: true })
    const script = await ScriptDirectory.load(join(dir, 'migrations'))
    const conn = await db.connect()
    const v1 = await fixtureTables('models-v1.ts')
    const v2 = await fixtureTables('models-v2.ts')
    expect(v1.length).toBeGreaterThanOrEqual(12)

    const initial = await autogenerate(script, conn, v1, 'initial')
    expect(initial.revision).not.toBeNull()
    expect(initial.diffs.filter((d) => d.kind === 'add_table')).toHaveLength(v1.length)
    await runUpgrade(script, 'head', runtimeOptions(db.url))
    expect((await compareWithConnection(conn, v1, settings)).diffs).toEqual([])
    const again = await autogenerate(script, conn, v1, 'nothing')
    expect(again.revision).toBeNull()

    const before = await reflect(conn)
    const change = await autogenerate(script, conn, v2, 'change')
    const kinds = new Set(change.diffs.map((d) => d.kind))
    const expectedKinds = ['add_column', 'remove_column', 'modify_type', 'modify_nullable', 'rename_column', 'add_index', 'add_fk', 'modify_default']
    // SQLite has no comments; only PostgreSQL has enum types whose values are added in place.
    if (kind !== 'sqlite') expectedKinds.push('add_table_comment')
    if (kind === 'postgres') expectedKinds.push('add_enum_value')
    for (const expected of expectedKinds) {
      expect(kinds, `${expected} in ${JSON.stringify(change.diffs)}`).toContain(expected)
    }
    expect(change.dataLoss).toContainEqual(expect.objectContaining({ table: 'profiles', column: 'wake_time' }))
    const source = readFileSync(change.revision!.path, 'utf8')
    expect(source).toContain('// data loss: drops column "wake_time"')
    await runUpgrade(script, 'head', runtimeOptions(db.url))
    expect((await compareWithConnection(conn, v2, settings)).diffs).toEqual([])

    await runDowngrade(script, '-1', runtimeOptions(db.url))
    expect((await compareWithConnection(conn, v1, settings)).diffs).toEqual([])
    const after = await reflect(conn)
    const drift = await compareSchemas(before, after, { dialect: conn.dialect, defaultSchema: after.defaultSchema })
    expect(drift.diffs).toEqual([])
  })
})
