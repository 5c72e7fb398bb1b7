/**
 * Temp projects for CLI tests: a folder, and revision files written the way a
 * user's project holds them (DESIGN §2).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A fresh temp folder; call `cleanup` after the test. */
export function tempDir(prefix = 'athanor-cli-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** What a hand-written revision file declares. */
export interface RevisionFixture {
  id: string
  down?: string | string[] | null
  message?: string
  branchLabels?: string[]
  dependsOn?: string[]
  upgrade?: string
  downgrade?: string
}

/**
 * Writes the two-revision project the runtime CLI tests share: `aaaa00000001`
 * creates `account`, `bbbb00000002` adds its `name` column (of `nameType`).
 */
export function writeAccountRevisions(project: string, nameType = 'VARCHAR(50)'): void {
  writeRevisionFile(project, {
    id: 'aaaa00000001',
    message: 'create account',
    upgrade: "await op.execute('CREATE TABLE account (id INTEGER PRIMARY KEY)')",
    downgrade: "await op.execute('DROP TABLE account')",
  })
  writeRevisionFile(project, {
    id: 'bbbb00000002',
    down: 'aaaa00000001',
    message: 'add name',
    upgrade: `await op.execute('ALTER TABLE account ADD COLUMN name ${nameType}')`,
    downgrade: "await op.execute('ALTER TABLE account DROP COLUMN name')",
  })
}

/**
 * Writes a revision file in the DESIGN §2 shape into `<project>/migrations/versions`.
 */
export function writeRevisionFile(project: string, r: RevisionFixture): string {
  const versions = join(project, 'migrations', 'versions')
  mkdirSync(versions, { recursive: true })
  const down = r.down ?? null
  const downList = down === null ? [] : typeof down === 'string' ? [down] : down
  const literal = (v: string[] | null | undefined): string => (v == null ? 'null' : `[${v.map((x) => `'${x}'`).join(', ')}]`)
  const downLiteral = down === null ? 'null' : typeof down === 'string' ? `'${down}'` : literal(down)
  const message = r.message ?? `rev ${r.id}`
  const text = `/**
 * ${message}
 *
 * Revision ID: ${r.id}
 * Revises: ${downList.join(', ')}
 * Create Date: 2026-11-22T19:40:00.000Z
 */
import type { Operations } from 'athanor'

export const revision = '${r.id}'
export const downRevision: string | string[] | null = ${downLiteral}
export const branchLabels: string[] | null = ${literal(r.branchLabels)}
export const dependsOn: string[] | null = ${literal(r.dependsOn)}

export async function upgrade(op: Operations) {
  ${r.upgrade ?? ''}
}

export async function downgrade(op: Operations) {
  ${r.downgrade ?? ''}
}
`
  const path = join(versions, `${r.id}_${message.replace(/\W+/g, '_').toLowerCase()}.ts`)
  writeFileSync(path, text)
  return path
}

/**
 * A project with a branch and a merge:
 *   aaaa00000001 ← aaaa00000002 ← {bbbb00000003, cccc00000004} ← dddd00000005 (merge)
 */
export function writeBranchedProject(project: string): void {
  mkdirSync(join(project, 'migrations', 'versions'), { recursive: true })
  writeFileSync(join(project, 'athanor.config.ts'), `export default { url: 'sqlite:./app.db' }\n`)
  writeRevisionFile(project, { id: 'aaaa00000001', message: 'create users' })
  writeRevisionFile(project, { id: 'aaaa00000002', down: 'aaaa00000001', message: 'add email' })
  writeRevisionFile(project, { id: 'bbbb00000003', down: 'aaaa00000002', message: 'branch b' })
  writeRevisionFile(project, { id: 'cccc00000004', down: 'aaaa00000002', message: 'branch c' })
  writeRevisionFile(project, { id: 'dddd00000005', down: ['bbbb00000003', 'cccc00000004'], message: 'merge b and c' })
}
