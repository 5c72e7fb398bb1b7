/**
 * Each database's type text maps back to the portable vocabulary, and what
 * has no portable kind stays `custom` with the text, so nothing is lost.
 */
import { describe, expect, it } from 'vitest'
import { mysqlEnumValues, mysqlTypeFromText } from '../../src/dialect/mysql/mysql-reflect-types.js'
import { postgresTypeFromText } from '../../src/dialect/postgres/postgres-reflect-types.js'
import { sqliteTypeFromText } from '../../src/dialect/sqlite/sqlite-reflect-types.js'

describe('PostgreSQL type text', () => {
  it.each([
    ['integer', { kind: 'integer' }],
    ['bigint', { kind: 'bigint' }],
    ['smallint', { kind: 'smallint' }],
    ['boolean', { kind: 'boolean' }],
    ['character varying(255)', { kind: 'string', length: 255 }],
    ['character varying', { kind: 'string', length: null }],
    ['text', { kind: 'text' }],
    ['date', { kind: 'date' }],
    ['timestamp without time zone', { kind: 'datetime', timezone: false }],
    ['timestamp(3) with time zone', { kind: 'datetime', timezone: true, precision: 3 }],
    ['time without time zone', { kind: 'time' }],
    ['numeric(10,2)', { kind: 'numeric', precision: 10, scale: 2 }],
    ['numeric', { kind: 'numeric', precision: null, scale: null }],
    ['real', { kind: 'float' }],
    ['double precision', { kind: 'double' }],
    ['json', { kind: 'json' }],
    ['jsonb', { kind: 'jsonb' }],
    ['uuid', { kind: 'uuid' }],
    ['inet', { kind: 'inet' }],
    ['bytea', { kind: 'binary', length: null }],
  ])('maps %s', (text, type) => {
    expect(postgresTypeFromText(text)).toEqual(type)
  })

  it('maps arrays, nested ones included, to arrays of the element type', () => {
    expect(postgresTypeFromText('integer[]')).toEqual({ kind: 'array', of: { kind: 'integer' } })
    expect(postgresTypeFromText('character varying(20)[]')).toEqual({ kind: 'array', of: { kind: 'string', length: 20 } })
  })

  it.each(['character(12)', 'citext', 'public.positive_int', 'time with time zone', 'interval', 'tsvector', '"Odd Type"'])('keeps %s as custom', (text) => {
    expect(postgresTypeFromText(text)).toEqual({ kind: 'custom', name: text })
  })
})

describe('MySQL type text', () => {
  it.each([
    ['int(11)', { kind: 'integer' }],
    ['int', { kind: 'integer' }],
    ['bigint(20)', { kind: 'bigint' }],
    ['smallint(6)', { kind: 'smallint' }],
    ['tinyint(1)', { kind: 'boolean' }],
    ['tinyint(4)', { kind: 'tinyint' }],
    ['varchar(255)', { kind: 'string', length: 255 }],
    ['text', { kind: 'text' }],
    ['mediumtext', { kind: 'mediumtext' }],
    ['longtext', { kind: 'longtext' }],
    ['datetime', { kind: 'datetime', timezone: false }],
    ['datetime(6)', { kind: 'datetime', timezone: false, precision: 6 }],
    ['timestamp(3)', { kind: 'datetime', timezone: true, precision: 3 }],
    ['time(2)', { kind: 'time', precision: 2 }],
    ['timestamp', { kind: 'datetime', timezone: true }],
    ['decimal(10,2)', { kind: 'numeric', precision: 10, scale: 2 }],
    ['float', { kind: 'float' }],
    ['double', { kind: 'double' }],
    ['json', { kind: 'json' }],
    ['blob', { kind: 'binary', length: null }],
    ['varbinary(16)', { kind: 'binary', length: 16 }],
  ])('maps %s', (text, type) => {
    expect(mysqlTypeFromText(text, 'c')).toEqual(type)
  })

  it('names an inline enum after its column and reads quoted values', () => {
    expect(mysqlTypeFromText("enum('a','it''s','x,y')", 'status')).toEqual({ kind: 'enum', name: 'status', values: ['a', "it's", 'x,y'] })
    expect(mysqlEnumValues("enum('')")).toEqual([''])
  })

  it.each(['int(10) unsigned', 'char(36)', 'mediumint(9)', 'set(\'a\',\'b\')', 'geometry'])('keeps %s as custom', (text) => {
    expect(mysqlTypeFromText(text, 'c')).toEqual({ kind: 'custom', name: text })
  })
})

describe('SQLite declared types', () => {
  it.each([
    ['INTEGER', { kind: 'integer' }],
    ['integer', { kind: 'integer' }],
    ['BIGINT', { kind: 'bigint' }],
    ['BOOLEAN', { kind: 'boolean' }],
    ['VARCHAR(20)', { kind: 'string', length: 20 }],
    ['VARCHAR', { kind: 'string', length: null }],
    ['TEXT', { kind: 'text' }],
    ['DATETIME', { kind: 'datetime', timezone: false }],
    ['NUMERIC(10, 2)', { kind: 'numeric', precision: 10, scale: 2 }],
    ['DOUBLE PRECISION', { kind: 'double' }],
    ['JSON', { kind: 'json' }],
    ['BLOB', { kind: 'binary', length: null }],
  ])('maps %s', (text, type) => {
    expect(sqliteTypeFromText(text)).toEqual(type)
  })

  it.each(['', 'CHAR(36)', 'INT(11)', 'tinyint(1)', 'BIGINT(20)', 'STRING', 'anything goes'])('keeps "%s" as custom', (text) => {
    expect(sqliteTypeFromText(text)).toEqual({ kind: 'custom', name: text })
  })
})
