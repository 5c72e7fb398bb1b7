import { UsageError } from '../../errors.js'
import type { Column } from '../../schema/column.js'
import type { Constraint, Index } from '../../schema/constraints.js'
import { inlineConstraints } from '../../schema/inline-constraints.js'
import { EXISTING_TABLE_NAMING } from '../../schema/naming-convention.js'
import type { SqlFragment } from '../../schema/sql.js'
import type { Table } from '../../schema/table.js'
import type { SqlType } from '../../schema/types.js'
import { BaseDdlCompiler, statement, type DialectQuoting } from '../base-ddl-compiler.js'
import type { ColumnAlteration, ConstraintKind, ExistenceOptions, StorageChange, TableName } from '../ddl-compiler.js'
import type { SqlStatement } from '../dialect.js'
import { renderMysqlType } from './mysql-types.js'
import { mysqlQuoting } from './mysql-quoting.js'

/**
 * MySQL / MariaDB DDL. Comments are inline, enums are inline, and changing a
 * column's type, nullability or comment restates the whole column with
 * `MODIFY`, which is why `alterColumn` needs the `existing*` facts here.
 */
export class MysqlDdlCompiler extends BaseDdlCompiler {
  readonly maxBindParameters = 65535

  constructor(q: DialectQuoting) {
    super(q)
  }

  renderType(type: SqlType): string {
    return renderMysqlType(type, (v) => this.q.renderLiteral(v))
  }

  protected autoincrementClause(): string {
    return 'AUTO_INCREMENT'
  }

  protected override collationClause(collation: string): string {
    return `COLLATE ${collation.replace(/[^A-Za-z0-9_]/g, '')}`
  }

  protected override nullability(column: Column): string {
    // A TIMESTAMP column is NOT NULL unless told otherwise where explicit_defaults_for_timestamp is off.
    if (column.nullable) return column.type.kind === 'datetime' && column.type.timezone ? 'NULL' : ''
    return 'NOT NULL'
  }

  protected override onUpdateClause(expression: SqlFragment): string {
    return `ON UPDATE ${this.fragment(expression)}`
  }

  protected override inlineColumnComment(comment: string | null): string {
    return comment === null ? '' : `COMMENT ${this.q.renderLiteral(comment)}`
  }

  override alterTableStorage(table: TableName, change: StorageChange): SqlStatement[] {
    // The models' columns that state no collation follow their table's, so the columns are converted with it.
    // Every MariaDB collation's name starts with its character set's.
    const charset = change.charset ?? change.collation?.split('_')[0]
    const options = [
      ...(change.engine ? [`ENGINE=${word(change.engine)}`] : []),
      ...(charset ? [`CONVERT TO CHARACTER SET ${word(charset)}${change.collation ? ` COLLATE ${word(change.collation)}` : ''}`] : []),
    ]
    return options.length === 0 ? [] : [statement(`ALTER TABLE ${this.table(table)} ${options.join(', ')}`)]
  }

  protected override tableSuffix(table: Table): string {
    const { engine, autoincrementStart, charset, collation } = table.storage
    const options = [
      ...(engine ? [`ENGINE=${word(engine)}`] : []),
      ...(autoincrementStart ? [`AUTO_INCREMENT=${Math.trunc(autoincrementStart)}`] : []),
      ...(charset ? [`DEFAULT CHARSET=${word(charset)}`] : []),
      ...(collation ? [`COLLATE=${word(collation)}`] : []),
      ...(table.comment === null ? [] : [`COMMENT=${this.q.renderLiteral(table.comment)}`]),
    ]
    return options.map((o) => ` ${o}`).join('')
  }

  protected override deferrableClause(): string {
    return '' // MySQL checks foreign keys immediately; it has no DEFERRABLE.
  }

  override constraintSpec(constraint: Constraint, tableSchema: string | null = null): string {
    // A MySQL primary key is always called PRIMARY; a name written for it is refused (`PRIMARY`) or dropped.
    if (constraint.kind === 'primaryKey') return `PRIMARY KEY (${this.list(constraint.columns)})`
    return super.constraintSpec(constraint, tableSchema)
  }

  override renameTable(table: TableName, newName: string): SqlStatement[] {
    return [statement(`ALTER TABLE ${this.table(table)} RENAME TO ${this.q.quoteQualified(newName, table.schema)}`)]
  }

  override setTableComment(table: TableName, comment: string | null): SqlStatement[] {
    return [statement(`ALTER TABLE ${this.table(table)} COMMENT ${this.q.renderLiteral(comment ?? '')}`)]
  }

  protected override indexExpression(expression: string | SqlFragment): string {
    // MySQL 8 functional key parts need double parentheses.
    return typeof expression === 'string' ? this.ident(expression) : `((${this.fragment(expression)}))`
  }

  protected override indexKind(index: Index): string {
    const method = (index.method ?? '').toUpperCase()
    return method === 'FULLTEXT' || method === 'SPATIAL' ? `${method} ` : ''
  }

  protected override indexMethod(index: Index): string {
    // BTREE is InnoDB's only kind (and the default); HASH is the MEMORY engine's.
    return (index.method ?? '').toUpperCase() === 'HASH' ? ' USING HASH' : ''
  }

  protected override indexElementSuffix(index: Index, position: number): string {
    const prefix = index.prefixLengths?.[position] ?? null
    return (prefix === null ? '' : `(${Math.trunc(prefix)})`) + super.indexElementSuffix(index, position)
  }

