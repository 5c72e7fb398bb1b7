/**
 * What a comparison is told: the database's rules, which kinds of difference
 * to look at, which objects to leave alone, and how renames are decided.
 */
import type { IncludeObjectInfo } from '../config/config-types.js'
import type { Dialect } from '../dialect/dialect.js'
import type { Column } from '../schema/column.js'
import type { Index } from '../schema/constraints.js'
import type { CanonicalIndex } from './model-canonicalizer.js'
import type { CheckConstraint, ExclusionConstraint } from '../schema/constraints.js'
import type { NotCarriedFact } from '../dialect/not-carried.js'
import type { Table } from '../schema/table.js'
import type { ObjectComparisonInput } from './compare-objects.js'
import type { SqlType } from '../schema/types.js'
import type { RenameCandidate, RenameDecision } from './schema-diff.js'

/** A named enum type as a schema holds it (PostgreSQL). */
export interface EnumTypeInfo {
  readonly name: string
  readonly schema: string | null
  readonly values: readonly string[]
}

/** The side of a comparison: tables, and (PostgreSQL) the enum types that exist. */
export interface SchemaSnapshot {
  readonly tables: readonly Table[]
  readonly enums?: readonly EnumTypeInfo[]
  /** Facts of the database the vocabulary cannot carry (a reflected schema's `notCarried`). */
  readonly notCarried?: readonly NotCarriedFact[]
}

/** How rename candidates are settled: by list, by a callback (a terminal prompt), else left for review. */
export interface RenamePolicy {
  /** `old=new` pairs to write as renames (`--rename`). Table pairs are table names, column pairs `table.old=table.new` or bare column names. */
  readonly accept?: readonly string[]
  /** `old=new` pairs to write as drop + add (`--no-rename`). */
  readonly reject?: readonly string[]
  /** Asked for each candidate no list settles; `review` writes the rename with a `// review:` comment. */
  readonly decide?: (candidate: RenameCandidate) => RenameDecision | Promise<RenameDecision>
}

/**
 * Options of {@link compareSchemas}.
 *
 * @example
 * compareSchemas(models, reflected, { dialect: postgresDialect, versionTable: 'athanor_version' })
 */
export interface CompareOptions {
  readonly dialect: Dialect
  /** Compare column types (default true). */
  readonly types?: boolean
  /** Compare server defaults (default true). */
  readonly serverDefaults?: boolean
  /** Compare column and table comments (default true; never where the database has none). */
  readonly comments?: boolean
  /** The config's `include.object`: objects it rejects are neither added nor removed. */
  readonly includeObject?: (info: IncludeObjectInfo) => boolean
  /** Never compared (the version table lives in the database, not in the models). */
  readonly versionTable?: string
  /** The schema unqualified names live in (`public`, the MySQL database, `main`): a table there matches a model without a schema. */
  readonly defaultSchema?: string | null
  /**
   * The database's own text for a model column's server default, found by
   * creating it in a scratch table (see `canonicalizeModel`). When it
   * returns undefined the model's default is compared as the dialect writes it.
   */
  readonly canonicalDefault?: (table: Table, column: Column) => string | null | undefined
  /**
   * The database's own text for a model index's expressions and predicate
   * (see `canonicalizeModel`). Without it, expression indexes compare by
   * name and shape only and predicates are not compared.
   */
  readonly canonicalIndex?: (index: Index) => CanonicalIndex | undefined
  /**
   * The database's own text for a model check's expression (see
   * `canonicalizeModel`). Without it, named checks compare by name only and
   * unnamed ones by their text as written.
   */
  readonly canonicalCheck?: (check: CheckConstraint | ExclusionConstraint) => string | undefined
  /** The database's own text for a model generated column's expression (see `canonicalizeModel`). */
  readonly canonicalGenerated?: (column: Column) => string | undefined
  /** The database's reading of a model column's type written by name (see `canonicalizeModel`); undefined compares it as written. */
  readonly canonicalType?: (column: Column) => SqlType | undefined
  /** The database's own text for a model column's `ON UPDATE` expression (see `canonicalizeModel`). */
  readonly canonicalOnUpdate?: (column: Column) => string | undefined
  readonly renames?: RenamePolicy
  /** The models' schema objects, the database's, and the models' canonical text (see `compareObjects`). */
  readonly objects?: ObjectComparisonInput
}
