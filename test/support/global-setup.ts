/**
 * Once per `vitest run`: names the run, so test processes can keep server
 * databases open for reuse (postgres-pool.ts) under names that say which run
 * made them, and drops those databases when the run ends.
 */
import { randomBytes } from 'node:crypto'
import { openConnection } from '../../src/dialect/connect.js'
import { dropServerDatabase, POSTGRES_ADMIN_URL } from './databases.js'

/** Sets the run id the test processes inherit. */
export function setup(): void {
  process.env['ATHANOR_TEST_RUN'] = randomBytes(4).toString('hex')
}

/** Drops this run's pooled PostgreSQL databases; a server that is down has none to drop. */
export async function teardown(): Promise<void> {
  const run = process.env['ATHANOR_TEST_RUN']
  let names: string[]
  try {
    const admin = await openConnection(POSTGRES_ADMIN_URL)
    try {
      const rows = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE ?', [`athanor\\_t\\_${run}\\_%`])
      names = rows.map((row) => row.datname)
    } finally {
      await admin.close()
    }
  } catch {
    return
  }
  for (const name of names) await dropServerDatabase('postgres', name)
}
