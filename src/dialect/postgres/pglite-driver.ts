import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { MissingDatabaseError } from '../../errors.js'
import type { PGlite } from '@electric-sql/pglite'
import type { Row } from '../dialect.js'
import type { DatabaseDriver, DriverSession } from '../driver-connection.js'
import { connectFailed, importDriver } from '../driver-error.js'
import { rewritePlaceholders } from './postgres-placeholders.js'

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
 * directory, created if missing — except for a read (`readOnly`), which
 * never creates a database.
 *
 * @example
 * const session = await pgliteDriver.open(parseDatabaseUrl('pglite::memory:'))
 */
export const pgliteDriver: DatabaseDriver = {
  async open(url, options = {}) {
    const driver = await importDriver<typeof import('@electric-sql/pglite')>('@electric-sql/pglite', 'pglite')
    const path = url.path ?? ':memory:'
    if (options.readOnly === true && path !== ':memory:' && !existsSync(path)) throw new MissingDatabaseError(path)
    try {
      if (path === ':memory:') {
        const db = await driver.PGlite.create()
        return pgliteSession(db, () => db.close())
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
      return pgliteSession(db, async () => {
        entry.users -= 1
        if (entry.users === 0) {
          openDirectories.delete(dir)
          await db.close()
        }
      })
    } catch (error) {
      throw connectFailed(url.raw, error)
    }
  },
}

/** A PGlite database as a {@link DriverSession}; `?` becomes `$n`. */
function pgliteSession(db: PGlite, release: () => Promise<void>): DriverSession {
  let released = false
  return {
    async send(sql, params) {
      // The instance outlives this connection while others on its directory are open: refuse as a closed pg client does.
      if (released) throw new Error('the connection is closed')
      let result: { rows: Row[]; affectedRows?: number }
      if (params === undefined || params.length === 0) {
        // exec() takes several statements in one text, as the pg driver's simple protocol does.
        const results = await db.exec(sql)
        result = results[results.length - 1] ?? { rows: [], affectedRows: 0 }
      } else {
        result = await db.query<Row>(rewritePlaceholders(sql), params.map((v) => (v === undefined ? null : v)))
      }
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length }
    },
    release() {
      released = true
      return release()
    },
  }
}
