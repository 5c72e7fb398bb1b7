/**
 * PostgreSQL test databases — PGlite instances and databases on the server —
 * kept open in a pool per test process and emptied between tests instead of
 * made anew. Starting PGlite costs about a second (copying a 40 MB data
 * directory, then booting the WebAssembly Postgres) and `CREATE DATABASE` on
 * the server about 100 ms, which made them most of the suite's time when every
 * test paid it; emptying a database costs a few milliseconds.
 *
 * Emptying means: end the other sessions on it (server) or leave any open
 * transaction (PGlite, one session), `DISCARD ALL` (settings, advisory locks,
 * temp tables, prepared statements), drop every schema and extension the tests
 * may have made, recreate `public` as initdb leaves it. Then the catalog is
 * compared with a fingerprint taken when the database was new; should
 * anything survive the emptying, the database is thrown away and a fresh one
 * made, so a test never sees another's leftovers.
 *
 * PGlite serves one process: a test that runs the CLI as a separate process on
 * a pooled PGlite URL would corrupt its directory. Run such commands
 * in-process (test/cli/cli-in-process.ts).
 *
 * @example
 * const db = await pglitePool.take()
 * const conn = await openConnection(db.url) // shares the instance the keeper holds
 * await conn.close()
 * pglitePool.release(db)
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openConnection } from '../../src/dialect/connect.js'
import type { DatabaseConnection } from '../../src/dialect/dialect.js'

/** A database made for the pool: its URL, and how to remove it for good. */
export interface NewDatabase {
  readonly url: string
  remove(): void | Promise<void>
}

/** A pooled database: its URL, and the connection that keeps it (and, for PGlite, its instance) open between tests. */
export interface PooledDatabase {
  readonly url: string
  readonly keeper: DatabaseConnection
}

const EMPTY_DATABASE = `
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' LOOP
    EXECUTE format('DROP EXTENSION %I CASCADE', r.extname);
  END LOOP;
  FOR r IN SELECT nspname FROM pg_namespace
           WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
             AND nspname NOT LIKE 'pg\\_temp\\_%' AND nspname NOT LIKE 'pg\\_toast\\_temp\\_%' LOOP
    EXECUTE format('DROP SCHEMA %I CASCADE', r.nspname);
  END LOOP;
END $$;
CREATE SCHEMA public AUTHORIZATION pg_database_owner;
GRANT USAGE ON SCHEMA public TO PUBLIC;
COMMENT ON SCHEMA public IS 'standard public schema';
`

/** What must be as initdb left it: schemas (owner, grants, comment), extensions, and the size of the per-database catalogs tests write to. */
const FINGERPRINT = `
SELECT
  (SELECT string_agg(nspname || ' ' || nspowner::regrole::text || ' ' || coalesce(nspacl::text, '') || ' ' || coalesce(obj_description(oid, 'pg_namespace'), ''), '; ' ORDER BY nspname)
     FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_temp\\_%' AND nspname NOT LIKE 'pg\\_toast\\_temp\\_%') AS schemas,
  (SELECT string_agg(extname, ', ' ORDER BY extname) FROM pg_extension) AS extensions,
  (SELECT count(*) FROM pg_class)::int AS relations,
  (SELECT count(*) FROM pg_type)::int AS types,
  (SELECT count(*) FROM pg_proc)::int AS functions,
  (SELECT count(*) FROM pg_event_trigger)::int AS event_triggers,
  (SELECT count(*) FROM pg_publication)::int AS publications,
  (SELECT count(*) FROM pg_db_role_setting WHERE setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database()))::int AS settings
`

/** Ends every other session on the keeper's database, so nothing holds a lock or a temp table into the next test. */
const END_OTHER_SESSIONS = 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()'

/**
 * Empty PostgreSQL databases of one kind, reused within a test process.
 *
 * @example
 * const pool = new PostgresPool(makeDatabase, { endOtherSessions: true })
 */
export class PostgresPool {
  readonly #make: () => Promise<NewDatabase>
  readonly #endOtherSessions: boolean
  readonly #idle: PooledDatabase[] = []
  readonly #made = new WeakMap<PooledDatabase, { fingerprint: string; remove: NewDatabase['remove'] }>()

  constructor(make: () => Promise<NewDatabase>, options: { endOtherSessions: boolean }) {
    this.#make = make
    this.#endOtherSessions = options.endOtherSessions
  }

  /**
   * An empty database, reused when one is idle, else made (a test holding two
   * databases gets two). Give it back with {@link release} once the test's
   * connections are closed.
   */
  async take(): Promise<PooledDatabase> {
    for (let db = this.#idle.pop(); db !== undefined; db = this.#idle.pop()) {
      const made = this.#made.get(db)!
      if ((await this.#empty(db.keeper)) === made.fingerprint) return db
      // Something outlived the emptying: throw the database away rather than hand it to the next test.
      await db.keeper.close()
      await made.remove()
    }
    const { url, remove } = await this.#make()
    const db = { url, keeper: await openConnection(url) }
    this.#made.set(db, { fingerprint: await fingerprintOf(db.keeper), remove })
    return db
  }

  /** Returns a database to the pool; it is emptied when next taken. */
  release(db: PooledDatabase): void {
    this.#idle.push(db)
  }

  async #empty(keeper: DatabaseConnection): Promise<string> {
    if (this.#endOtherSessions) await keeper.query(END_OTHER_SESSIONS)
    // Outside a transaction ROLLBACK is only a warning; inside one (a test that failed half-way) it ends it.
    await keeper.execute('ROLLBACK')
    await keeper.execute('DISCARD ALL')
    await keeper.execute(EMPTY_DATABASE)
    return fingerprintOf(keeper)
  }
}

async function fingerprintOf(keeper: DatabaseConnection): Promise<string> {
  return JSON.stringify(await keeper.query(FINGERPRINT))
}

/** This process's PGlite instances (PGlite has one session, so there are no other sessions to end). */
export const pglitePool = new PostgresPool(makePglite, { endOtherSessions: false })

async function makePglite(): Promise<NewDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'athanor_t_pglite_'))
  cpSync(await pgliteTemplate(), join(dir, 'data'), { recursive: true })
  // The directory goes with the process; PGlite holds no lock a leftover would trip over.
  const remove = (): void => rmSync(dir, { recursive: true, force: true })
  process.once('exit', remove)
  return { url: `pglite:${join(dir, 'data')}`, remove }
}

/**
 * An initialized, empty PGlite data directory shared by every test process:
 * copying it is several times faster than PGlite's own initdb. Built once in
 * a private folder and renamed into place, so racing processes never see a
 * half-built template.
 */
export async function pgliteTemplate(): Promise<string> {
  const { PGlite } = await import('@electric-sql/pglite')
  const pkg = new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url)
  const version = (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version
  const template = join(tmpdir(), `athanor-pglite-template-${version}`)
  if (existsSync(template)) return template
  const building = mkdtempSync(join(tmpdir(), 'athanor-pglite-building-'))
  const db = await PGlite.create(join(building, 'data'))
  await db.close()
  try {
    renameSync(join(building, 'data'), template)
  } catch {
    // Another process won the race; its template is as good as ours.
  }
  rmSync(building, { recursive: true, force: true })
  return template
}
