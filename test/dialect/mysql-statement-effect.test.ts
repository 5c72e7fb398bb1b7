import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mysqlStatementEffect } from '../../src/dialect/mysql/mysql-statement-effect.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'

/** What crash recovery reads from each statement: its effect, or undefined when the catalog cannot show it. */
const cases: ReadonlyArray<[string, string | 'data' | undefined]> = [
  ['CREATE TABLE `t_35` (id INT)', 'creates t_35'],
  ['CREATE TABLE IF NOT EXISTS app.t (id INT)', 'creates t'],
  ['DROP TABLE `t_35`', 'drops t_35'],
  ['CREATE UNIQUE INDEX `ix_a` ON `t` (`a`)', 'creates index ix_a on t'],
  ['DROP INDEX ix_a ON t', 'drops index ix_a of t'],
  ['ALTER TABLE `t` ADD COLUMN `note` TEXT', 'adds column note to t'],
  ['ALTER TABLE t DROP COLUMN note', 'drops column note of t'],
  ['ALTER TABLE t ADD CONSTRAINT `fk_t_u` FOREIGN KEY (u) REFERENCES u (id)', 'adds constraint fk_t_u to t'],
  ['ALTER TABLE t DROP FOREIGN KEY fk_t_u', 'drops constraint fk_t_u of t'],
  ['ALTER TABLE t RENAME TO t2', 'renames t to t2'],
  ['ALTER TABLE t CHANGE `a` `b` INT', 'renames column a of t to b'],
  ['INSERT INTO t (a) VALUES (1)', 'data'],
  ["UPDATE t SET a = 'CREATE TABLE x'", 'data'],
  ['ALTER TABLE t MODIFY a BIGINT', undefined],
  ['ALTER TABLE t COMMENT = "x"', undefined],
]

describe('reading a MySQL statement for crash recovery', () => {
  it.each(cases)('%s', (sql, expected) => {
    const effect = mysqlStatementEffect(sql)
    if (expected === undefined) expect(effect).toBeUndefined()
    else if (expected === 'data') expect(effect).toEqual({ kind: 'data' })
    else expect(effect).toMatchObject({ kind: 'schema', description: expected })
  })
})

describe('probing the catalog on mysql', () => {
  let db: TestDatabase
  beforeEach(async () => {
    db = await createTestDatabase('mysql')
  })
  afterEach(() => db.drop())

  it('tells a CREATE TABLE, ADD COLUMN and CREATE INDEX that ran from ones that did not', async () => {
    const conn = await db.connect()
    const statements = ['CREATE TABLE `odd``name` (id INT)', 'ALTER TABLE `odd``name` ADD COLUMN note TEXT', 'CREATE INDEX ix_note ON `odd``name` (note(10))']
    for (const sql of statements) {
      const effect = mysqlStatementEffect(sql)
      if (effect?.kind !== 'schema') throw new Error(`no schema effect read from ${sql}`)
      expect(await effect.tookEffect(conn)).toBe(false)
      await conn.execute(sql)
      expect(await effect.tookEffect(conn)).toBe(true)
    }
    const drop = mysqlStatementEffect('DROP TABLE `odd``name`')
    if (drop?.kind !== 'schema') throw new Error('no schema effect read from DROP TABLE')
    expect(await drop.tookEffect(conn)).toBe(false)
    await conn.execute('DROP TABLE `odd``name`')
    expect(await drop.tookEffect(conn)).toBe(true)
    await conn.close()
  })
})
