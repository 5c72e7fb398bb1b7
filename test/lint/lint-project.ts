/**
 * A project for lint tests: a config pointing at a test database and
 * revision files whose bodies may use `t` and `sql` from athanor.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Athanor } from '../../src/api.js'
import type { AthanorConfig } from '../../src/config/config-types.js'
import { tempDir } from '../cli/cli-project.js'

/** One revision: id, parent, upgrade body. */
export interface LintRevision {
  readonly id: string
  readonly down: string | null
  readonly upgrade: string
  readonly message?: string
  /** Extra top-level lines of the file, e.g. `export const ddlLockTimeoutMs = 300`. */
  readonly exports?: string
}

/** A temp project on `url`. */
export interface LintProject {
  readonly dir: string
  write(revision: LintRevision): void
  remove(id: string): void
  athanor(config?: Omit<AthanorConfig, 'url' | 'migrations'>): Athanor
  cleanup(): void
}

/**
 * Makes a project whose config uses `url`.
 *
 * @example
 * const project = lintProject(db.url)
 * project.write({ id: 'aaaa00000001', down: null, upgrade: "await op.createTable('t', { id: t.integer().primaryKey() })" })
 */
export function lintProject(url: string): LintProject {
  const { dir, cleanup } = tempDir('athanor-lint-')
  const versions = join(dir, 'migrations', 'versions')
  mkdirSync(versions, { recursive: true })
  writeFileSync(join(dir, 'athanor.config.ts'), `export default { url: ${JSON.stringify(url)} }\n`)
  const files = new Map<string, string>()
  return {
    dir,
    write(r) {
      const message = r.message ?? `rev ${r.id}`
      const path = join(versions, `${r.id}_rev.ts`)
      writeFileSync(
        path,
        `/**
 * ${message}
 *
 * Revision ID: ${r.id}
 * Revises: ${r.down ?? ''}
 * Create Date: 2026-12-02T00:00:00.000Z
 */
import { type Operations, sql, t } from 'athanor'

export const revision = '${r.id}'
export const downRevision: string | string[] | null = ${r.down === null ? 'null' : `'${r.down}'`}
export const branchLabels: string[] | null = null
export const dependsOn: string[] | null = null
${r.exports ?? ''}

export async function upgrade(op: Operations) {
  void sql
  void t
  ${r.upgrade}
}

export async function downgrade(op: Operations) {}
`,
      )
      files.set(r.id, path)
    },
    remove(id) {
      const path = files.get(id)
      if (path !== undefined) rmSync(path)
      files.delete(id)
    },
    athanor(config = {}) {
      return new Athanor({ cwd: dir, url, migrations: './migrations', ...config })
    },
    cleanup,
  }
}
