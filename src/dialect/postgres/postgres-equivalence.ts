import type { ReferentialAction } from '../../schema/column.js'
import type { SqlType } from '../../schema/types.js'
import type { SchemaEquivalence } from '../schema-equivalence.js'
import { typeTextEquivalent } from '../schema-equivalence.js'
import { postgresCompiler } from './postgres-compiler.js'

const SYNONYMS: readonly [RegExp, string][] = [
  [/^INT4$|^INT$/, 'INTEGER'],
  [/^INT8$/, 'BIGINT'],
  [/^INT2$/, 'SMALLINT'],
  [/^BOOL$/, 'BOOLEAN'],
  [/^FLOAT4$/, 'REAL'],
  [/^FLOAT8$|^FLOAT$/, 'DOUBLE PRECISION'],
  [/^CHARACTER VARYING/, 'VARCHAR'],
  [/^DECIMAL/, 'NUMERIC'],
  [/^TIMESTAMP$/, 'TIMESTAMP WITHOUT TIME ZONE'],
  [/^TIMESTAMPTZ$/, 'TIMESTAMP WITH TIME ZONE'],
  [/^TIME$/, 'TIME WITHOUT TIME ZONE'],
]

const sameText = typeTextEquivalent(postgresCompiler, (text) => SYNONYMS.reduce((t, [pattern, to]) => t.replace(pattern, to), text))

/**
 * PostgreSQL: types compare by their canonical names (`int4` is `INTEGER`);
 * an enum is the same type when it has the same name — its values are
 * compared on their own, since added values become `ALTER TYPE … ADD VALUE`.
 */
export const postgresEquivalence: SchemaEquivalence = {
  typesEquivalent(model: SqlType, reflected: SqlType): boolean {
    if (model.kind === 'enum' && reflected.kind === 'enum') return model.name === reflected.name
    return sameText(model, reflected)
  },
  normalizeAction: (action: ReferentialAction | null): ReferentialAction => action ?? 'no action',
  supportsComments: true,
  namedEnums: true,
  isDefaultPrimaryKeyName: (table: string, name: string): boolean => name === `${table}_pkey`,
  defaultValueText: (text: string): string => text,
  defaultPrimaryKeyName: (table: string): string => `${table}_pkey`,
}
