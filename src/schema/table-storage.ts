/**
 * How a table is stored, beyond its columns: PostgreSQL's `UNLOGGED`, its
 * storage parameters (`WITH (fillfactor=50)`), and declarative partitioning —
 * a partitioned table's `PARTITION BY …` key and a partition's parent and
 * bound; MySQL/MariaDB's engine, default character set and collation, and
 * AUTO_INCREMENT start. A table that states none of them has the empty storage `{}`, which
 * is every database's default; databases without these facts never see them
 * (only PostgreSQL's reflector reads them back).
 */

/** A partition's place: the partitioned table it belongs to and its bound. */
export interface PartitionOf {
  readonly table: string
  readonly schema: string | null
  /** The bound as PostgreSQL prints it: `DEFAULT`, `FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')`, `FOR VALUES IN (1, 2)`. */
  readonly bound: string
}

/**
 * The storage facts of a table; each is absent when it is the default.
 *
 * @example
 * const storage: TableStorage = { unlogged: true, parameters: { fillfactor: '50' } }
 */
export interface TableStorage {
  /** `CREATE UNLOGGED TABLE`: not written to the WAL, emptied after a crash. */
  readonly unlogged?: boolean
  /** Storage parameters (`WITH (fillfactor=50, autovacuum_enabled=false)`), values as text. */
  readonly parameters?: Readonly<Record<string, string>>
  /** A partitioned table's key as PostgreSQL prints it: `RANGE (created_at)`, `LIST (region)`, `HASH (id)`. */
  readonly partitionBy?: string
  /** Set on a partition: its columns come from the parent, so they are neither written nor compared. */
  readonly partitionOf?: PartitionOf
  /** MySQL/MariaDB `ENGINE=InnoDB`. */
  readonly engine?: string
  /** MySQL/MariaDB `DEFAULT CHARSET=utf8mb4`: the text columns' default character set (implied by `collation`). */
  readonly charset?: string
  /** MySQL/MariaDB `COLLATE=utf8mb4_unicode_ci`: the text columns' default collation. */
  readonly collation?: string
  /** MySQL/MariaDB `AUTO_INCREMENT=1000` when the table is created: a counter the rows move on, so never compared. */
  readonly autoincrementStart?: number
}

/**
 * The storage with its defaults left out and frozen, so a table that says
 * nothing and one that states the defaults hold the same value.
 *
 * @example
 * tableStorage({ unlogged: false, parameters: {} }) // {}
 */
export function tableStorage(storage: TableStorage | null | undefined): TableStorage {
  if (!storage) return EMPTY
  const parameters = storage.parameters && Object.keys(storage.parameters).length > 0 ? Object.freeze({ ...storage.parameters }) : undefined
  const out: TableStorage = {
    ...(storage.unlogged ? { unlogged: true } : {}),
    ...(parameters ? { parameters } : {}),
    ...(storage.partitionBy ? { partitionBy: storage.partitionBy } : {}),
    ...(storage.partitionOf ? { partitionOf: Object.freeze({ ...storage.partitionOf }) } : {}),
    ...(storage.engine ? { engine: storage.engine } : {}),
    ...(storage.charset ? { charset: storage.charset } : {}),
    ...(storage.collation ? { collation: storage.collation } : {}),
    ...(storage.autoincrementStart ? { autoincrementStart: storage.autoincrementStart } : {}),
  }
  return Object.keys(out).length === 0 ? EMPTY : Object.freeze(out)
}

const EMPTY: TableStorage = Object.freeze({})

/**
 * A partition key or bound as comparable text: blanks collapsed, identifier
 * quotes dropped, the strategy keyword upper-cased (`range ("at")` is `RANGE (at)`).
 *
 * @example
 * partitionText('range ("timestamp")') // 'RANGE (timestamp)'
 */
export function partitionText(text: string): string {
  return text
    .replace(/"([^"]*)"/g, '$1')
    .replace(/\s+/g, ' ')
    .replace(/^\s*([A-Za-z]+)/, (word) => word.toUpperCase())
    .trim()
}
