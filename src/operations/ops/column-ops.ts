import type { ColumnAlteration, ExistenceOptions, TableName } from '../../dialect/ddl-compiler.js'
import { toColumn, typeOf, type Column, type ColumnInput, type ServerDefault } from '../../schema/column.js'
import { inlineConstraints, withoutInlineConstraints, type InlineConstraints } from '../../schema/inline-constraints.js'
import { EXISTING_TABLE_NAMING } from '../../schema/naming-convention.js'
import type { SqlFragment } from '../../schema/sql.js'
import type { SqlType } from '../../schema/types.js'
import type { OperationExecutor } from '../executor.js'
import { Irreversible } from './irreversible.js'
import { fragment, runTableChange, type TableChangeOperation } from './migrate-operation.js'

/** Where a column type is described: a builder (`t.string(50)`), a built column, or a bare type. */
export type TypeInput = ColumnInput

/**
 * ALTER TABLE … ADD COLUMN. The column's own `unique()`, `references()`,
 * `index()` and `primaryKey()` become table constraints added after it,
 * named as autogenerate names what it adds (`uq_<table>_<column>`, …), so
 * a downgrade can drop them (SQLite rebuilds when the column carries a
 * constraint).
 */
export class AddColumnOp implements TableChangeOperation {
  readonly kind = 'add_column'
  constructor(
    readonly table: TableName,
    readonly column: Column,
    readonly options: ExistenceOptions = {},
  ) {
    Object.freeze(this)
  }

  /**
   * The op `op.addColumn` and `b.addColumn` build.
   *
   * @example
   * AddColumnOp.of({ name: 'account', schema: null }, 'last_login', t.datetime())
   */
  static of(table: TableName, name: string, input: ColumnInput, options: { ifNotExists?: boolean } = {}): AddColumnOp {
    return new AddColumnOp(table, toColumn(name, input, table.name, table.schema), options.ifNotExists ? { ifNotExists: true } : {})
  }

  /** The table constraints and indexes the column declares, with their names. */
  get inline(): InlineConstraints {
    return inlineConstraints(this.table, [this.column], EXISTING_TABLE_NAMING)
  }

  toChange() {
    return { kind: 'addColumn' as const, column: withoutInlineConstraints(this.column), inline: this.inline }
  }

  async run(executor: OperationExecutor): Promise<void> {
    const change = this.toChange()
    const { compiler } = executor.dialect
    await runTableChange(executor, this.table, change, () => [
      ...compiler.addColumn(this.table, change.column, this.options),
      ...(change.inline.primaryKey ? compiler.addConstraint(this.table, change.inline.primaryKey) : []),
      ...change.inline.constraints.flatMap((c) => compiler.addConstraint(this.table, c)),
      ...change.inline.indexes.flatMap((i) => compiler.createIndex(i)),
    ])
  }

  reverse(): DropColumnOp {
    return new DropColumnOp(this.table, this.column.name, { existing: this.column, ...(this.options.ifNotExists ? { ifExists: true } : {}) })
  }
}

/** ALTER TABLE … DROP COLUMN (SQLite rebuilds, keeping the table's other constraints). */
export class DropColumnOp implements TableChangeOperation {
  readonly kind = 'drop_column'
  constructor(
    readonly table: TableName,
    readonly column: string,
    readonly options: ExistenceOptions & { existing?: Column } = {},
  ) {
    Object.freeze(this)
  }

  /**
   * The op `op.dropColumn` and `b.dropColumn` build; `existing` makes it reversible.
   *
   * @example
   * DropColumnOp.of({ name: 'account', schema: null }, 'legacy', { existing: t.text() })
   */
  static of(table: TableName, name: string, options: { ifExists?: boolean; existing?: ColumnInput } = {}): DropColumnOp {
    const existing = options.existing === undefined ? undefined : toColumn(name, options.existing, table.name, table.schema)
    return new DropColumnOp(table, name, { ...(options.ifExists ? { ifExists: true } : {}), ...(existing ? { existing } : {}) })
  }

