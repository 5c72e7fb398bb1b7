/**
 * Fresh, isolated databases for tests. Every call makes its own database (a
 * random `athanor_t_…` database on the servers, a temp file for SQLite), so
 * tests running in parallel never see each other's tables. PGlite, which
 * serves one process, comes from a pool of open instances that are emptied
 * between tests (pglite-pool.ts). A server that is down fails the test with a message saying how to
 * start it; it is never a skip.
 *
 * @example
 * describe.each(ALL_DATABASES)('%s', (kind) => {
 *   let db: TestDatabase
 *   beforeEach(async () => { db = await createTestDatabase(kind) })
 *   afterEach(() => db.drop())
 *   it('creates a table', async () => {
 *     const conn = await db.connect()
 *     await conn.execute('CREATE TABLE t (a INTEGER)')
 *   })
 * })
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openConnection } from '../../src/dialect/connect.js'
import type { DatabaseConnection } from '../../src/dialect/dialect.js'
import { releasePglite, takePglite } from './pglite-pool.js'

/** The kinds of database the tests run on. */
export type TestDatabaseKind = 'sqlite' | 'postgres' | 'mysql' | 'pglite'

/** Every kind, for `describe.each(ALL_DATABASES)`. */
export const ALL_DATABASES: readonly TestDatabaseKind[] = ['sqlite', 'postgres', 'mysql', 'pglite']

/** The kinds backed by a real server process (concurrency tests need these). */
export const SERVER_DATABASES: readonly TestDatabaseKind[] = ['postgres', 'mysql']

/** The server a test database is created on; override with these environment variables. */
export const POSTGRES_ADMIN_URL = process.env.ATHANOR_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
export const MYSQL_ADMIN_URL = process.env.ATHANOR_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test'

/** One isolated database made for one test. */
export interface TestDatabase {
  /** URL of the fresh database, e.g. `postgres://postgres@127.0.0.1:5432/athanor_t_1a2b3c4d`. */
  readonly url: string
  readonly kind: TestDatabaseKind
  /** Opens a new connection to it; {@link TestDatabase.drop} closes any still open. */
  connect(): Promise<DatabaseConnection>
  /** Closes open connections and removes the database. Safe to call twice. */
  drop(): Promise<void>
}

const startHints: Record<'postgres' | 'mysql', string> = {
  postgres: 'start it: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
  mysql: 'start it: start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd',
}

/**
 * Creates a fresh database of the given kind.
 *
 * @example
 * const db = await createTestDatabase('postgres')
 * const conn = await db.connect()
 */
export async function createTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  const name = `athanor_t_${randomBytes(6).toString('hex')}`
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `${name}_`))
    return trackConnections(`sqlite:${join(dir, 'test.db')}`, kind, async () => rmSync(dir, { recursive: true, force: true }))
  }
  if (kind === 'pglite') {
    const pglite = await takePglite()
    return trackConnections(pglite.url, kind, async () => releasePglite(pglite))
  }
  const adminUrl = kind === 'postgres' ? POSTGRES_ADMIN_URL : MYSQL_ADMIN_URL
  const admin = await openAdmin(kind, adminUrl)
  try {
    await admin.execute(`CREATE DATABASE ${name}`)
  } finally {
    await admin.close()
  }
  const url = withDatabase(adminUrl, name)
  return trackConnections(url, kind, async () => {
    const dropper = await openAdmin(kind, adminUrl)
    try {
      await dropper.execute(kind === 'postgres' ? `DROP DATABASE IF EXISTS ${name} WITH (FORCE)` : `DROP DATABASE IF EXISTS ${name}`)
    } finally {
      await dropper.close()
    }
  })
}

async function openAdmin(kind: 'postgres' | 'mysql', adminUrl: string): Promise<DatabaseConnection> {
  try {
    return await openConnection(adminUrl)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new Error(`the ${kind} test server is not reachable (${reason}); ${startHints[kind]}`, { cause: error })
  }
}

function withDatabase(adminUrl: string, database: string): string {
  const url = new URL(adminUrl)
  url.pathname = `/${database}`
  return url.toString()
}

function trackConnections(url: string, kind: TestDatabaseKind, remove: () => Promise<void>): TestDatabase {
  const open = new Set<DatabaseConnection>()
  let dropped = false
  return {
    url,
    kind,
    async connect() {
      const conn = await openConnection(url)
      open.add(conn)
      const close = conn.close.bind(conn)
      conn.close = async () => {
        open.delete(conn)
        await close()
      }
      return conn
    },
    async drop() {
      if (dropped) return
      dropped = true
      await Promise.all([...open].map((conn) => conn.close()))
      await remove()
    },
  }
}
