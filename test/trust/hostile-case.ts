/**
 * The table-driven hostile-input suite's one runner: a case is a project (a
 * config, revision files, other files), an optional database state made
 * beforehand, and a command; the command must exit with the case's code,
 * print exactly one `error: …` line (and at most one `hint: …`), say the same
 * under `--json`, and write nothing — no file in the project changes and the
 * database's tables, rows and version table are as they were.
 *
 * @example
 * const c: HostileCase = { name: 'an unknown target', args: ['upgrade', 'fff'], code: 2, error: /^unknown revision "fff"/ }
 * await expectRefused(c, 'sqlite')
 */
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { expect } from 'vitest'
import type { DatabaseConnection } from '../../src/dialect/dialect.js'
import { athanor } from '../cli/cli-in-process.js'
import { tempDir, writeRevisionFile, type RevisionFixture } from '../cli/cli-project.js'
import { describeTables } from '../support/catalog.js'
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from '../support/databases.js'

/** What a hostile case's `prepare` may use: the project folder, the database, and the CLI on them. */
export interface CaseContext {
  readonly dir: string
  readonly db: TestDatabase
  readonly kind: TestDatabaseKind
  /** Runs a command that must succeed (setting up the state the case starts from). */
  ok(args: readonly string[]): Promise<void>
  /** Runs SQL on the database, on a connection of its own. */
  sql(...statements: string[]): Promise<void>
}

/** One hostile input and what athanor must answer to it. */
export interface HostileCase {
  readonly name: string
  /** The config file's text; the default points at `./migrations` and the test database. `(url) => text` to use the URL. */
  readonly config?: string | ((url: string) => string) | null
  /** The config's file name. Default `athanor.config.ts`. */
  readonly configFile?: string
  readonly revisions?: readonly RevisionFixture[]
  /** Edits of revision files after they are written, by revision id. */
  readonly edits?: Readonly<Record<string, (text: string) => string>>
  /** Further files, by path in the project. */
  readonly files?: Readonly<Record<string, string>>
  /** Brings the database to the state the case starts from, before the snapshot is taken. */
  readonly prepare?: (ctx: CaseContext) => Promise<void>
  /** The command. `{url}` in an argument is replaced by the test database's URL. */
  readonly args: readonly string[]
  readonly code: 1 | 2
  /** The error line after `error: `: equal to a string, or matching a pattern. */
  readonly error: string | RegExp
  /** The hint line after `hint: `, when one must be printed. */
  readonly hint?: string | RegExp
  /** The `--json` error document's code. */
  readonly errorCode: string
}

const defaultConfig = (url: string): string => `export default { migrations: './migrations', url: ${JSON.stringify(url)} }\n`

/** Where a case's database lives: a SQLite file in the project (so the snapshot sees a new file), or a server database. */
async function caseDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  return createTestDatabase(kind)
}

/**
 * Runs `c` on a fresh project and a fresh database of `kind`, and asserts it is
 * refused as the case says, with nothing written.
 *
 * @example
 * it.each(CASES)('$name', (c) => expectRefused(c, 'sqlite'))
 */
