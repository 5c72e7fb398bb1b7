/**
 * PGlite databases kept open in a pool per test process and emptied between
 * tests instead of made anew. Starting PGlite costs about a second (copying a 40 MB data
 * directory, then booting the WebAssembly Postgres), which made PGlite most of
 * the suite's time when every test paid it; emptying the database costs a few
 * milliseconds.
 *
 * Emptying means: leave any open transaction, `DISCARD ALL` (settings,
 * advisory locks, temp tables, prepared statements), drop every schema and
 * extension the tests may have made, recreate `public` as initdb leaves it.
 * Then the catalog is compared with a fingerprint taken when the instance was
 * new; should anything survive the emptying, the instance is thrown away and a
 * fresh one started, so a test never sees another's leftovers.
 *
 * PGlite serves one process: a test that runs the CLI as a separate process on
 * a pooled PGlite URL would corrupt its directory. Run such commands
 * in-process (test/cli/cli-in-process.ts).
 *
 * @example
 * const pglite = await takePglite()
 * const conn = await openConnection(pglite.url) // shares the instance the keeper holds
 * await conn.close()
 * releasePglite(pglite)
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openConnection } from '../../src/dialect/connect.js'
import type { DatabaseConnection } from '../../src/dialect/dialect.js'

/** A pooled instance: its URL, and the connection that keeps it open between tests. */
export interface PooledPglite {
  readonly url: string
  readonly keeper: DatabaseConnection
  /** The catalog as it was when the instance was new. */
  readonly fingerprint: string
  readonly dir: string
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

/** What must be as initdb left it: schemas (owner, grants, comment), extensions, and the size of the catalogs tests write to. */
const FINGERPRINT = `
SELECT
  (SELECT string_agg(nspname || ' ' || nspowner::regrole::text || ' ' || coalesce(nspacl::text, '') || ' ' || coalesce(obj_description(oid, 'pg_namespace'), ''), '; ' ORDER BY nspname)
     FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_temp\\_%' AND nspname NOT LIKE 'pg\\_toast\\_temp\\_%') AS schemas,
  (SELECT string_agg(extname, ', ' ORDER BY extname) FROM pg_extension) AS extensions,
  (SELECT count(*) FROM pg_class)::int AS relations,
  (SELECT count(*) FROM pg_type)::int AS types,
  (SELECT count(*) FROM pg_proc)::int AS functions,
  (SELECT count(*) FROM pg_roles)::int AS roles,
  (SELECT count(*) FROM pg_event_trigger)::int AS event_triggers,
  (SELECT count(*) FROM pg_publication)::int AS publications,
  (SELECT count(*) FROM pg_db_role_setting)::int AS settings
`

/** Instances no test holds, already emptied or about to be. */
const idle: PooledPglite[] = []

/**
 * An empty PGlite database of this process's pool, started if none is idle
 * (a test holding two databases gets two instances). Give it back with
 * {@link releasePglite} once the test's connections are closed.
 */
export async function takePglite(): Promise<PooledPglite> {
  for (let instance = idle.pop(); instance !== undefined; instance = idle.pop()) {
    if ((await empty(instance.keeper)) === instance.fingerprint) return instance
    // Something outlived the emptying: throw the instance away rather than hand it to the next test.
    await instance.keeper.close()
    rmSync(instance.dir, { recursive: true, force: true })
  }
  return start()
}

/** Returns an instance to the pool; it is emptied when next taken. */
export function releasePglite(instance: PooledPglite): void {
  idle.push(instance)
}

async function start(): Promise<PooledPglite> {
  const dir = mkdtempSync(join(tmpdir(), 'athanor_t_pglite_'))
  cpSync(await pgliteTemplate(), join(dir, 'data'), { recursive: true })
  // The directory goes with the process; PGlite holds no lock a leftover would trip over.
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
  const url = `pglite:${join(dir, 'data')}`
  const keeper = await openConnection(url)
  return { url, keeper, fingerprint: await fingerprintOf(keeper), dir }
}

async function empty(keeper: DatabaseConnection): Promise<string> {
  // Outside a transaction ROLLBACK is only a warning; inside one (a test that failed half-way) it ends it.
  await keeper.execute('ROLLBACK')
  await keeper.execute('DISCARD ALL')
  await keeper.execute(EMPTY_DATABASE)
  return fingerprintOf(keeper)
}

async function fingerprintOf(keeper: DatabaseConnection): Promise<string> {
  return JSON.stringify(await keeper.query(FINGERPRINT))
}

/**
 * An initialized, empty PGlite data directory shared by every test process:
 * copying it is several times faster than PGlite's own initdb. Built once in
 * a private folder and renamed into place, so racing processes never see a
 * half-built template.
 */
async function pgliteTemplate(): Promise<string> {
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
