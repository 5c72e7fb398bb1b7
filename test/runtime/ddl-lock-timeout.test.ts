/**
 * `ddlLockTimeoutMs`: with another session holding a lock that conflicts
 * with a revision's DDL, the revision gives up after the timeout (instead
 * of queueing behind the holder, and every later query behind itself),
 * says why, and leaves the version table as it was. The holder only lets go
 * once the upgrade has settled, so an upgrade that waited for it would hang.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MigrationFailedError } from '../../src/runtime/migration-failed-error.js'
import type { DatabaseConnection } from '../../src/dialect/dialect.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'
import { lintProject, type LintProject } from '../lint/lint-project.js'

// On SQLite the migration lock is the database lock, which a reader also blocks before any revision runs; the
// reader there starts inside the revision (through this hook), once the run holds its write transaction.
const HOLD = "await (globalThis as { holdAccountLock?: () => Promise<void> }).holdAccountLock?.()"
const ADD_COLUMN = { id: 'bbbb00000002', down: 'aaaa00000001', upgrade: `${HOLD}\n  await op.addColumn('account', 'note', t.text())` }
const hooks = globalThis as { holdAccountLock?: () => Promise<void> }

describe.each(['postgres', 'mysql', 'sqlite'] as const)('ddlLockTimeoutMs on %s', (kind) => {
  let db: TestDatabase
  let project: LintProject
  let holder: DatabaseConnection

  beforeEach(async () => {
    db = await createTestDatabase(kind)
    project = lintProject(db.url)
    project.write({ id: 'aaaa00000001', down: null, upgrade: "await op.createTable('account', { id: t.integer().primaryKey() })" })
    await project.athanor().upgrade('head')
    holder = await db.connect()
    // An open transaction that has read the table: its lock conflicts with ALTER TABLE (and, on SQLite, with the commit).
    const hold = async () => {
      await holder.begin()
      await holder.query('SELECT * FROM account')
    }
    if (kind === 'sqlite') hooks.holdAccountLock = hold
    else await hold()
  })
  afterEach(async () => {
    delete hooks.holdAccountLock
    await holder.rollback().catch(() => undefined)
    project.cleanup()
    await db.drop()
  })

  it('fails the revision on the lock timeout with the reason, and the version table still names the base', async () => {
    project.write(ADD_COLUMN)
    const error = await project.athanor({ ddlLockTimeoutMs: 500 }).upgrade('head').then(() => null, (e: unknown) => e)
    await holder.rollback()
    expect(error).toBeInstanceOf(MigrationFailedError)
    const failed = error as MigrationFailedError
    expect(failed.message).toMatch(/^upgrade bbbb00000002 .* failed/)
    expect(failed.message).toMatch(/lock|busy/i)
    expect(failed.hint).toContain('more than ddlLockTimeoutMs (500 ms)')
    expect(failed.current).toEqual(['aaaa00000001'])
    expect(await project.athanor().current()).toEqual(['aaaa00000001'])
  })

  it("takes a revision's own export over the config", async () => {
    project.write({ ...ADD_COLUMN, exports: 'export const ddlLockTimeoutMs = 300' })
    const error = await project.athanor().upgrade('head').then(() => null, (e: unknown) => e)
    await holder.rollback()
    expect(error).toBeInstanceOf(MigrationFailedError)
    expect(await project.athanor().current()).toEqual(['aaaa00000001'])
  })
})

describe('lock-timeout retries on postgres', () => {
  let db: TestDatabase
  let project: LintProject
  beforeEach(async () => {
    db = await createTestDatabase('postgres')
    project = lintProject(db.url)
    project.write({ id: 'aaaa00000001', down: null, upgrade: "await op.createTable('account', { id: t.integer().primaryKey() })" })
    await project.athanor().upgrade('head')
  })
  afterEach(async () => {
    project.cleanup()
    await db.drop()
  })

  it('retries a revision that hit the lock timeout, with backoff, and completes once the lock is free', async () => {
    const holder = await db.connect()
    await holder.begin()
    await holder.query('SELECT * FROM account')
    project.write(ADD_COLUMN)
    const upgrade = project.athanor({ ddlLockTimeoutMs: 200, ddlLockRetries: 6, ddlLockRetryDelayMs: 100 }).upgrade('head')
    setTimeout(() => void holder.rollback(), 600)
    const result = await upgrade
    expect(result.current).toEqual(['bbbb00000002'])
    await holder.close()
  })

  it('does not retry a failure that is not a lock timeout', async () => {
    project.write({ ...ADD_COLUMN, upgrade: "await op.execute('ALTER TABLE nope ADD COLUMN x INT')" })
    const started = Date.now()
    await expect(project.athanor({ ddlLockRetries: 3, ddlLockRetryDelayMs: 5_000 }).upgrade('head')).rejects.toThrow(/nope/)
    // Three retries would wait 35 s; a handful of seconds says none happened.
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it('writes the limits into offline SQL after each BEGIN', async () => {
    project.write(ADD_COLUMN)
    const { sql } = await project.athanor({ ddlLockTimeoutMs: 1500, statementTimeoutMs: 60_000 }).upgrade('aaaa00000001:head', { sql: true })
    expect(sql).toMatch(/BEGIN;\n\n-- Running upgrade [^\n]*\n\nSET LOCAL lock_timeout = '1500ms';\n\nSET LOCAL statement_timeout = '60000ms';\n\nALTER TABLE "account" ADD COLUMN "note" TEXT/)
  })
})
