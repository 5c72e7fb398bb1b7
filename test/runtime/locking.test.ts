import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DatabaseError } from '../../src/errors.js'
import { readCurrent, runUpgrade } from '../../src/runtime/commands.js'
import { ALL_DATABASES, createTestDatabase, type TestDatabase } from '../support/databases.js'
import { linearRevisions, revisionId, runtimeOptions, writeMigrationProject, type MigrationProject } from '../support/migration-project.js'

describe.each(ALL_DATABASES)('the migration lock on %s', (kind) => {
  let db: TestDatabase
  let project: MigrationProject
  beforeEach(async () => {
    db = await createTestDatabase(kind)
    project = await writeMigrationProject(linearRevisions(2))
  })
  afterEach(async () => {
    await db.drop()
    project.remove()
  })

  /** Holds the lock an upgrade of athanor_version takes, from another connection, until released. */
  async function holdLock(): Promise<() => Promise<void>> {
    const holder = await db.connect()
    const lock = await holder.dialect.runtime.acquireLock(holder, { name: 'athanor_version', timeoutMs: 5_000 })
    // Where the lock is the write transaction (SQLite), holding it means being inside one.
    if (!lock.spansTransactions) await lock.begin()
    return async () => {
      if (!lock.spansTransactions) await holder.rollback()
      await lock.release()
      await holder.close()
    }
  }

  if (kind !== 'pglite') {
    it('times out with a DatabaseError naming the lock while another run holds it', async () => {
      const release = await holdLock()
      const error = await runUpgrade(project.script, 'head', runtimeOptions(db.url, { lockTimeoutMs: 300 })).catch((e: unknown) => e)
      await release()
      expect(error).toBeInstanceOf(DatabaseError)
      expect((error as DatabaseError).message).toBe('timed out after 300 ms waiting for the migration lock on athanor_version')
      expect(await readCurrent(project.script, runtimeOptions(db.url))).toEqual([])
    })
  }

  if (kind !== 'pglite') {
    it('reports the wait through onLockWait and proceeds once the lock is released', async () => {
      const release = await holdLock()
      const waits: string[] = []
      const running = runUpgrade(project.script, 'head', runtimeOptions(db.url, { onLockWait: (message) => waits.push(message) }))
      while (waits.length === 0) await new Promise((resolve) => setTimeout(resolve, 20))
      await release()
      const result = await running
      expect(waits[0]).toBe('waiting for the migration lock on athanor_version (another migration holds it)')
      expect(result.current).toEqual([revisionId(2)])
    })
  }

  it('is released after a run, so the next run takes it at once', async () => {
    const waits: string[] = []
    await runUpgrade(project.script, '+1', runtimeOptions(db.url))
    await runUpgrade(project.script, '+1', runtimeOptions(db.url, { onLockWait: (m) => waits.push(m), lockTimeoutMs: 2_000 }))
    expect(waits).toEqual([])
  })

  it('is released after a failed run', async () => {
    project.rewrite({ ...linearRevisions(1)[0]!, up: ['CREATE TABLE broken (']  })
    await runUpgrade(project.script, 'head', runtimeOptions(db.url)).catch(() => undefined)
    project.rewrite(linearRevisions(1)[0]!)
    const result = await runUpgrade(project.script, 'head', runtimeOptions(db.url, { lockTimeoutMs: 2_000 }))
    expect(result.current).toEqual([revisionId(2)])
  })
})
