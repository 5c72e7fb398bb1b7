import { UsageError } from '../../errors.js'
import type { Column } from '../../schema/column.js'
import type { Index } from '../../schema/constraints.js'
import { isSqlFragment, type SqlFragment } from '../../schema/sql.js'
import type { Table } from '../../schema/table.js'
import type { SqlType } from '../../schema/types.js'
import { BaseDdlCompiler, statement, type DialectQuoting } from '../base-ddl-compiler.js'
import type { ColumnAlteration, ExistenceOptions, TableChange, TableName } from '../ddl-compiler.js'
import type { SqlStatement } from '../dialect.js'
import { renderSqliteType } from './sqlite-types.js'
import { sqliteQuoting } from './sqlite-quoting.js'

/**
 * SQLite DDL. What SQLite's ALTER TABLE cannot do (change a column's type,
 * nullability or default, add or drop a constraint, drop a column) is
 * reported by {@link SqliteDdlCompiler.needsRebuild} and done by batch
 * move-and-copy instead; comments do not exist in SQLite and compile to nothing.
 */
export class SqliteDdlCompiler extends BaseDdlCompiler {
  /** better-sqlite3's SQLITE_MAX_VARIABLE_NUMBER. */
  readonly maxBindParameters = 32766

  constructor(q: DialectQuoting) {
    super(q)
  }

  renderType(type: SqlType): string {
    return renderSqliteType(type)
  }

  protected autoincrementClause(): string {
    return '' // written with the inline PRIMARY KEY in tableElements
  }

  override needsRebuild(change: TableChange): boolean {
    switch (change.kind) {
      case 'addColumn': {
        const c = change.column
        const constantDefault = c.serverDefault === null || !isSqlFragment(c.serverDefault)
        const constrained = change.inline.primaryKey !== null || change.inline.constraints.length > 0
        return constrained || !constantDefault || (!c.nullable && c.serverDefault === null)
      }
      case 'dropColumn':
      case 'addConstraint':
      case 'dropConstraint':
        return true
      case 'alterColumn': {
        const a = change.alteration
        return a.type !== undefined || a.nullable !== undefined || a.serverDefault !== undefined || a.collation !== undefined || a.onUpdate !== undefined
      }
      case 'createIndex':
      case 'dropIndex':
      case 'setTableComment':
        return false
    }
  }

  protected override tableElements(table: Table): string[] {
    const pk = table.primaryKey
    const rowidColumn = pk?.columns.length === 1 ? table.column(pk.columns[0]!) : undefined
    if (!pk || !rowidColumn?.autoincrement) return super.tableElements(table)
    // AUTOINCREMENT exists only as an inline INTEGER PRIMARY KEY.
    const lines = table.columnList.map((c) =>
      c === rowidColumn
        ? `${this.ident(c.name)} INTEGER ${this.named(pk.name)}PRIMARY KEY AUTOINCREMENT` +
          (c.serverDefault !== null ? ` DEFAULT ${this.renderDefault(c.serverDefault)}` : '') + ' NOT NULL'
        : this.columnSpec(c),
    )
    for (const c of table.constraints) lines.push(this.constraintSpec(c, table.schema))
    return lines
  }

  /** SQLite names an attached schema on the index, never on its table: `"s"."ix" ON "t"`. */
  protected override indexTarget(index: Index): string {
    return `${this.q.quoteQualified(index.name, index.schema)} ON ${this.ident(index.table)}`
  }

  /** SQLite takes `expr [COLLATE c] [ASC|DESC]` bare, so stored index elements such as `score DESC` survive a rebuild. */
  protected override indexExpression(expression: string | SqlFragment): string {
    return typeof expression === 'string' ? this.ident(expression) : this.fragment(expression)
  }

  override setTableComment(): SqlStatement[] {
    return []
  }

  override addColumn(table: TableName, column: Column, options?: ExistenceOptions): SqlStatement[] {
    if (options?.ifNotExists) this.unsupported('ADD COLUMN IF NOT EXISTS')
    return [statement(`ALTER TABLE ${this.table(table)} ADD COLUMN ${this.columnSpec(column)}`)]
  }

  alterColumn(table: TableName, a: ColumnAlteration): SqlStatement[] {
    if (this.needsRebuild({ kind: 'alterColumn', alteration: a })) {
      throw new UsageError(`SQLite cannot alter column "${a.column}" in place`, { hint: 'use op.batchAlterTable (athanor does this automatically for op.alterColumn)' })
    }
    return a.newName !== undefined && a.newName !== a.column ? [this.renameColumn(table, a.column, a.newName)] : []
  }

  override addConstraint(table: TableName): SqlStatement[] {
    throw new UsageError(`SQLite cannot add a constraint to "${table.name}" in place`, { hint: 'use op.batchAlterTable' })
  }

  override dropConstraint(table: TableName): SqlStatement[] {
    throw new UsageError(`SQLite cannot drop a constraint of "${table.name}" in place`, { hint: 'use op.batchAlterTable' })
  }

  bindValue(value: unknown, type: SqlType): unknown {
    if (value === undefined || value === null) return null
    if (typeof value === 'boolean') return value ? 1 : 0
    if (value instanceof Date) {
      const text = value.toISOString().replace('T', ' ').replace('Z', '')
      return type.kind === 'date' ? text.slice(0, 10) : text
    }
    if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength)
    if (typeof value === 'object') return JSON.stringify(value)
    return value
  }
}

/**
 * The SQLite compiler the dialect uses, quoting as SQLite does.
 *
 * @example
 * sqliteCompiler.dropTable({ name: 'users', schema: null }) // [{ sql: 'DROP TABLE "users"' }]
 */
export const sqliteCompiler = new SqliteDdlCompiler(sqliteQuoting)