  toChange() {
    return { kind: 'dropColumn' as const, column: this.column, ...(this.options.ifExists ? { ifExists: true } : {}) }
  }
  async run(executor: OperationExecutor): Promise<void> {
    await runTableChange(executor, this.table, this.toChange(), async () => {
      const known = this.options.existing === undefined ? await executor.needsTypeCleanup?.(this.table, this.column) : undefined
      return executor.dialect.compiler.dropColumn(this.table, this.column, known === false ? { ...this.options, typeCleanup: false } : this.options)
    })
  }
  reverse(): AddColumnOp | Irreversible {
    if (!this.options.existing) return new Irreversible(this.kind, `the definition of column "${this.column}" is not known`)
    return new AddColumnOp(this.table, this.options.existing, this.options.ifExists ? { ifNotExists: true } : {})
  }
}

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
  /** A new collation; `null` returns to the table's default. */
  readonly collation?: string | null
  /** A new `ON UPDATE` expression (MySQL); `null` drops it. */
  readonly onUpdate?: SqlFragment | string | null
  readonly existingType?: TypeInput
  readonly existingNullable?: boolean
  readonly existingServerDefault?: ServerDefault | null
  readonly existingComment?: string | null
  readonly existingAutoincrement?: boolean
  readonly existingCollation?: string | null
  readonly existingOnUpdate?: SqlFragment | string | null
}

const typeOrUndefined = (value: TypeInput | undefined): SqlType | undefined => (value === undefined ? undefined : typeOf(value))

/** Changes a column's type, nullability, default, comment or name. */
export class AlterColumnOp implements TableChangeOperation {
  readonly kind = 'alter_column'
  constructor(
    readonly table: TableName,
    readonly alteration: ColumnAlteration,
  ) {
    Object.freeze(this)
  }

  /**
   * The op `op.alterColumn` and `b.alterColumn` build; options left undefined are left out.
   *
   * @example
   * AlterColumnOp.of({ name: 'account', schema: null }, 'name', { nullable: false, existingType: t.string(50) })
   */
  static of(table: TableName, column: string, o: AlterColumnOptions): AlterColumnOp {
    const entries = Object.entries({
      column,
      newName: o.newName,
      type: typeOrUndefined(o.type),
      using: o.using === undefined ? undefined : fragment(o.using),
      nullable: o.nullable,
      serverDefault: o.serverDefault,
      comment: o.comment,
      collation: o.collation,
      onUpdate: o.onUpdate === undefined || o.onUpdate === null ? o.onUpdate : fragment(o.onUpdate),
      existingType: typeOrUndefined(o.existingType),
      existingNullable: o.existingNullable,
      existingServerDefault: o.existingServerDefault,
      existingComment: o.existingComment,
      existingAutoincrement: o.existingAutoincrement,
      existingCollation: o.existingCollation,
      existingOnUpdate: o.existingOnUpdate === undefined || o.existingOnUpdate === null ? o.existingOnUpdate : fragment(o.existingOnUpdate),
    }).filter(([, v]) => v !== undefined)
    return new AlterColumnOp(table, Object.freeze(Object.fromEntries(entries)) as unknown as ColumnAlteration)
  }

  toChange() {
    return { kind: 'alterColumn' as const, alteration: this.alteration }
  }
  async run(executor: OperationExecutor): Promise<void> {
    await runTableChange(executor, this.table, this.toChange(), () => executor.dialect.compiler.alterColumn(this.table, this.alteration))
  }
  /** Swaps each changed attribute with its `existing*` value; an attribute changed without one cannot be undone. */
  reverse(): AlterColumnOp | Irreversible {
    const a = this.alteration
    const missing = (
      [
        ['the type', a.type, a.existingType],
        ['nullability', a.nullable, a.existingNullable],
        ['the server default', a.serverDefault, a.existingServerDefault],
        ['the comment', a.comment, a.existingComment],
        ['the collation', a.collation, a.existingCollation],
        ['the ON UPDATE expression', a.onUpdate, a.existingOnUpdate],
      ] as const
    ).find(([, changed, existing]) => changed !== undefined && existing === undefined)
    if (missing) return new Irreversible(this.kind, `${missing[0]} of "${a.column}" changed without its existing value`)
    const swap = <K extends 'type' | 'nullable' | 'serverDefault' | 'comment' | 'collation' | 'onUpdate'>(key: K, existingKey: `existing${Capitalize<K>}` & keyof ColumnAlteration) => {
      const changed = a[key]
      const existing = a[existingKey]
      if (changed !== undefined) return { [key]: existing, [existingKey]: changed }
      return existing !== undefined ? { [existingKey]: existing } : {}
    }
    const name = a.newName ?? a.column
    return new AlterColumnOp(
      this.table,
      Object.freeze({
        column: name,
        ...(a.newName !== undefined && a.newName !== a.column ? { newName: a.column } : {}),
        ...swap('type', 'existingType'),
        ...swap('nullable', 'existingNullable'),
        ...swap('serverDefault', 'existingServerDefault'),
        ...swap('comment', 'existingComment'),
        ...swap('collation', 'existingCollation'),
        ...swap('onUpdate', 'existingOnUpdate'),
        ...(a.existingAutoincrement !== undefined ? { existingAutoincrement: a.existingAutoincrement } : {}),
      }) as ColumnAlteration,
    )
  }
}
