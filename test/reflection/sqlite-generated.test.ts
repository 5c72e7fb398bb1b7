/**
 * A generated column's expression, found in SQLite's stored CREATE TABLE
 * text, whatever the quoting around it.
 */
import { describe, expect, it } from 'vitest'
import { sqliteGeneratedExpression } from '../../src/dialect/sqlite/sqlite-reflect-generated.js'

describe('SQLite generated column expressions', () => {
  it('reads the long and the short form', () => {
    const create = 'CREATE TABLE t (a INT, b INT GENERATED ALWAYS AS (a * 2) STORED, c AS (a + 1))'
    expect(sqliteGeneratedExpression(create, 'b')).toBe('a * 2')
    expect(sqliteGeneratedExpression(create, 'c')).toBe('a + 1')
  })

  it('finds a quoted column name, case-insensitively', () => {
    expect(sqliteGeneratedExpression('CREATE TABLE t (a INT, "Odd ""Name""" TEXT AS (a))', 'odd "name"')).toBe('a')
    expect(sqliteGeneratedExpression('CREATE TABLE t (a INT, [x y] AS (a))', 'x y')).toBe('a')
  })

  it('is not fooled by parentheses and keywords inside strings and identifiers', () => {
    const create = `CREATE TABLE t (a TEXT DEFAULT 'AS (no)', "b AS (c)" INT, d TEXT AS (a || ')(' || "b AS (c)") VIRTUAL)`
    expect(sqliteGeneratedExpression(create, 'd')).toBe(`a || ')(' || "b AS (c)"`)
    expect(sqliteGeneratedExpression(create, 'a')).toBeNull()
    expect(sqliteGeneratedExpression(create, 'b AS (c)')).toBeNull()
  })

  it('returns null for a column that is not there', () => {
    expect(sqliteGeneratedExpression('CREATE TABLE t (a INT)', 'z')).toBeNull()
  })
})
