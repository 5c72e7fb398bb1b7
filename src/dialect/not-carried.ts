/**
 * Principle 9, "nothing is silently lost": the facts reflection reads that
 * the schema vocabulary cannot hold, so models built from the vocabulary
 * cannot state them and autogenerate cannot re-create them. `check` and
 * autogenerate list each as `not carried: …`; `check --strict` fails on them.
 *
 * This is the one place that says which reflected facts the vocabulary does
 * not carry: when the vocabulary learns one, its entry here goes. Index
 * methods, operator classes, sort orders, INCLUDE and NOT VALID foreign keys
 * are carried (models state them, autogenerate re-creates them); an index
 * comment and a NOT VALID check are not.
 */
import type { Table } from '../schema/table.js'
import type { ReflectedCheck, ReflectedIndex } from './reflected-schema.js'

/**
 * One fact of a table that athanor reads but does not carry.
 *
 * @example
 * { table: 'docs', schema: null, object: 'index ix_docs_body', fact: 'comment "for search"' }
 */
export interface NotCarriedFact {
  readonly table: string
  readonly schema: string | null
  /** The part of the table the fact is about (`column body`, `index ix_docs_body`); absent for the table itself. */
  readonly object?: string
  readonly fact: string
}

/**
 * A fact as one line (after `not carried: `).
 *
 * @example
 * formatNotCarried({ table: 'docs', schema: null, object: 'index ix_docs_body', fact: 'comment "for search"' }) // 'docs: index ix_docs_body: comment "for search"'
 */
export function formatNotCarried(fact: NotCarriedFact): string {
  const table = fact.schema === null ? fact.table : `${fact.schema}.${fact.table}`
  return `${table}: ${fact.object === undefined ? '' : `${fact.object}: `}${fact.fact}`
}

/**
 * The facts of a reflected table (its `Reflected*` columns, indexes and
 * constraints) that the vocabulary cannot hold. A model table has none.
 *
 * @example
 * notCarriedOf(findTable(await reflect(conn), 'docs')!) // [{ table: 'docs', object: 'index ix_docs_body', fact: 'comment "for search"', … }]
 */
export function notCarriedOf(table: Table): NotCarriedFact[] {
  const out: NotCarriedFact[] = []
  const say = (object: string | undefined, fact: string) => out.push({ table: table.name, schema: table.schema, ...(object === undefined ? {} : { object }), fact })
  for (const index of table.indexes as readonly Partial<ReflectedIndex>[]) {
    if (index.comment) say(`index ${index.name}`, `comment ${JSON.stringify(index.comment)}`)
  }
  for (const constraint of table.constraints) {
    if (constraint.kind === 'check' && (constraint as Partial<ReflectedCheck>).notValid) say(`check ${constraint.name}`, 'NOT VALID')
  }
  return out
}
