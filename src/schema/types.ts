/**
 * Column types as data. Portable kinds map to every dialect; the few
 * dialect-only kinds (`jsonb`, `inet`, `tinyint`, …) fall back to the nearest
 * portable type elsewhere. Being plain data, two types compare by value, which
 * autogenerate's type comparison builds on.
 */
export type SqlType =
  | { readonly kind: 'integer' }
  | { readonly kind: 'bigint' }
  | { readonly kind: 'smallint' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'string'; readonly length: number | null }
  | { readonly kind: 'text' }
  | { readonly kind: 'date' }
  /** `precision`: fractional-second digits (0–6), absent for the database's default. */
  | { readonly kind: 'datetime'; readonly timezone: boolean; readonly precision?: number }
  | { readonly kind: 'time'; readonly precision?: number }
  | { readonly kind: 'numeric'; readonly precision: number | null; readonly scale: number | null }
  | { readonly kind: 'float' }
  | { readonly kind: 'double' }
  | { readonly kind: 'json' }
  | { readonly kind: 'uuid' }
  | { readonly kind: 'enum'; readonly name: string; readonly values: readonly string[] }
  | { readonly kind: 'binary'; readonly length: number | null }
  | { readonly kind: 'array'; readonly of: SqlType }
  | { readonly kind: 'jsonb' }
  | { readonly kind: 'inet' }
  | { readonly kind: 'tinyint' }
  | { readonly kind: 'mediumtext' }
  | { readonly kind: 'longtext' }
  | { readonly kind: 'custom'; readonly name: string }

/** The `kind` names of {@link SqlType}. */
export type SqlTypeKind = SqlType['kind']

/** Freezes a type value (and its nested parts) so it can be shared. */
export function freezeType<T extends SqlType>(type: T): T {
  if (type.kind === 'enum') Object.freeze(type.values)
  return Object.freeze(type)
}

/**
 * True when two types are the same value (same kind and parameters).
 * Dialect-aware equivalence (e.g. `timestamptz` vs `datetime({timezone:true})`)
 * is the dialect's job; this is plain structural equality.
 */
export function sameType(a: SqlType, b: SqlType): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** The enum types a type uses (itself, or inside an array). */
export function enumTypesOf(type: SqlType): Extract<SqlType, { kind: 'enum' }>[] {
  if (type.kind === 'enum') return [type]
  if (type.kind === 'array') return enumTypesOf(type.of)
  return []
}
