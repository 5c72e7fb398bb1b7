/**
 * `Athanor.withOperations`: an `op` object on the config's database outside
 * any revision, in one transaction. Loaded by the API only for that method.
 */
import type { ResolvedConfig } from '../config/config-types.js'
import { openConnection } from '../dialect/connect.js'
import { Operations } from '../operations/operations.js'
import { ConnectionExecutor } from './connection-executor.js'

/**
 * Runs `fn` with an `op` object in one transaction that commits when `fn`
 * (and every op it started) has finished and rolls back when anything
 * fails. The version table is not touched and no migration lock is taken.
 *
 * @example
 * await withOperations(athanor.config, async (op) => op.bulkInsert(accounts, rows))
 */
export async function withOperations<T>(config: ResolvedConfig, fn: (op: Operations) => Promise<T>): Promise<T> {
  const conn = await openConnection(config.url)
  try {
    const op = new Operations(new ConnectionExecutor(conn), {
      dialect: conn.dialect.name,
      xArgs: config.xArgs,
      tag: undefined,
      offline: false,
      revision: undefined,
      direction: undefined,
    })
    await conn.begin()
    try {
      const result = await fn(op)
      await op.drain()
      await conn.commit()
      return result
    } catch (error) {
      await conn.rollback().catch(() => undefined)
      throw error
    }
  } finally {
    await conn.close()
  }
}
