/**
 * What the operations benchmarks share: an `op` over a live connection
 * (as the runtime builds one, minus the version table) and fresh databases.
 * Imports the built package from dist/ (run `npm run build` first); timing
 * and server databases come from `bench/support.mjs`.
 */
import { createServerDatabase, loadDist } from '../support.mjs'

export const { openConnection } = await loadDist('dialect/connect.js')
export const { Operations } = await loadDist('operations/operations.js')
export const schema = await loadDist('schema/index.js')

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
export const createPostgresDatabase = () => createServerDatabase(openConnection)
