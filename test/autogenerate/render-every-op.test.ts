/**
 * Every op kind has a code form, in `op.*` calls and (for table changes) in
 * a batch's `b.*` calls, and that code type-checks strictly against the
 * public API: no kind falls back to a "write it by hand" comment.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import ts from 'typescript'
import { afterAll, describe, expect, it } from 'vitest'
import { BATCH_RENDERED_KINDS } from '../../src/autogenerate/render-batch.js'
import { RENDERED_KINDS, renderOp, type RenderedImport } from '../../src/autogenerate/render-ops.js'
import { isTableChangeOperation } from '../../src/operations/ops/migrate-operation.js'
import { ALL_OP_KINDS, opSamples } from '../operations/op-samples.js'

const dir = mkdtempSync(join(tmpdir(), 'athanor-render-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function typeCheck(source: string): string[] {
  const file = join(dir, 'every_op.ts')
  writeFileSync(file, source)
  const program = ts.createProgram([file], {
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
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName === file)
    .map((d) => `${d.file!.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`)
}

describe('rendering every op kind', () => {
  it('has a renderer for every kind and a batch renderer for every table-change kind', () => {
    expect([...RENDERED_KINDS].sort()).toEqual([...ALL_OP_KINDS].sort())
    const tableChangeKinds = ALL_OP_KINDS.filter((kind) => isTableChangeOperation(opSamples[kind]()))
    expect([...BATCH_RENDERED_KINDS].sort()).toEqual(tableChangeKinds.sort())
    const batch = opSamples.batch_alter_table()
    expect(new Set(batch.ops.map((op) => op.kind))).toEqual(new Set(tableChangeKinds))
  })

  it('writes code that type-checks strictly against the public API', () => {
    const imports = new Set<RenderedImport>()
    const body: string[] = []
    for (const kind of ALL_OP_KINDS) {
      const rendered = renderOp(opSamples[kind]())
      for (const name of rendered.imports) imports.add(name)
      body.push(`  // ${kind}`, ...rendered.lines.map((line) => `  ${line}`))
    }
    expect(body.join('\n')).not.toMatch(/by hand|no code form|no batch form/)
    const source = [
      `import { type Operations${[...imports].sort().map((name) => `, ${name}`).join('')} } from 'athanor'`,
      '',
      'export async function upgrade(op: Operations): Promise<void> {',
      ...body,
      '}',
      '',
    ].join('\n')
    expect(typeCheck(source)).toEqual([])
  }, 60_000)

  it("writes an added column's inline constraints as the named constraints the op adds", () => {
    expect(renderOp(opSamples.add_column()).lines).toEqual([
      "await op.addColumn('account', 'email', t.string(255), { ifNotExists: true })",
      "await op.createUniqueConstraint('uq_account_email', 'account', ['email'])",
      "await op.createIndex('ix_account_email', 'account', ['email'])",
    ])
  })

  it('writes seed rows into an ad-hoc table, one row a line, and raw SQL with its parameters', () => {
    expect(renderOp(opSamples.bulk_insert()).lines).toEqual([
      "await op.bulkInsert(table('account', { id: t.integer(), name: t.string(50), seenAt: t.datetime().name('seen_at') }), [",
      "  { id: 1, name: 'o\\'hara', seenAt: new Date('2024-01-02T03:04:05.000Z') },",
      '  { id: 2, name: null },',
      '])',
    ])
    expect(renderOp(opSamples.execute()).lines).toEqual(["await op.execute('UPDATE account SET name = ? WHERE id = ?', ['x', 1])"])
  })

  it('writes the existence switches an op carries', () => {
    expect(renderOp(opSamples.drop_table()).lines).toEqual(["await op.dropTable('member', { ifExists: true, schema: 'app' })"])
    expect(renderOp(opSamples.drop_constraint()).lines).toEqual(["await op.dropConstraint('fk_member_org', 'member', { type: 'foreignKey', ifExists: true, schema: 'app' })"])
  })
})