  override createIndex(index: Index, options?: ExistenceOptions): SqlStatement[] {
    if (index.where) throw new UsageError(`index "${index.name}": MySQL has no partial indexes (WHERE)`)
    return super.createIndex(index, options)
  }

  override dropIndex(table: TableName, name: string, options?: ExistenceOptions): SqlStatement[] {
    if (table.name === '') throw new UsageError(`dropIndex "${name}": MySQL needs the index's table`, { hint: `op.dropIndex('${name}', 'table_name')` })
    return [statement(`DROP INDEX ${this.ifExists(options)}${this.ident(name)} ON ${this.table(table)}`)]
  }

  override dropConstraint(table: TableName, name: string, kind: ConstraintKind | null, options?: ExistenceOptions): SqlStatement[] {
    const alter = `ALTER TABLE ${this.table(table)} DROP`
    const ifExists = this.ifExists(options)
    switch (kind) {
      case 'foreignKey':
        // MySQL made an index of the same name for the key; drop it too so the table is as before.
        return [statement(`${alter} FOREIGN KEY ${ifExists}${this.ident(name)}, DROP INDEX IF EXISTS ${this.ident(name)}`)]
      case 'unique':
        return [statement(`${alter} INDEX ${ifExists}${this.ident(name)}`)]
      case 'primaryKey':
        return [statement(`${alter} PRIMARY KEY`)]
      default:
        return [statement(`${alter} CONSTRAINT ${ifExists}${this.ident(name)}`)]
    }
  }

  override dropColumn(table: TableName, column: string, options: ExistenceOptions & { existing?: Column } = {}): SqlStatement[] {
    // MySQL refuses to drop a column a foreign key uses; drop the key the column declared first, by the name adding it gave it.
    const declared = options.existing ? inlineConstraints(table, [options.existing], EXISTING_TABLE_NAMING).constraints : []
    const dropKeys = declared.flatMap((c) => (c.kind === 'foreignKey' && c.name !== null ? [statement(`ALTER TABLE ${this.table(table)} DROP FOREIGN KEY ${this.ident(c.name)}`)] : []))
    return [...dropKeys, ...super.dropColumn(table, column, options)]
  }

  alterColumn(table: TableName, a: ColumnAlteration): SqlStatement[] {
    const restates = a.type !== undefined || a.nullable !== undefined || a.comment !== undefined || a.collation !== undefined || a.onUpdate !== undefined
    const renames = a.newName !== undefined && a.newName !== a.column
    if (!restates) {
      const out: SqlStatement[] = []
      if (a.serverDefault !== undefined) {
        const alter = `ALTER TABLE ${this.table(table)} ALTER COLUMN ${this.ident(a.column)}`
        out.push(statement(a.serverDefault === null ? `${alter} DROP DEFAULT` : `${alter} SET DEFAULT ${this.renderDefault(a.serverDefault)}`))
      }
      if (renames) out.push(this.renameColumn(table, a.column, a.newName!))
      return out
    }
    const type = a.type ?? a.existingType
    if (type === undefined) {
      throw new UsageError(`alterColumn "${a.column}": MySQL restates the whole column, so it needs existingType`, {
        hint: 'pass existingType (and existingNullable, existingServerDefault, existingComment) to alterColumn',
      })
    }
    const column: Column = {
      kind: 'column',
      name: a.newName ?? a.column,
      key: a.newName ?? a.column,
      type,
      nullable: a.nullable ?? a.existingNullable ?? true,
      primaryKey: false,
      autoincrement: a.existingAutoincrement ?? false,
      serverDefault: a.serverDefault !== undefined ? a.serverDefault : a.existingServerDefault ?? null,
      unique: false,
      index: false,
      comment: a.comment !== undefined ? a.comment : a.existingComment ?? null,
      references: null,
      collation: a.collation !== undefined ? a.collation : a.existingCollation ?? null,
      onUpdate: a.onUpdate !== undefined ? a.onUpdate : a.existingOnUpdate ?? null,
      table: table.name,
      schema: table.schema,
    }
    return [statement(`ALTER TABLE ${this.table(table)} CHANGE COLUMN ${this.ident(a.column)} ${this.columnSpec(column)}`)]
  }

  bindValue(value: unknown, type: SqlType): unknown {
    if (value === undefined || value === null) return null
    if (value instanceof Date) {
      // mysql2 would format a Date in the client's time zone; store UTC text instead.
      const text = value.toISOString().replace('T', ' ').replace('Z', '')
      return type.kind === 'date' ? text.slice(0, 10) : text
    }
    if (type.kind === 'json' || type.kind === 'jsonb' || type.kind === 'array') return JSON.stringify(value)
    if (typeof value === 'object' && !(value instanceof Uint8Array)) return JSON.stringify(value)
    return value
  }
}

/** An engine, character set or collation name with anything but its letters, digits and underscores left out. */
function word(text: string): string {
  return text.replace(/[^A-Za-z0-9_]/g, '')
}

/**
 * The MySQL/MariaDB compiler the dialect uses, quoting as MySQL/MariaDB does.
 *
 * @example
 * mysqlCompiler.dropTable({ name: 'users', schema: null }) // [{ sql: 'DROP TABLE `users`' }]
 */
export const mysqlCompiler = new MysqlDdlCompiler(mysqlQuoting)
