import type { ReferentialAction } from '../schema/column.js'
import type { SqlType } from '../schema/types.js'
import type { DdlCompiler } from './ddl-compiler.js'

/**
 * What a database considers "the same" when autogenerate compares a model
 * with what reflection read back: a model and its own reflection must never
 * differ. Each dialect supplies its rules (`dialect.equivalence`), so
 * autogenerate never asks which database it talks to.
 *
 * @example
 * conn.dialect.equivalence.isDefaultPrimaryKeyName('users', 'users_pkey') // true on PostgreSQL
 */
export interface SchemaEquivalence {
  /** True when a column of type `model` and one reflected as `reflected` are the same column type. */
  typesEquivalent(model: SqlType, reflected: SqlType): boolean
  /** The action a foreign key has when none is written, spelled one way (`'no action'`). */
  normalizeAction(action: ReferentialAction | null): ReferentialAction
  /** False where the database has no column or table comments (SQLite): comments are then never compared. */
  readonly supportsComments: boolean
  /** True where enum types are named objects with their own values (PostgreSQL). */
  readonly namedEnums: boolean
  /** True for a primary key name the database chose itself (`users_pkey`, `PRIMARY`), which generated code leaves out. */
  isDefaultPrimaryKeyName(table: string, name: string): boolean
  /**
   * The name the database gives a primary key written without one
   * (`users_pkey`, `PRIMARY`), or null where it gives none (SQLite). A key
   * autogenerate adds to an existing table is given this name, so its
   * downgrade can drop it by name.
   */
  defaultPrimaryKeyName(table: string): string | null
  /**
   * A constant default's text as the value the database stores for a column
   * of `type`, where the database keeps the default's text as written
   * (SQLite stores `FALSE`, `0` and `'0'` as three texts, yet a boolean
   * column gets the integer 0 from each). Identity where the database
   * rewrites defaults itself.
   */
  defaultValueText(text: string, type: SqlType): string
}

/**
 * Type text as DDL writes it, with the spellings the database treats as one
 * (`INT`/`INTEGER`, spacing, case) brought together.
 *
 * @example
 * const same = typeTextEquivalent(sqliteCompiler, (text) => text.replace(/^INT$/, 'INTEGER'))
 */
export function typeTextEquivalent(compiler: Pick<DdlCompiler, 'renderType'>, normalize: (text: string) => string) {
  return (model: SqlType, reflected: SqlType): boolean => {
    const text = (type: SqlType) => normalize(compiler.renderType(type).toUpperCase().replace(/\s+/g, ' ').replace(/\s*([(),])\s*/g, '$1').trim())
    return text(model) === text(reflected)
  }
}
