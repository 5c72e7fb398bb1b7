import type { ReferentialAction } from '../../schema/column.js'
import type { SchemaEquivalence } from '../schema-equivalence.js'
import { typeTextEquivalent } from '../schema-equivalence.js'
import type { SqlType } from '../../schema/types.js'
import { sqliteCompiler } from './sqlite-compiler.js'

/** Kinds whose SQLite column has INTEGER, REAL or NUMERIC affinity: a quoted number stored there becomes the number. */
const NUMERIC_KINDS = new Set<SqlType['kind']>(['integer', 'bigint', 'smallint', 'boolean', 'numeric', 'float', 'double'])

/**
 * The value SQLite stores for a constant default: TRUE and FALSE are 1 and 0,
 * and a quoted number in a numeric-affinity column is that number.
 */
function sqliteDefaultValue(text: string, type: SqlType): string {
  if (/^true$/i.test(text)) return '1'
  if (/^false$/i.test(text)) return '0'
  const quoted = /^'(-?\d+(?:\.\d+)?)'$/.exec(text)
  if (quoted && NUMERIC_KINDS.has(type.kind)) return quoted[1]!
  return text
}

/**
 * SQLite keeps the declared type text, so two types are the same when they
 * are written the same; only spellings of one affinity-neutral name differ
 * (`INT` for `INTEGER`). SQLite has no comments.
 */
export const sqliteEquivalence: SchemaEquivalence = {
  typesEquivalent: typeTextEquivalent(sqliteCompiler, (text) => text.replace(/^INT$/, 'INTEGER')),
  normalizeAction: (action: ReferentialAction | null): ReferentialAction => action ?? 'no action',
  supportsComments: false,
  namedEnums: false,
  isDefaultPrimaryKeyName: () => false,
  defaultPrimaryKeyName: () => null,
  defaultValueText: sqliteDefaultValue,
}
