import { UsageError } from '../errors.js'
import type { Column, GeneratedAs, ServerDefault } from '../schema/column.js'
import type { Constraint, ForeignKeyConstraint, Index } from '../schema/constraints.js'
import { isSqlFragment, renderSql, type SqlFragment } from '../schema/sql.js'
import type { Table } from '../schema/table.js'
import type { SqlType } from '../schema/types.js'
import type {
  AddConstraintOptions,
  ColumnAlteration,
  ConstraintKind,
  DdlCompiler,
  ExistenceOptions,
  IndexOptions,
  StorageChange,
  TableChange,
  TableName,
} from './ddl-compiler.js'
import type { SqlStatement } from './dialect.js'

/** The quoting half of a dialect, which a compiler is built on. */
export interface DialectQuoting {
  quoteIdentifier(name: string): string
  quoteQualified(name: string, schema?: string | null): string
  renderLiteral(value: unknown): string
}

/** `{ sql }` with no parameters. */
export function statement(sql: string): SqlStatement {
  return { sql }
}

/**
 * The DDL all three databases write alike. Each dialect's compiler extends it
 * and overrides where its database differs; nothing here asks which database
 * it is.
 */
export abstract class BaseDdlCompiler implements DdlCompiler {
  abstract readonly maxBindParameters: number
  constructor(protected readonly q: DialectQuoting) {}

  abstract renderType(type: SqlType): string

  /** Whether a change needs a table rebuild; only SQLite says yes. */
  needsRebuild(_change: TableChange): boolean {
    return false
  }

  // ── pieces ──────────────────────────────────────────────────────────────

  protected ident(name: string): string {
    return this.q.quoteIdentifier(name)
  }
  protected table(table: TableName): string {
    return this.q.quoteQualified(table.name, table.schema)
  }
  protected list(names: readonly string[]): string {
    return names.map((n) => this.ident(n)).join(', ')
  }
  protected fragment(value: SqlFragment): string {
    return renderSql(value, this.q)
  }
  protected unsupported(what: string): never {
    throw new UsageError(`${what} is not supported by this database`)
  }

  renderDefault(value: ServerDefault): string {
    if (!isSqlFragment(value)) return this.q.renderLiteral(value)
    const text = this.fragment(value).trim()
    // A bare keyword, number or quoted literal needs no parentheses; an expression does on SQLite and MySQL.
    if (/^([A-Za-z_]+|-?\d+(\.\d+)?|'([^']|'')*')$/.test(text)) return text
    return `(${text})`
  }

  /** `GENERATED ALWAYS AS (…) STORED|VIRTUAL`, as PostgreSQL, MariaDB and SQLite all write it. */
  protected generatedClause(generated: GeneratedAs): string {
    return `GENERATED ALWAYS AS (${this.fragment(generated.expression)}) ${generated.stored ? 'STORED' : 'VIRTUAL'}`
  }

  /** What follows the type for a database-generated column. */
  protected abstract autoincrementClause(column: Column): string
  /** An inline column comment (MySQL), or '' where comments are separate statements. */
  protected inlineColumnComment(_comment: string | null): string {
    return ''
  }

  /** The column's type in CREATE TABLE / ADD COLUMN (PostgreSQL writes a serial's type as SERIAL). */
  protected columnType(column: Column): string {
    return this.renderType(column.type)
  }

  /** The column as written in CREATE TABLE / ADD COLUMN. */
  columnSpec(column: Column): string {
    const parts = [this.ident(column.name), this.columnType(column)]
    if (column.collation) parts.push(this.collationClause(column.collation))
    if (column.generated) parts.push(this.generatedClause(column.generated))
    if (column.autoincrement) parts.push(this.autoincrementClause(column))
    if (column.serverDefault !== null) parts.push(`DEFAULT ${this.renderDefault(column.serverDefault)}`)
    parts.push(this.nullability(column))
    if (column.onUpdate) parts.push(this.onUpdateClause(column.onUpdate))
    const comment = this.inlineColumnComment(column.comment)
    if (comment) parts.push(comment)
    return parts.filter(Boolean).join(' ')
  }

  /** `COLLATE name` after a column's type. */
  protected collationClause(collation: string): string {
    return `COLLATE ${this.ident(collation)}`
  }

  /** `NOT NULL`, or '' for a nullable column where nullable is what a column is unless told otherwise. */
  protected nullability(column: Column): string {
    return column.nullable ? '' : 'NOT NULL'
  }

  /** A value written on every UPDATE of the row (MySQL `ON UPDATE`); elsewhere a trigger's job, which athanor does not write. */
  protected onUpdateClause(_expression: SqlFragment): string {
    return this.unsupported('a column ON UPDATE expression')
  }

  protected named(name: string | null): string {
    return name === null ? '' : `CONSTRAINT ${this.ident(name)} `
  }

  /** ` MATCH FULL` where the database keeps a key's match type (PostgreSQL). */
  protected matchClause(_fk: ForeignKeyConstraint): string {
    return ''
  }

