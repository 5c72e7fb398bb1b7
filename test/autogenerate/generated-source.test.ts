/**
 * Generated revisions are code users keep: they must type-check strictly
 * (unused names included) against athanor's public API.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import ts from 'typescript'
import { afterEach, describe, expect, it } from 'vitest'
import { compareWithConnection } from '../../src/autogenerate/autogenerate.js'
import { ScriptDirectory } from '../../src/script/script-directory.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'
import { applyOps, fixtureTables, writeComparison } from './support.js'

describe.each(['postgres', 'sqlite'] as const)('generated revision source on %s', (kind) => {
  let db: TestDatabase | undefined
  let dir: string | undefined
  afterEach(async () => {
    await db?.drop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('type-checks strictly against the public API, for an initial migration and a change of every kind', async () => {
    db = await createTestDatabase(kind)
    dir = mkdtempSync(join(tmpdir(), 'athanor-typecheck-'))
    mkdirSync(join(dir, 'migrations', 'versions'), { recursive: true })
    const script = await ScriptDirectory.load(join(dir, 'migrations'))
    const conn = await db.connect()
    const settings = { versionTable: 'athanor_version', renames: { accept: ['tasks.due=tasks.due_on'] } }
    const v1 = await fixtureTables('models-v1.ts')
    const initial = await compareWithConnection(conn, v1, settings)
    await writeComparison(script, { message: 'initial', downRevisions: [] }, initial, conn.dialect)
    await applyOps(conn, initial.changes.map((c) => c.op))
    const change = await compareWithConnection(conn, await fixtureTables('models-v2.ts'), settings)
    await writeComparison(script, { message: 'change', downRevisions: script.graph.heads().map((r) => r.id) }, change, conn.dialect)

    const files = readdirSync(script.versionsDir).map((f) => join(script.versionsDir, f))
    if (process.env.ATHANOR_SHOW_GENERATED) for (const f of files) console.log(readFileSync(f, 'utf8'))
    expect(files).toHaveLength(2)
    const program = ts.createProgram(files, {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      noUnusedLocals: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
      typeRoots: [resolve('node_modules/@types')],
      paths: { athanor: [resolve('src/index.ts')] },
    })
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file === undefined || files.includes(d.file.fileName))
      .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`)
    expect(problems).toEqual([])
  })
})
