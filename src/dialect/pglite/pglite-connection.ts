import { resolve } from 'node:path'
import type { PGlite } from '@electric-sql/pglite'
import type { DatabaseUrl } from '../../config/url.js'
import type { DatabaseConnection, Dialect, Row } from '../dialect.js'
import { connectFailed, importDriver, statementFailed } from '../driver-error.js'
import { postgresDialect } from '../postgres/postgres-dialect.js'
import { rewritePlaceholders } from '../postgres/postgres-placeholders.js'

/**
 * One PGlite instance per data directory in this process, shared by every
 * connection opened on it: PGlite is a single-user Postgres, and two instances
 * on one directory would corrupt it. The instance closes with its last
 * connection.
 */
const openDirectories = new Map<string, { db: Promise<PGlite>; users: number }>()

/**
 * Opens an embedded PostgreSQL (PGlite, an optional peer dependency).
 * `pglite::memory:` is a fresh in-memory database; `pglite:./dir` a data
 * directory, created if missing.
 *
 * @example
 * const conn = await openPgliteConnection(parseDatabaseUrl('pglite::memory:'))
 */
export async function openPgliteConnection(url: DatabaseUrl): Promise<DatabaseConnection> {
  const driver = await importDriver<typeof import('@electric-sql/pglite')>('@electric-sql/pglite', 'pglite')
  const path = url.path ?? ':memory:'
  try {
    if (path === ':memory:') {
      const db = await driver.PGlite.create()
      return new PgliteConnection(db, () => db.close())
    }
    const dir = resolve(path)
    let shared = openDirectories.get(dir)
    if (shared === undefined) {
      shared = { db: driver.PGlite.create(dir), users: 0 }
      openDirectories.set(dir, shared)
      shared.db.catch(() => openDirectories.delete(dir))
    }
    shared.users += 1
    const entry = shared
    let db: PGlite
    try {
      db = await entry.db
    } catch (error) {
      entry.users -= 1
      throw error
    }
    return new PgliteConnection(db, async () => {
      entry.users -= 1
      if (entry.users === 0) {
        openDirectories.delete(dir)
        await db.close()
      }
    })
  } catch (error) {
    throw connectFailed(url.raw, error)
  }
}

/** A PGlite database behind {@link DatabaseConnection}; `?` becomes `$n`. */
class PgliteConnection implements DatabaseConnection {
  readonly dialect: Dialect = postgresDialect
  readonly #db: PGlite
  readonly #release: () => Promise<void>
  #closed = false
  #statements = 0

  constructor(db: PGlite, release: () => Promise<void>) {
    this.#db = db
    this.#release = release
  }

  get statementCount(): number {
    return this.#statements
  }

  async execute(sql: string, params?: readonly unknown[]): Promise<{ rowCount: number }> {
    const result = await this.#send(sql, params)
    return { rowCount: result.affectedRows ?? result.rows.length }
  }

  async query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]> {
    return (await this.#send(sql, params)).rows as R[]
  }

  async begin(): Promise<void> {
    await this.execute(this.dialect.beginSql)
  }

  async commit(): Promise<void> {
    await this.execute(this.dialect.commitSql)
  }

  async rollback(): Promise<void> {
    await this.execute(this.dialect.rollbackSql)
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    await this.#release()
  }

  async #send(sql: string, params: readonly unknown[] | undefined): Promise<{ rows: Row[]; affectedRows?: number }> {
    this.#statements += 1
    try {
      if (params === undefined || params.length === 0) {
        // exec() takes several statements in one text, as the pg driver's simple protocol does.
        const results = await this.#db.exec(sql)
        return results[results.length - 1] ?? { rows: [], affectedRows: 0 }
      }
      return await this.#db.query<Row>(rewritePlaceholders(sql), params.map((v) => (v === undefined ? null : v)))
    } catch (error) {
      throw statementFailed(error)
    }
  }
}
