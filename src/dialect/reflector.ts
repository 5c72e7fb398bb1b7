import { checksumTableName } from './version-table-sql.js'
import type { DialectName } from './database-url.js'
import type { DatabaseConnection } from './dialect.js'
import { notCarriedOf, type NotCarriedFact } from './not-carried.js'
import type { ReflectedSchema } from './reflected-schema.js'

export * from './reflected-schema.js'
export * from './not-carried.js'

/** What {@link ReflectOptions.includeName} is asked about. */
export type ReflectedNameKind = 'schema' | 'table' | 'view' | 'enum'

/** Options of {@link reflect}. */
export interface ReflectOptions {
  /**
   * Schemas to read; `null` (or the default schema's own name) is the
   * connection's default schema. Default: the default schema only.
   */
  readonly schemas?: readonly (string | null)[]
  /**
   * Decides, from names alone and before anything else is read, whether a
   * schema, table, view or enum is reflected (Alembic's `include_name`).
   * `schema` is null for the default schema.
   */
  readonly includeName?: (name: string, kind: ReflectedNameKind, parent: { readonly schema: string | null }) => boolean
  /** The version table, never returned (nor its checksum side table). Default `athanor_version`. */
  readonly versionTable?: string
}

/**
 * Reads one database's schema into the shared vocabulary, with a fixed
 * number of catalog queries however many tables there are. Each dialect has
 * one (`dialect.reflector`); {@link reflect} applies the defaults and asks it.
 *
 * @example
 * const schema = await conn.dialect.reflector.reflect(conn, { schemas: [null], includeName: () => true, versionTable: 'athanor_version' })
 */
export interface Reflector {
  readonly dialect: DialectName
  reflect(conn: DatabaseConnection, options: ResolvedReflectOptions): Promise<ReflectorResult>
}

/**
 * What a {@link Reflector} returns: the schema, with only the not-carried
 * facts its tables' fields cannot show (a table's storage engine, say);
 * {@link reflect} adds those the tables' `Reflected*` fields hold.
 */
export type ReflectorResult = Omit<ReflectedSchema, 'notCarried'> & { readonly notCarried?: readonly NotCarriedFact[] }

/**
 * A reflector whose code loads on its first `reflect`: only autogenerate,
 * `check` and `pull` read a schema, so `upgrade` and `current` never load it.
 *
 * @example
 * const reflector = lazyReflector('sqlite', async () => (await import('./sqlite-reflector.js')).sqliteReflector)
 */
export function lazyReflector(dialect: DialectName, load: () => Promise<Reflector>): Reflector {
  return { dialect, reflect: async (conn, options) => (await load()).reflect(conn, options) }
}

/** {@link ReflectOptions} with defaults applied; what a {@link Reflector} receives. */
export interface ResolvedReflectOptions {
  readonly schemas: readonly (string | null)[]
  readonly includeName: NonNullable<ReflectOptions['includeName']>
  readonly versionTable: string
}

/**
 * Reflects the live schema behind `conn`: tables (columns, types mapped to
 * the portable vocabulary with the database's type text kept, defaults,
 * comments, keys, foreign keys, unique and check constraints, indexes),
 * PostgreSQL enum types, and views. Filters apply before reading, and the
 * number of queries does not grow with the number of tables.
 *
 * @example
 * const conn = await openConnection('postgres://postgres@127.0.0.1/app')
 * const schema = await reflect(conn, { includeName: (name, kind) => kind !== 'table' || !name.startsWith('tmp_') })
 * schema.tables.map((t) => t.name) // ['orders', 'users']
 */
export async function reflect(conn: DatabaseConnection, options: ReflectOptions = {}): Promise<ReflectedSchema> {
  const versionTable = options.versionTable ?? 'athanor_version'
  const checksums = checksumTableName(versionTable)
  const includeName = options.includeName ?? (() => true)
  const resolved: ResolvedReflectOptions = {
    schemas: options.schemas && options.schemas.length > 0 ? options.schemas : [null],
    // The checksum side table is athanor's bookkeeping, as the version table is.
    includeName: (name, kind, parent) => !(kind === 'table' && name === checksums) && includeName(name, kind, parent),
    versionTable,
  }
  const schema = await conn.dialect.reflector.reflect(conn, resolved)
  return Object.freeze({ ...schema, notCarried: Object.freeze([...(schema.notCarried ?? []), ...schema.tables.flatMap(notCarriedOf)]) })
}
