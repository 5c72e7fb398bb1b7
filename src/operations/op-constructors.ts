import type { ConstraintKind, TableName } from '../dialect/ddl-compiler.js'
import { toColumn, typeOf, type ColumnInput, type ForeignKeyOptions, type ServerDefault } from '../schema/column.js'
import type { Constraint } from '../schema/constraints.js'
import { isSqlFragment, sql, type SqlFragment } from '../schema/sql.js'
import type { SqlType } from '../schema/types.js'
import { AddColumnOp, AlterColumnOp, DropColumnOp } from './ops/column-ops.js'
import { AddConstraintOp, DropConstraintOp } from './ops/constraint-ops.js'
import { CreateIndexOp, DropIndexOp } from './ops/index-ops.js'
import { tableName } from './ops/migrate-operation.js'

/** Where a column type is described: a builder (`t.string(50)`), a built column, or a bare type. */
export type TypeInput = ColumnInput

/** Options of `alterColumn`: what to change, and what the column was (for MySQL and for reverse()). */
export interface AlterColumnOptions {
  readonly schema?: string
  readonly newName?: string
  readonly type?: TypeInput
  /** PostgreSQL: USING expression for the type change. */
  readonly using?: SqlFragment | string
  readonly nullable?: boolean
  /** A new default; `null` drops it. */
  readonly serverDefault?: ServerDefault | null
  /** A new comment; `null` drops it. */
  readonly comment?: string | null
  readonly existingType?: TypeInput
  readonly existingNullable?: boolean
  readonly existingServerDefault?: ServerDefault | null
  readonly existingComment?: string | null
  readonly existingAutoincrement?: boolean
}

/** Options of `createIndex`. */
export interface CreateIndexOptions {
  readonly schema?: string
  readonly unique?: boolean
  readonly where?: SqlFragment | string
  readonly ifNotExists?: boolean
  /** PostgreSQL CREATE INDEX CONCURRENTLY; run it inside `op.autocommitBlock`. Ignored elsewhere. */
  readonly concurrently?: boolean
}

/** Options of `createForeignKey`. */
export interface CreateForeignKeyOptions extends Omit<ForeignKeyOptions, 'name'> {
  readonly sourceSchema?: string
  readonly referentSchema?: string
}

const fragment = (value: SqlFragment | string): SqlFragment => (isSqlFragment(value) ? value : sql.raw(value))
const typeOrUndefined = (value: TypeInput | undefined): SqlType | undefined => (value === undefined ? undefined : typeOf(value))

/** Builds the ops `Operations` and `BatchOperations` run; one place for argument handling. */
export const opConstructors = {
  addColumn(table: TableName, name: string, input: ColumnInput, options: { ifNotExists?: boolean } = {}): AddColumnOp {
    return new AddColumnOp(table, toColumn(name, input, table.name, table.schema), options)
  },
  dropColumn(table: TableName, name: string, options: { ifExists?: boolean; existing?: ColumnInput } = {}): DropColumnOp {
    const existing = options.existing === undefined ? undefined : toColumn(name, options.existing, table.name, table.schema)
    return new DropColumnOp(table, name, { ...(options.ifExists ? { ifExists: true } : {}), ...(existing ? { existing } : {}) })
  },
  alterColumn(table: TableName, column: string, o: AlterColumnOptions): AlterColumnOp {
    const entries = Object.entries({
      column,
      newName: o.newName,
      type: typeOrUndefined(o.type),
      using: o.using === undefined ? undefined : fragment(o.using),
      nullable: o.nullable,
      serverDefault: o.serverDefault,
      comment: o.comment,
      existingType: typeOrUndefined(o.existingType),
      existingNullable: o.existingNullable,
      existingServerDefault: o.existingServerDefault,
      existingComment: o.existingComment,
      existingAutoincrement: o.existingAutoincrement,
    }).filter(([, v]) => v !== undefined)
    return new AlterColumnOp(table, Object.freeze(Object.fromEntries(entries)) as unknown as ConstructorParameters<typeof AlterColumnOp>[1])
  },
  createIndex(name: string, table: TableName, columns: readonly (string | SqlFragment)[], options: CreateIndexOptions = {}): CreateIndexOp {
    return new CreateIndexOp(
      Object.freeze({
        kind: 'index' as const,
        name,
        table: table.name,
        schema: table.schema,
        expressions: Object.freeze([...columns]),
        unique: options.unique ?? false,
        where: options.where === undefined ? null : fragment(options.where),
      }),
      { ...(options.ifNotExists ? { ifNotExists: true } : {}), ...(options.concurrently ? { concurrently: true } : {}) },
    )
  },
  dropIndex(name: string, table: TableName, options: { ifExists?: boolean; concurrently?: boolean } = {}): DropIndexOp {
    return new DropIndexOp(name, table, options)
  },
  addConstraint(table: TableName, constraint: Constraint): AddConstraintOp {
    return new AddConstraintOp(table, Object.freeze(constraint))
  },
  dropConstraint(name: string, table: TableName, options: { type?: ConstraintKind; ifExists?: boolean } = {}): DropConstraintOp {
    return new DropConstraintOp(name, table, options)
  },
  createForeignKey(
    name: string | null,
    source: string,
    referent: string,
    localColumns: readonly string[],
    remoteColumns: readonly string[],
    options: CreateForeignKeyOptions = {},
  ): AddConstraintOp {
    return new AddConstraintOp(tableName(source, options.sourceSchema), {
      kind: 'foreignKey',
      name,
      columns: [...localColumns],
      referredSchema: options.referentSchema ?? null,
      referredTable: referent,
      referredColumns: [...remoteColumns],
      onDelete: options.onDelete ?? null,
      onUpdate: options.onUpdate ?? null,
      deferrable: options.deferrable ?? false,
    })
  },
  checkExpression: fragment,
}
