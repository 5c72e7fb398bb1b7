import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/program.js'
import { runDowngrade, runUpgrade, type StepResult } from '../../src/runtime/commands.js'
import { versionRows } from '../support/catalog.js'
import { ALL_DATABASES, createTestDatabase, type TestDatabase } from '../support/databases.js'
import { runtimeOptions, writeMigrationProject, type MigrationProject, type RevisionSpec } from '../support/migration-project.js'

const A1 = 'a1a1a1a1a1a1'
const B1 = 'b1b1b1b1b1b1'
const C1 = 'c1c1c1c1c1c1'
const X1 = 'e1e1e1e1e1e1'
const Y1 = 'f1f1f1f1f1f1'

/**
 * Each revision records, inside its own transaction, the version table's rows
 * it starts from: the rows after the step before it.
 */
function recording(id: string, parent: string | null, extra: Partial<RevisionSpec> = {}): RevisionSpec {
  const record = (direction: string) => ({
    code: `  const rows = await op.query('SELECT version_num FROM athanor_version')
  await op.execute('INSERT INTO seen (step, seen_rows) VALUES (?, ?)', ['${id}:${direction}', rows.map((r) => String(r.version_num)).sort().join(',')])`,
  })
  return { id, parent, message: `rev ${id.slice(0, 2)}`, up: record('up'), down: record('down'), ...extra }
}

/**
 * a1 ─┬─ b1            y1 depends on the branches b1 and c1, so applying it
 *     ├─ c1            folds their rows into its own: rows [b1, c1, x1] become
 *     └─ x1 ─ y1       [y1] (three deleted, one inserted), and back.
 */
const dependent: RevisionSpec[] = [
  recording(A1, null),
  recording(B1, A1, { branchLabels: ['bs'] }),
  recording(C1, A1, { branchLabels: ['cs'] }),
  recording(X1, A1, { branchLabels: ['xs'] }),
  recording(Y1, X1, { dependsOn: [B1, 'cs'] }),
]

describe.each(ALL_DATABASES)('version rows of a revision that depends on other branches, on %s', (kind) => {
  let db: TestDatabase
  let project: MigrationProject
  beforeEach(async () => {
    db = await createTestDatabase(kind)
    project = await writeMigrationProject(dependent)
    const conn = await db.connect()
    await conn.execute('CREATE TABLE seen (step VARCHAR(40) PRIMARY KEY, seen_rows VARCHAR(200) NOT NULL)')
    await conn.close()
  })
  afterEach(async () => {
    await db.drop()
    project.remove()
  })

  /** The rows before each step and after the last, as the revisions saw them and as the table holds them now. */
  async function rowsAlong(steps: readonly StepResult[]): Promise<string[][]> {
    const conn = await db.connect()
    try {
      const seen = new Map((await conn.query('SELECT step, seen_rows FROM seen')).map((r) => [String(r.step), String(r.seen_rows)]))
      const before = steps.map((s) => {
        const text = seen.get(`${s.revision}:${s.direction}`)
        expect(text, `${s.revision} ${s.direction} ran`).toBeDefined()
        return text === '' ? [] : text!.split(',')
      })
      return [...before, await versionRows(conn)]
    } finally {
      await conn.close()
    }
  }

  /** What `RevisionGraph.nextCurrent` says the rows are along the same steps. */
  function expectedAlong(start: readonly string[], steps: readonly StepResult[]): string[][] {
    const graph = project.script.graph
    const out: string[][] = [[...start].sort()]
    let rows = [...start]
    for (const step of steps) {
      rows = graph.nextCurrent(rows, graph.get(step.revision), step.direction)
      out.push([...rows].sort())
    }
    return out
  }

  /** `athanor current --json`, run in the project folder on this database. */
  async function cliCurrent(): Promise<string[]> {
    let stdout = ''
    let stderr = ''
    const streams = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env: { NO_COLOR: '1' } }
    const code = await runCli(['--url', db.url, '--json', 'current'], streams, project.dir)
    expect(code, stderr).toBe(0)
    return (JSON.parse(stdout) as { revision: string }[]).map((r) => r.revision).sort()
  }

  it('writes after every step of an upgrade to heads the rows nextCurrent gives, folding the dependencies into the dependent', async () => {
    const result = await runUpgrade(project.script, 'heads', runtimeOptions(db.url))
    const along = await rowsAlong(result.steps)
    expect(along).toEqual(expectedAlong([], result.steps))
    const y1 = result.steps.findIndex((s) => s.revision === Y1)
    expect(along[y1]).toEqual([B1, C1, X1])
    expect(along[y1 + 1]).toEqual([Y1])
    expect(result.current).toEqual([Y1])
    expect(await cliCurrent()).toEqual([Y1])
  })

  it('un-folds the dependencies into their own rows when the dependent is downgraded', async () => {
    await runUpgrade(project.script, 'heads', runtimeOptions(db.url))
    const result = await runDowngrade(project.script, '-1', runtimeOptions(db.url))
    expect(result.steps.map((s) => s.revision)).toEqual([Y1])
    const along = await rowsAlong(result.steps)
    expect(along).toEqual(expectedAlong([Y1], result.steps))
    expect(along.at(-1)).toEqual([B1, C1, X1])
    expect(await cliCurrent()).toEqual([B1, C1, X1])
  })

  it('writes after every step of a downgrade to base the rows nextCurrent gives, ending with none', async () => {
    await runUpgrade(project.script, 'heads', runtimeOptions(db.url))
    const conn = await db.connect()
    await conn.execute('DELETE FROM seen')
    await conn.close()
    const result = await runDowngrade(project.script, 'base', runtimeOptions(db.url))
    expect(result.steps.map((s) => s.revision).sort()).toEqual([A1, B1, C1, X1, Y1])
    const along = await rowsAlong(result.steps)
    expect(along).toEqual(expectedAlong([Y1], result.steps))
    expect(along.at(-1)).toEqual([])
    expect(await cliCurrent()).toEqual([])
  })

  it('upgrades the dependent alone, pulling in its dependencies, and current names only the dependent', async () => {
    const result = await runUpgrade(project.script, Y1, runtimeOptions(db.url))
    expect(result.steps.map((s) => s.revision).sort()).toEqual([A1, B1, C1, X1, Y1])
    expect(await rowsAlong(result.steps)).toEqual(expectedAlong([], result.steps))
    expect(await cliCurrent()).toEqual([Y1])
  })
})