export async function expectRefused(c: HostileCase, kind: TestDatabaseKind): Promise<void> {
  const project = tempDir('athanor-hostile-')
  const db = await caseDatabase(kind)
  try {
    const ctx = contextFor(project.dir, db, kind)
    const config = c.config === undefined ? defaultConfig(db.url) : typeof c.config === 'function' ? c.config(db.url) : c.config
    if (config !== null) writeFileSync(join(project.dir, c.configFile ?? 'athanor.config.ts'), config)
    mkdirSync(join(project.dir, 'migrations', 'versions'), { recursive: true })
    const paths = new Map((c.revisions ?? []).map((revision) => [revision.id, writeRevisionFile(project.dir, revision)]))
    for (const [path, text] of Object.entries(c.files ?? {})) {
      mkdirSync(dirname(join(project.dir, path)), { recursive: true })
      writeFileSync(join(project.dir, path), text)
    }
    // A sentinel table: the database exists and holds something before the command runs.
    await ctx.sql('CREATE TABLE hostile_sentinel (id INTEGER PRIMARY KEY)', 'INSERT INTO hostile_sentinel (id) VALUES (1)')
    await c.prepare?.(ctx)
    // Edits come after the set-up, which runs the good files.
    for (const [id, edit] of Object.entries(c.edits ?? {})) writeFileSync(paths.get(id)!, edit(readFileSync(paths.get(id)!, 'utf8')))
    const before = await snapshot(project.dir, db, kind)
    const args = c.args.map((arg) => arg.replaceAll('{url}', db.url))

    const text = await athanor(project.dir, args)
    const lines = text.stderr.split('\n')
    expect(lines.at(-1), `stderr ends with a newline: ${text.stderr}`).toBe('')
    expect(lines[0], `the error line of: ${text.stderr}`).toMatch(/^error: /)
    const message = lines[0]!.slice('error: '.length)
    if (typeof c.error === 'string') expect(message).toBe(c.error)
    else expect(message).toMatch(c.error)
    const rest = lines.slice(1, -1)
    if (c.hint === undefined) expect(rest.filter((line) => !line.startsWith('hint: ')), `nothing else on stderr: ${text.stderr}`).toEqual([])
    else {
      expect(rest, `one hint line: ${text.stderr}`).toHaveLength(1)
      const hint = rest[0]!.replace(/^hint: /, '')
      if (typeof c.hint === 'string') expect(hint).toBe(c.hint)
      else expect(hint).toMatch(c.hint)
    }
    expect(rest.length, `at most a hint after the error: ${text.stderr}`).toBeLessThanOrEqual(1)
    expect(text.code, text.stderr).toBe(c.code)

    const json = await athanor(project.dir, ['--json', ...args])
    expect(json.code, json.stdout).toBe(c.code)
    expect(json.stderr, 'nothing on stderr under --json').toBe('')
    const document = JSON.parse(json.stdout) as { error: { code: string; message: string } }
    expect(document.error.code).toBe(c.errorCode)
    expect(document.error.message).toBe(message)

    expect(await snapshot(project.dir, db, kind), 'nothing was written').toEqual(before)
  } finally {
    await db.drop()
    project.cleanup()
  }
}

function contextFor(dir: string, db: TestDatabase, kind: TestDatabaseKind): CaseContext {
  return {
    dir,
    db,
    kind,
    async ok(args) {
      const run = await athanor(dir, args.map((arg) => arg.replaceAll('{url}', db.url)))
      if (run.code !== 0) throw new Error(`setting up: athanor ${args.join(' ')} exited ${run.code}: ${run.stderr}`)
    },
    async sql(...statements) {
      const conn = await db.connect()
      try {
        for (const statement of statements) await conn.execute(statement)
      } finally {
        await conn.close()
      }
    },
  }
}

/** Every file of the project by path with its content's hash, and the database's tables, columns and rows. */
async function snapshot(dir: string, db: TestDatabase, kind: TestDatabaseKind): Promise<{ files: Record<string, string>; tables: Record<string, unknown> }> {
  const files: Record<string, string> = {}
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name)
      if (statSync(path).isDirectory()) walk(path)
      else files[relative(dir, path)] = createHash('sha1').update(readFileSync(path)).digest('hex')
    }
  }
  walk(dir)
  const conn = await db.connect()
  try {
    return { files, tables: await tableContents(conn, kind) }
  } finally {
    await conn.close()
  }
}

async function tableContents(conn: DatabaseConnection, kind: TestDatabaseKind): Promise<Record<string, unknown>> {
  const tables = await describeTables(conn, kind)
  const contents: Record<string, unknown> = {}
  for (const [name, columns] of Object.entries(tables)) {
    const rows = await conn.query(`SELECT * FROM ${conn.dialect.quoteIdentifier(name)}`)
    contents[name] = { columns, rows: rows.map((row) => JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).sort() }
  }
  return contents
}