  protected referentialClause(fk: ForeignKeyConstraint): string {
    let text = this.matchClause(fk)
    if (fk.onDelete) text += ` ON DELETE ${fk.onDelete.toUpperCase()}`
    if (fk.onUpdate) text += ` ON UPDATE ${fk.onUpdate.toUpperCase()}`
    return text + this.deferrableClause(fk)
  }
  protected deferrableClause(fk: ForeignKeyConstraint): string {
    if (fk.deferrable === 'initiallyDeferred') return ' DEFERRABLE INITIALLY DEFERRED'
    return fk.deferrable ? ' DEFERRABLE' : ''
  }

  /** A constraint as written inside CREATE TABLE or after ADD. */
  constraintSpec(constraint: Constraint, tableSchema: string | null = null): string {
    switch (constraint.kind) {
      case 'primaryKey':
        return `${this.named(constraint.name)}PRIMARY KEY (${this.list(constraint.columns)})`
      case 'unique':
        return `${this.named(constraint.name)}UNIQUE (${this.list(constraint.columns)})`
      case 'check':
        return `${this.named(constraint.name)}CHECK (${this.fragment(constraint.expression)})`
      case 'exclude':
        return `${this.named(constraint.name)}EXCLUDE ${this.fragment(constraint.definition)}`
      case 'foreignKey': {
        const target = this.q.quoteQualified(constraint.referredTable, constraint.referredSchema ?? tableSchema)
        return (
          `${this.named(constraint.name)}FOREIGN KEY (${this.list(constraint.columns)}) ` +
          `REFERENCES ${target} (${this.list(constraint.referredColumns)})${this.referentialClause(constraint)}`
        )
      }
    }
  }

  protected ifNotExists(options?: ExistenceOptions): string {
    return options?.ifNotExists ? 'IF NOT EXISTS ' : ''
  }
  protected ifExists(options?: ExistenceOptions): string {
    return options?.ifExists ? 'IF EXISTS ' : ''
  }

  // ── tables ──────────────────────────────────────────────────────────────

  /** Lines inside CREATE TABLE (…): columns, primary key, constraints. */
  protected tableElements(table: Table): string[] {
    const lines = table.columnList.map((c) => this.columnSpec(c))
    if (table.primaryKey) lines.push(this.constraintSpec(table.primaryKey))
    for (const c of table.constraints) lines.push(this.constraintSpec(c, table.schema))
    return lines
  }
  /** What CREATE names before the table: `TABLE`, PostgreSQL's `UNLOGGED TABLE`. */
  protected tableKeyword(_table: Table): string {
    return 'TABLE'
  }
  /** What follows the table's name: its elements in parentheses (a PostgreSQL partition names its parent instead). */
  protected tableBody(table: Table): string {
    return `(\n  ${this.tableElements(table).join(',\n  ')}\n)`
  }
  /** Text after the closing parenthesis (MySQL's table COMMENT). */
  protected tableSuffix(_table: Table): string {
    return ''
  }
  /** Statements that must precede CREATE TABLE (PostgreSQL enum types). */
  protected beforeCreateTable(_table: Table): SqlStatement[] {
    return []
  }
  /** Statements after CREATE TABLE besides indexes (PostgreSQL comments). */
  protected afterCreateTable(_table: Table): SqlStatement[] {
    return []
  }

  createTable(table: Table, options?: ExistenceOptions): SqlStatement[] {
    const create = `CREATE ${this.tableKeyword(table)} ${this.ifNotExists(options)}${this.table(table)} ${this.tableBody(table)}${this.tableSuffix(table)}`
    return [
      ...this.beforeCreateTable(table),
      statement(create),
      ...this.afterCreateTable(table),
      ...table.indexes.flatMap((i) => this.createIndex(i, options?.ifNotExists ? { ifNotExists: true } : {})),
    ]
  }

  dropTable(table: TableName, options?: ExistenceOptions): SqlStatement[] {
    return [statement(`DROP TABLE ${this.ifExists(options)}${this.table(table)}`)]
  }

  renameTable(table: TableName, newName: string): SqlStatement[] {
    return [statement(`ALTER TABLE ${this.table(table)} RENAME TO ${this.ident(newName)}`)]
  }

  setTableComment(table: TableName, comment: string | null): SqlStatement[] {
    return [statement(`COMMENT ON TABLE ${this.table(table)} IS ${this.q.renderLiteral(comment)}`)]
  }

  alterTableStorage(_table: TableName, _change: StorageChange): SqlStatement[] {
    return []
  }

  // ── columns ─────────────────────────────────────────────────────────────

  addColumn(table: TableName, column: Column, options?: ExistenceOptions): SqlStatement[] {
    return [statement(`ALTER TABLE ${this.table(table)} ADD COLUMN ${this.ifNotExists(options)}${this.columnSpec(column)}`)]
  }

  dropColumn(table: TableName, column: string, options?: ExistenceOptions): SqlStatement[] {
    return [statement(`ALTER TABLE ${this.table(table)} DROP COLUMN ${this.ifExists(options)}${this.ident(column)}`)]
  }

  abstract alterColumn(table: TableName, alteration: ColumnAlteration): SqlStatement[]

