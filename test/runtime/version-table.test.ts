import { describe, expect, it } from 'vitest'
import { mysqlDialect } from '../../src/dialect/mysql/mysql-dialect.js'
import { postgresDialect } from '../../src/dialect/postgres/postgres-dialect.js'
import { sqliteDialect } from '../../src/dialect/sqlite/sqlite-dialect.js'
import { inlineParameters } from '../../src/runtime/offline-script.js'
import { VersionTable } from '../../src/runtime/version-table.js'

const table = new VersionTable(postgresDialect, 'athanor_version')
const sqlOf = (before: string[], after: string[]) => table.transition(before, after).map((s) => inlineParameters(postgresDialect, s))

describe('version table writes', () => {
  it('inserts the first row', () => {
    expect(sqlOf([], ['a1'])).toEqual([`INSERT INTO "athanor_version" ("version_num") VALUES ('a1')`])
  })

  it('moves a linear step with one UPDATE', () => {
    expect(sqlOf(['a1'], ['b2'])).toEqual([`UPDATE "athanor_version" SET "version_num" = 'b2' WHERE "version_num" = 'a1'`])
  })

  it('merges two rows into one with a DELETE and an UPDATE, as Alembic does', () => {
    expect(sqlOf(['b1', 'c1'], ['m1'])).toEqual([
      `DELETE FROM "athanor_version" WHERE "version_num" = 'c1'`,
      `UPDATE "athanor_version" SET "version_num" = 'm1' WHERE "version_num" = 'b1'`,
    ])
  })

  it('splits one row into two with an UPDATE and an INSERT', () => {
    expect(sqlOf(['m1'], ['b1', 'c1'])).toEqual([
      `UPDATE "athanor_version" SET "version_num" = 'b1' WHERE "version_num" = 'm1'`,
      `INSERT INTO "athanor_version" ("version_num") VALUES ('c1')`,
    ])
  })

  it('deletes the last row going to base', () => {
    expect(sqlOf(['a1'], [])).toEqual([`DELETE FROM "athanor_version" WHERE "version_num" = 'a1'`])
  })

  it('writes nothing when the rows do not change', () => {
    expect(sqlOf(['a1', 'b1'], ['b1', 'a1'])).toEqual([])
  })

  it('quotes a schema-qualified table with the dialect', () => {
    const mysql = new VersionTable(mysqlDialect, 'alembic_version', 'meta')
    expect(mysql.sql.select.sql).toBe('SELECT `version_num` FROM `meta`.`alembic_version`')
    expect(mysql.qualifiedName).toBe('meta.alembic_version')
  })
})

describe('inlining parameters into offline SQL', () => {
  it('skips ? inside MySQL strings with backslash escapes, backticks and # comments', () => {
    const sql = "SELECT 'a\\'?', `c?`, ? # why?\n, ?"
    expect(inlineParameters(mysqlDialect, { sql, params: [1, 'x'] })).toBe("SELECT 'a\\'?', `c?`, 1 # why?\n, 'x'")
  })

  it('skips ? inside SQLite strings and comments', () => {
    expect(inlineParameters(sqliteDialect, { sql: "SELECT '?', ? -- ?", params: [true] })).toBe("SELECT '?', 1 -- ?")
  })

  it('refuses a statement whose placeholders and parameters do not match', () => {
    expect(() => inlineParameters(sqliteDialect, { sql: 'SELECT ?, ?', params: [1] })).toThrow(/different number of \? placeholders/)
    expect(() => inlineParameters(sqliteDialect, { sql: 'SELECT ?', params: [1, 2] })).toThrow(/different number of \? placeholders/)
  })
})
