/**
 * SQLAlchemy-style naming conventions: templates per constraint kind with
 * `%(token)s` placeholders, so every unnamed constraint and index gets a
 * deterministic name that a later migration can drop.
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
