import type { ReferentialAction } from '../../schema/column.js'
import type { SchemaEquivalence } from '../schema-equivalence.js'
import { typeTextEquivalent } from '../schema-equivalence.js'
import { sqliteCompiler } from './sqlite-compiler.js'

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
}
