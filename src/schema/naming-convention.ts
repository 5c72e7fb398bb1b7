import { createHash } from 'node:crypto'

/**
 * SQLAlchemy-style naming conventions: templates per constraint kind with
 * `%(token)s` placeholders, so every unnamed constraint and index gets a
 * deterministic name that a later migration can drop. Every name athanor
 * makes for a constraint or index comes from {@link constraintName}.
 *
 * Tokens: `table_name`, `column_0_name`, `column_0_label` (table_column),
 * `column_0N_name` (all columns joined by `_`), `column_0_N_name` (same),
 * `referred_table_name`, `referred_column_0_name`, `constraint_name`.
 */
export interface NamingConvention {
  readonly ix?: string
  readonly uq?: string
  readonly ck?: string
  readonly fk?: string
  readonly pk?: string
}

/** SQLAlchemy's default: only indexes are named. */
export const DEFAULT_NAMING_CONVENTION: NamingConvention = Object.freeze({ ix: 'ix_%(column_0_label)s' })

/** What the tokens of a convention are filled from. */
export interface NamingContext {
  readonly tableName: string
  readonly columns: readonly string[]
  readonly referredTable?: string
  readonly referredColumns?: readonly string[]
  readonly constraintName?: string | null
}

/**
 * The name a constraint gets: an explicit name stays as is unless the
 * convention uses `%(constraint_name)s`, in which case it is substituted.
 * Returns `explicit` (possibly null) when there is no template to apply.
 *
 * @example
 * conventionName('uq_%(table_name)s_%(column_0_name)s', { tableName: 'users', columns: ['email'] }, null) // 'uq_users_email'
 */
export function conventionName(template: string | undefined, context: NamingContext, explicit: string | null): string | null {
  if (template === undefined) return explicit
  const usesName = template.includes('%(constraint_name)s')
  if (explicit !== null && !usesName) return explicit
  if (explicit === null && usesName) return null
  const tokens: Record<string, string> = {
    table_name: context.tableName,
    column_0_name: context.columns[0] ?? '',
    column_0_label: `${context.tableName}_${context.columns[0] ?? ''}`,
    column_0N_name: context.columns.join('_'),
    column_0_N_name: context.columns.join('_'),
    referred_table_name: context.referredTable ?? '',
    referred_column_0_name: context.referredColumns?.[0] ?? '',
    constraint_name: explicit ?? '',
  }
  return template.replace(/%\((\w+)\)s/g, (whole, token: string) => tokens[token] ?? whole)
}

/** The kinds a convention has a template for: index, unique, check, foreign key, primary key. */
export type NamedKind = keyof NamingConvention

/**
 * Where a constraint is declared. Inside CREATE TABLE an unnamed constraint
 * may be left for the database to name, since it goes when the table goes;
 * one added to a table that exists (ALTER TABLE … ADD) must have a name a
 * later downgrade can drop it by.
 */
export type NamingSituation = 'createTable' | 'existingTable'

/**
 * The templates that name what the convention leaves unnamed but the
 * situation needs named: an index always (it has no unnamed form), and on
 * an existing table also a unique constraint or foreign key. Checks and
 * primary keys are never named by fallback: autogenerate adds only named
 * checks, and the database names a primary key itself.
 */
export const FALLBACK_NAMES: Readonly<Record<NamingSituation, NamingConvention>> = Object.freeze({
  createTable: Object.freeze({ ix: 'ix_%(table_name)s_%(column_0N_name)s' }),
  existingTable: Object.freeze({
    ix: 'ix_%(table_name)s_%(column_0N_name)s',
    uq: 'uq_%(table_name)s_%(column_0N_name)s',
    fk: 'fk_%(table_name)s_%(column_0N_name)s_%(referred_table_name)s',
  }),
})

/** Longest name a template may make: within PostgreSQL's 63 and MySQL's 64 characters. */
export const MAX_GENERATED_NAME_LENGTH = 63

/** How a table's constraints are named: its models' convention, and where they are declared. */
export interface ConstraintNaming {
  readonly convention: NamingConvention
  readonly situation: NamingSituation
}

/**
 * How a constraint added to an existing table outside any models is named
 * (`op.addColumn` with `.unique()` or `.references()`): by the default
 * convention and the existing-table fallbacks, as autogenerate names the
 * constraints it adds.
 */
export const EXISTING_TABLE_NAMING: ConstraintNaming = Object.freeze({ convention: DEFAULT_NAMING_CONVENTION, situation: 'existingTable' })

/**
 * The one naming rule: an explicit name stays (unless the convention embeds
 * it with `%(constraint_name)s`); otherwise the convention's template names
 * it; otherwise the situation's fallback template does, if it has one;
 * otherwise the name is null and the database chooses. A made name longer
 * than {@link MAX_GENERATED_NAME_LENGTH} is cut and ends with a hash of the
 * whole, so it stays unique and deterministic.
 *
 * @example
 * constraintName('uq', { tableName: 'users', columns: ['email'] }, null, { convention: DEFAULT_NAMING_CONVENTION, situation: 'existingTable' }) // 'uq_users_email'
 * constraintName('uq', { tableName: 'users', columns: ['email'] }, null, { convention: DEFAULT_NAMING_CONVENTION, situation: 'createTable' })   // null
 */
export function constraintName(kind: NamedKind, context: NamingContext, explicit: string | null, naming: ConstraintNaming): string | null {
  const withExplicit = { ...context, constraintName: explicit }
  const named = conventionName(naming.convention[kind], withExplicit, explicit)
  if (named !== null) return named === explicit ? named : shortened(named)
  const made = conventionName(FALLBACK_NAMES[naming.situation][kind], withExplicit, null)
  return made === null ? null : shortened(made)
}

/** An index's name: never null, since every index has a fallback template. */
export function indexName(context: NamingContext, explicit: string | null, naming: ConstraintNaming): string {
  return constraintName('ix', context, explicit, naming)!
}

function shortened(name: string): string {
  if (name.length <= MAX_GENERATED_NAME_LENGTH) return name
  const hash = createHash('sha1').update(name).digest('hex').slice(0, 8)
  return `${name.slice(0, MAX_GENERATED_NAME_LENGTH - hash.length - 1)}_${hash}`
}
