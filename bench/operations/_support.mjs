/**
 * What the operations benchmarks share: an `op` over a live connection
 * (as the runtime builds one, minus the version table) and fresh databases.
 * Imports the built package from dist/ (run `npm run build` first).
 */
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..')
const load = (path) => import(pathToFileURL(join(root, 'dist', path)).href)

export const { openConnection } = await load('dialect/connect.js')
export const { Operations } = await load('operations/operations.js')
export const schema = await load('schema/index.js')

export const POSTGRES_ADMIN_URL = process.env.ATHANOR_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

/** An `op` whose statements run on `conn`; `autocommit` commits around its function like the runtime's. */
export function operationsOn(conn) {
  let open = false
  const executor = {
    dialect: conn.dialect,
    offline: false,
    run: (s) => conn.execute(s.sql, s.params),
    query: (s) => conn.query(s.sql, s.params),
    async autocommit(fn) {
      const resume = open
      if (open) await conn.commit()
      open = false
      try {
        return await fn()
      } finally {
        if (resume) {
          await conn.begin()
          open = true
        }
      }
    },
  }
  const op = new Operations(executor, { dialect: conn.dialect.name, xArgs: {}, tag: undefined, offline: false, revision: undefined, direction: 'up' })
  return {
    op,
    async begin() {
      await conn.begin()
      open = true
    },
    async commit() {
      await op.drain()
      await conn.commit()
      open = false
    },
  }
}

/** A fresh PostgreSQL database; returns its URL and a function that drops it. */
export async function createPostgresDatabase() {
  const name = `athanor_bench_${randomBytes(5).toString('hex')}`
  const admin = await openConnection(POSTGRES_ADMIN_URL)
  await admin.execute(`CREATE DATABASE ${name}`)
  await admin.close()
  const url = new URL(POSTGRES_ADMIN_URL)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      const dropper = await openConnection(POSTGRES_ADMIN_URL)
      await dropper.execute(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await dropper.close()
    },
  }
}
