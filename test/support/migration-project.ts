/**
 * Writes small migration projects for runtime tests: revision files in the
 * DESIGN §2 format in a temp `migrations/versions/` folder, and the graph over
 * them.
 *
 * @example
 * const project = await writeMigrationProject([
 *   { id: 'a1a1a1a1a1a1', up: ['CREATE TABLE a (id INTEGER)'], down: ['DROP TABLE a'] },
 *   { id: 'b2b2b2b2b2b2', down_: 'a1a1a1a1a1a1', up: ['CREATE TABLE b (id INTEGER)'], down: ['DROP TABLE b'] },
 * ])
 * await runUpgrade(project.script, 'head', runtimeOptions(db.url))
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RuntimeOptions } from '../../src/runtime/commands.js'
import { ScriptDirectory } from '../../src/script/script-directory.js'

/** One revision of a test project. `up`/`down` are SQL statements, or a function body given as code. */
export interface RevisionSpec {
  readonly id: string
  readonly parent?: string | readonly string[] | null
  readonly message?: string
  readonly branchLabels?: readonly string[]
  readonly dependsOn?: readonly string[]
  readonly up?: readonly string[] | { readonly code: string }
  readonly down?: readonly string[] | { readonly code: string }
}

/** A project on disk and its graph. */
export interface MigrationProject {
  readonly dir: string
  readonly versionsDir: string
  /** Loaded by the real ScriptDirectory, so the revision files' headers are parsed as users' are. */
  readonly script: ScriptDirectory
  /** Rewrites one revision file (to fix a failing revision between runs). */
  rewrite(spec: RevisionSpec): void
  remove(): void
}

/**
 * Writes `specs` as revision files and builds the graph over them.
 *
 * @example
 * const project = await writeMigrationProject(linearRevisions(3))
 */
export async function writeMigrationProject(specs: readonly RevisionSpec[]): Promise<MigrationProject> {
  const dir = mkdtempSync(join(tmpdir(), 'athanor-project-'))
  const versionsDir = join(dir, 'migrations', 'versions')
  mkdirSync(versionsDir, { recursive: true })
  for (const spec of specs) writeRevisionFile(versionsDir, spec)
  return {
    dir,
    versionsDir,
    script: await ScriptDirectory.load(join(dir, 'migrations')),
    rewrite: (spec) => void writeRevisionFile(versionsDir, spec),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/**
 * `count` revisions in a line, each creating table `t<n>` (dropped on downgrade).
 *
 * @example
 * linearRevisions(3).map((r) => r.id) // ['000000000001', '000000000002', '000000000003']
 */
export function linearRevisions(count: number, body?: (n: number) => Pick<RevisionSpec, 'up' | 'down'>): RevisionSpec[] {
  return Array.from({ length: count }, (_, i) => {
    const n = i + 1
    return {
      id: revisionId(n),
      parent: n === 1 ? null : revisionId(n - 1),
      message: `step ${n}`,
      ...(body ? body(n) : { up: [`CREATE TABLE t${n} (id INTEGER PRIMARY KEY)`], down: [`DROP TABLE t${n}`] }),
    }
  })
}

/** The id of the n-th revision of {@link linearRevisions}: 12 hex digits. */
export function revisionId(n: number): string {
  return n.toString(16).padStart(12, '0')
}

/**
 * Runtime options for a test run on `url`, with the defaults a project gets.
 *
 * @example
 * await runUpgrade(project.script, 'head', runtimeOptions(db.url, { transactionPerMigration: false }))
 */
export function runtimeOptions(url: string, overrides: Partial<RuntimeOptions> = {}): RuntimeOptions {
  return { url, versionTable: 'athanor_version', transactionPerMigration: true, xArgs: {}, ...overrides }
}

function writeRevisionFile(versionsDir: string, spec: RevisionSpec): void {
  const parents = spec.parent === undefined || spec.parent === null ? [] : typeof spec.parent === 'string' ? [spec.parent] : [...spec.parent]
  const message = spec.message ?? `revision ${spec.id}`
  const path = join(versionsDir, `${spec.id}_${message.replace(/\W+/g, '_')}.ts`)
  const downRevision = parents.length === 0 ? 'null' : parents.length === 1 ? JSON.stringify(parents[0]) : JSON.stringify(parents)
  const text = `/**
 * ${message}
 *
 * Revision ID: ${spec.id}
 * Revises: ${parents.join(', ')}
 * Create Date: 2026-11-24T00:00:00.000Z
 */
import type { Operations } from 'athanor'

export const revision = ${JSON.stringify(spec.id)}
export const downRevision: string | string[] | null = ${downRevision}
export const branchLabels: string[] | null = ${spec.branchLabels ? JSON.stringify(spec.branchLabels) : 'null'}
export const dependsOn: string[] | null = ${spec.dependsOn ? JSON.stringify(spec.dependsOn) : 'null'}

export async function upgrade(op: Operations) {
${functionBody(spec.up)}
}

export async function downgrade(op: Operations) {
${functionBody(spec.down)}
}
`
  writeFileSync(path, text)
}

function functionBody(body: RevisionSpec['up']): string {
  if (body === undefined) return ''
  if ('code' in body) return body.code
  return (body as readonly string[]).map((sql) => `  await op.execute(${JSON.stringify(sql)})`).join('\n')
}
