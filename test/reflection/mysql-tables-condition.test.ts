/**
 * The WHERE condition that keeps MySQL's information_schema queries to the
 * chosen tables: a schema whose every table was chosen is matched by name
 * alone, otherwise its chosen tables are listed.
 */
import { describe, expect, it } from 'vitest'
import { MAX_LISTED_TABLES, tablesCondition } from '../../src/dialect/mysql/mysql-reflect-queries.js'

describe('MySQL tables condition', () => {
  it('matches a fully chosen schema by its name alone', () => {
    expect(tablesCondition([{ schema: 'app', tables: ['a', 'b'], all: true }], 'TABLE_SCHEMA', 'TABLE_NAME')).toEqual({
      sql: '((TABLE_SCHEMA = ?))',
      params: ['app'],
    })
  })

  it('lists the chosen tables of a filtered schema as parameters', () => {
    expect(tablesCondition([{ schema: 'app', tables: ['a', "it's"], all: false }], 'k.TABLE_SCHEMA', 'k.TABLE_NAME')).toEqual({
      sql: '((k.TABLE_SCHEMA = ? AND k.TABLE_NAME IN (?, ?)))',
      params: ['app', 'a', "it's"],
    })
  })

  it('joins several schemas with OR and skips schemas with nothing chosen', () => {
    const condition = tablesCondition(
      [
        { schema: 'app', tables: ['a'], all: true },
        { schema: 'empty', tables: [], all: false },
        { schema: 'audit', tables: ['log'], all: false },
      ],
      'TABLE_SCHEMA',
      'TABLE_NAME',
    )
    expect(condition).toEqual({ sql: '((TABLE_SCHEMA = ?) OR (TABLE_SCHEMA = ? AND TABLE_NAME IN (?)))', params: ['app', 'audit', 'log'] })
  })

  it('matches a schema whole when too many of its tables were chosen to list', () => {
    const tables = Array.from({ length: MAX_LISTED_TABLES + 1 }, (_, i) => `t${i}`)
    expect(tablesCondition([{ schema: 'app', tables, all: false }], 'TABLE_SCHEMA', 'TABLE_NAME')).toEqual({ sql: '((TABLE_SCHEMA = ?))', params: ['app'] })
  })

  it('matches nothing when no table was chosen', () => {
    expect(tablesCondition([{ schema: 'app', tables: [], all: false }], 'TABLE_SCHEMA', 'TABLE_NAME')).toEqual({ sql: '1 = 0', params: [] })
  })
})
