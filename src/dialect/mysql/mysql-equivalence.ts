import type { ReferentialAction } from '../../schema/column.js'
import type { SchemaEquivalence } from '../schema-equivalence.js'
import { typeTextEquivalent } from '../schema-equivalence.js'
import { mysqlCompiler } from './mysql-compiler.js'

const SYNONYMS: readonly [RegExp, string][] = [
  [/^INTEGER/, 'INT'],
  [/^BOOL(EAN)?$/, 'TINYINT(1)'],
  [/^NUMERIC/, 'DECIMAL'],
  [/^DECIMAL$/, 'DECIMAL(10,0)'],
  [/^(INT|BIGINT|SMALLINT|MEDIUMINT)\(\d+\)$/, '$1'],
  [/^TINYINT\((?!1\))\d+\)$/, 'TINYINT'],
  [/^REAL$|^DOUBLE PRECISION$/, 'DOUBLE'],
  [/^(DATETIME|TIMESTAMP|TIME)\(0\)$/, '$1'],
]

/**
 * MySQL/MariaDB: `BOOL` is `TINYINT(1)`, `INTEGER` is `INT`, `NUMERIC` is
 * `DECIMAL(10,0)`, `DATETIME(0)` is `DATETIME`, and integer display widths mean nothing. ENUM types
 * compare with their values, as the column's type includes them. Without
 * ON DELETE/ON UPDATE, InnoDB reports RESTRICT, which acts as NO ACTION.
 */
export const mysqlEquivalence: SchemaEquivalence = {
  typesEquivalent: typeTextEquivalent(mysqlCompiler, (text) => SYNONYMS.reduce((t, [pattern, to]) => t.replace(pattern, to), text)),
  normalizeAction: (action: ReferentialAction | null): ReferentialAction => (action === null || action === 'restrict' ? 'no action' : action),
  supportsComments: true,
  namedEnums: false,
  isDefaultPrimaryKeyName: (_table: string, name: string): boolean => name === 'PRIMARY',
  defaultValueText: (text: string): string => text,
  defaultPrimaryKeyName: (): string => 'PRIMARY',
}
