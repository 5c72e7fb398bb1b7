/**
 * Principle 9, "nothing is silently lost": the facts reflection reads that
 * the schema vocabulary cannot hold, so models built from the vocabulary
 * cannot state them and autogenerate cannot re-create them. `check` and
 * autogenerate list each as `not carried: …`; `check --strict` fails on them.
 *
 * This is the one place that says which reflected facts the vocabulary does
 * not carry: when the vocabulary learns one (an index method, a collation), its entry here goes.
 */
import type { Table } from '../schema/table.js'
import type { ReflectedCheck, ReflectedForeignKey, ReflectedIndex } from './reflected-schema.js'

/**
 * One fact of a table that athanor reads but does not carry.
 *
 * @example
 * { table: 'docs', schema: null, object: 'index ix_docs_body', fact: 'operator class gin_trgm_ops on element 1' }
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
 * formatNotCarried({ table: 'docs', schema: null, object: 'index ix_docs_body', fact: 'operator class gin_trgm_ops on element 1' }) // 'docs: index ix_docs_body: operator class gin_trgm_ops on element 1'
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
 * notCarriedOf(findTable(await reflect(conn), 'docs')!) // [{ table: 'docs', object: 'index ix_docs_body', fact: 'operator class gin_trgm_ops on element 1', … }]
 */
export function notCarriedOf(table: Table): NotCarriedFact[] {
  const out: NotCarriedFact[] = []
  const say = (object: string | undefined, fact: string) => out.push({ table: table.name, schema: table.schema, ...(object === undefined ? {} : { object }), fact })
  for (const index of table.indexes as readonly Partial<ReflectedIndex>[]) {
    const object = `index ${index.name}`
    index.opclasses?.forEach((opclass, i) => opclass && say(object, `operator class ${opclass} on element ${i + 1}`))
    if (index.include && index.include.length > 0) say(object, `INCLUDE (${index.include.join(', ')})`)
    if (index.comment) say(object, `comment ${JSON.stringify(index.comment)}`)
  }
  for (const constraint of table.constraints) {
    if (constraint.kind === 'foreignKey') {
      const fk = constraint as Partial<ReflectedForeignKey>
      if (fk.notValid) say(`foreign key ${fk.name}`, 'NOT VALID')
    } else if (constraint.kind === 'check' && (constraint as Partial<ReflectedCheck>).notValid) {
      say(`check ${constraint.name}`, 'NOT VALID')
    }
  }
  return out
}