  protected renameColumn(table: TableName, from: string, to: string): SqlStatement {
    return statement(`ALTER TABLE ${this.table(table)} RENAME COLUMN ${this.ident(from)} TO ${this.ident(to)}`)
  }

  // ── indexes and constraints ─────────────────────────────────────────────

  protected indexExpression(expression: string | SqlFragment): string {
    return typeof expression === 'string' ? this.ident(expression) : `(${this.fragment(expression)})`
  }

  /** `CONCURRENTLY ` where the database has it (PostgreSQL). */
  protected concurrently(_options?: IndexOptions): string {
    return ''
  }

  /** The index name and table after CREATE INDEX: `"ix" ON "s"."t"` (SQLite qualifies the index instead). */
  protected indexTarget(index: Index): string {
    return `${this.ident(index.name)} ON ${this.table({ name: index.table, schema: index.schema })}`
  }

  /** A word before INDEX for an index kind the database names there (MySQL `FULLTEXT `, `SPATIAL `). */
  protected indexKind(_index: Index): string {
    return ''
  }

  /** ` USING method` after the table where the database has access methods (PostgreSQL). */
  protected indexMethod(_index: Index): string {
    return ''
  }

  /** What follows an element: its operator class (PostgreSQL) and sort order. */
  protected indexElementSuffix(index: Index, position: number): string {
    const order = index.sortOrders?.[position] ?? null
    return order === null ? '' : ` ${order}`
  }

  /** What follows the element list: PostgreSQL's INCLUDE and NULLS NOT DISTINCT. */
  protected indexTail(_index: Index): string {
    return ''
  }

  createIndex(index: Index, options?: IndexOptions): SqlStatement[] {
    const unique = index.unique ? 'UNIQUE ' : ''
    const where = index.where ? ` WHERE ${this.fragment(index.where)}` : ''
    const columns = index.expressions.map((e, i) => this.indexExpression(e) + this.indexElementSuffix(index, i)).join(', ')
    const head = `CREATE ${unique}${this.indexKind(index)}INDEX ${this.concurrently(options)}${this.ifNotExists(options)}${this.indexTarget(index)}${this.indexMethod(index)}`
    return [statement(`${head} (${columns})${this.indexTail(index)}${where}`)]
  }

  dropIndex(table: TableName, name: string, options?: IndexOptions): SqlStatement[] {
    return [statement(`DROP INDEX ${this.concurrently(options)}${this.ifExists(options)}${this.q.quoteQualified(name, table.schema)}`)]
  }

  addConstraint(table: TableName, constraint: Constraint, options?: AddConstraintOptions): SqlStatement[] {
    return [statement(`ALTER TABLE ${this.table(table)} ADD ${this.constraintSpec(constraint, table.schema)}${this.notValid(constraint, options)}`)]
  }

  /** ` NOT VALID` where the database can skip checking existing rows (PostgreSQL). */
  protected notValid(_constraint: Constraint, _options?: AddConstraintOptions): string {
    return ''
  }

  validateConstraint(_table: TableName, _name: string): SqlStatement[] {
    return []
  }

  dropConstraint(table: TableName, name: string, _kind: ConstraintKind | null, options?: ExistenceOptions): SqlStatement[] {
    return [statement(`ALTER TABLE ${this.table(table)} DROP CONSTRAINT ${this.ifExists(options)}${this.ident(name)}`)]
  }

  // ── enums (PostgreSQL overrides) ───────────────────────────────────────

  createEnum(_type: Extract<SqlType, { kind: 'enum' }>, _schema: string | null, _options?: ExistenceOptions): SqlStatement[] {
    return []
  }
  dropEnum(_name: string, _schema: string | null, _options?: ExistenceOptions): SqlStatement[] {
    return []
  }
  addEnumValue(_name: string, _schema: string | null, _value: string, _options?: { before?: string; after?: string; ifNotExists?: boolean }): SqlStatement[] {
    return []
  }

  // ── data ────────────────────────────────────────────────────────────────

  /** A value as the driver wants it bound, for a column of `type`. */
  abstract bindValue(value: unknown, type: SqlType): unknown

  /** A value as a literal inside offline SQL. */
  inlineValue(value: unknown, type: SqlType): string {
    return this.q.renderLiteral(this.bindValue(value, type))
  }

  insert(table: TableName, columns: readonly Column[], rows: readonly (readonly unknown[])[], inline: boolean): SqlStatement {
    const head = `INSERT INTO ${this.table(table)} (${this.list(columns.map((c) => c.name))}) VALUES `
    if (inline) {
      const values = rows.map((row) => `(${columns.map((c, i) => this.inlineValue(row[i], c.type)).join(', ')})`)
      return statement(head + values.join(',\n'))
    }
    const placeholders = `(${columns.map(() => '?').join(', ')})`
    const params: unknown[] = []
    for (const row of rows) columns.forEach((c, i) => params.push(this.bindValue(row[i], c.type)))
    return { sql: head + Array(rows.length).fill(placeholders).join(', '), params }
  }
}
