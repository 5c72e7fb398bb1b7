/**
 * Fresh, isolated databases for tests. Every call hands out a database no
 * other test is using: a temp file for SQLite, a random `athanor_t_…`
 * database on MariaDB, and for PostgreSQL and PGlite an empty one from a
 * pool of open databases emptied between tests (postgres-pool.ts), so tests
 * running in parallel never see each other's tables. A server that is down fails the test with a message saying how to
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
import { pglitePool, PostgresPool, type NewDatabase } from './postgres-pool.js'

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
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `athanor_t_${randomBytes(6).toString('hex')}_`))
    return trackConnections(`sqlite:${join(dir, 'test.db')}`, kind, async () => rmSync(dir, { recursive: true, force: true }))
  }
  const pool = kind === 'pglite' ? pglitePool : kind === 'postgres' ? serverPostgresPool : undefined
  if (pool !== undefined) {
    const pooled = await pool.take()
    return trackConnections(pooled.url, kind, async () => pool.release(pooled))
  }
  const name = `athanor_t_${randomBytes(6).toString('hex')}`
  const server = kind === 'postgres' ? 'postgres' : 'mysql'
  await createServerDatabase(server, name)
  return trackConnections(withDatabase(adminUrlOf(server), name), kind, () => dropServerDatabase(server, name))
}

/**
 * The run's id, set by global-setup.ts, whose teardown drops the server
 * databases named after it. Without it (a test file run under another
 * config) each PostgreSQL test makes and drops its own database.
 */
const RUN = process.env['ATHANOR_TEST_RUN']

const serverPostgresPool = RUN === undefined ? undefined : new PostgresPool(makeServerPostgres, { endOtherSessions: true })

async function makeServerPostgres(): Promise<NewDatabase> {
  const name = `athanor_t_${RUN}_${randomBytes(4).toString('hex')}`
  await createServerDatabase('postgres', name)
  return { url: withDatabase(POSTGRES_ADMIN_URL, name), remove: () => dropServerDatabase('postgres', name) }
}

function adminUrlOf(server: 'postgres' | 'mysql'): string {
  return server === 'postgres' ? POSTGRES_ADMIN_URL : MYSQL_ADMIN_URL
}

async function createServerDatabase(server: 'postgres' | 'mysql', name: string): Promise<void> {
  const admin = await openAdmin(server, adminUrlOf(server))
  try {
    await admin.execute(`CREATE DATABASE ${name}`)
  } finally {
    await admin.close()
  }
}

/**
 * Drops a server database, ending its sessions first on PostgreSQL.
 *
 * @example
 * await dropServerDatabase('postgres', 'athanor_t_1a2b3c4d')
 */
export async function dropServerDatabase(server: 'postgres' | 'mysql', name: string): Promise<void> {
  const admin = await openAdmin(server, adminUrlOf(server))
  try {
    await admin.execute(server === 'postgres' ? `DROP DATABASE IF EXISTS ${name} WITH (FORCE)` : `DROP DATABASE IF EXISTS ${name}`)
  } finally {
    await admin.close()
  }
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
