import type { DatabaseConnection } from './dialect.js'

/**
 * What one statement does, as far as recovering from a crash needs to know.
 * `data`: a statement that runs inside the transaction (it commits with
 * whatever the runner writes next to it, or not at all). `schema`: DDL that
 * commits by itself, with a catalog probe that tells whether it took effect.
 *
 * @example
 * const effect = conn.dialect.runtime.statementEffect?.('CREATE TABLE t (id INT)')
 * if (effect?.kind === 'schema') await effect.tookEffect(conn) // true once t exists
 */
export type StatementEffect =
  | { readonly kind: 'data' }
  | {
      readonly kind: 'schema'
      /** What the statement does, for messages: `creates table t`. */
      readonly description: string
      /** Reads the catalog: true when the statement's change is there. */
      tookEffect(conn: DatabaseConnection): Promise<boolean>
    }
