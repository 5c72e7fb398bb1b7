import { describe, expect, it } from 'vitest'
import type { DatabaseConnection } from '../../src/dialect/dialect.js'
import { sql } from '../../src/schema/sql.js'
import { t } from '../../src/schema/t.js'
import { table } from '../../src/schema/table.js'
import { ALL_DATABASES } from '../support/databases.js'
import { freshDatabaseEachTest } from '../support/fresh-database.js'
import { readTable } from './catalog.js'
import { connectionExecutor, operationsOn } from './executors.js'

const TABLE = 'select'
const COLUMNS = { id: 'Mixed Case', quote: "it's", unicode: '名前', spaced: 'order by' }

describe.each(ALL_DATABASES)('awkward identifiers on %s', (kind) => {
  let conn: DatabaseConnection
  freshDatabaseEachTest(kind, (opened) => {
    conn = opened
  })

  it('reserved words, mixed case, spaces, quotes and unicode work in table, column, index and constraint names', async () => {
    const op = operationsOn(connectionExecutor(conn))
    await op.createTable(TABLE, {
      id: t.integer().primaryKey().name(COLUMNS.id),
      quote: t.string(20).name(COLUMNS.quote),
      unicode: t.text().name(COLUMNS.unicode),
    })
    await op.createTable('group', { id: t.integer().primaryKey(), ref: t.integer().name('from') })
    await op.addColumn(TABLE, COLUMNS.spaced, t.integer().serverDefault(1))
    await op.createIndex("ix 'where'", TABLE, [COLUMNS.quote])
    await op.createUniqueConstraint('uq "名前"', TABLE, [COLUMNS.quote]) // a VARCHAR: MySQL cannot make TEXT unique without a prefix length
    await op.createCheckConstraint("ck it's", TABLE, sql`${sql.identifier(COLUMNS.spaced)} > 0`)
    await op.createForeignKey('fk `from`', 'group', TABLE, ['from'], [COLUMNS.id])
    await op.alterColumn(TABLE, COLUMNS.quote, { nullable: false, existingType: t.string(20), existingNullable: true })
    await op.alterColumn(TABLE, COLUMNS.unicode, { newName: 'ユニコード', existingType: t.text(), existingNullable: true })
    await op.bulkInsert(table(TABLE, { id: t.integer().name(COLUMNS.id), quote: t.string(20).name(COLUMNS.quote) }), [{ id: 1, quote: "it's" }])
    await op.renameTable(TABLE, 'Table "Two"')
    await op.drain()

    const catalog = await readTable(conn, kind, 'Table "Two"')
    for (const [i, name] of ['Mixed Case', "it's", 'ユニコード', 'order by'].entries()) expect(catalog.columns[i]).toMatch(new RegExp(`^${name} `))
    expect(catalog.constraints.join('\n')).toMatch(/ck it's/)
    expect(catalog.indexes.join('\n')).toContain("ix 'where'")
    const rows = await conn.query(`SELECT ${conn.dialect.quoteIdentifier("it's")} AS q FROM ${conn.dialect.quoteIdentifier('Table "Two"')}`)
    expect(rows).toEqual([{ q: "it's" }])

    await op.dropConstraint('fk `from`', 'group', { type: 'foreignKey' })
    await op.dropIndex("ix 'where'", 'Table "Two"')
    await op.dropTable('group')
    await op.dropTable('Table "Two"')
    await op.drain()
    expect((await readTable(conn, kind, 'Table "Two"')).exists).toBe(false)
  })
})
