import type { DatabaseConnection, StatementSink } from '../dialect/dialect.js'

/**
 * The scratch database an offline script's statements also run on (see
 * `RuntimeSupport.openOfflineShadow`), opened only when something reads
 * from it: until then its statements are kept, and replayed in order on
 * opening. A `--sql` run that never needs a table's shape (no SQLite batch
 * op) so never loads a database driver.
 *
 * @example
 * const shadow = new OfflineShadow(() => sqliteDialect.runtime.openOfflineShadow!(undefined))
 * await shadow.follow('CREATE TABLE t (id INTEGER)')
 * await shadow.sink.query({ sql: 'SELECT name FROM sqlite_master' }) // opens it, runs the CREATE, then the query
 * await shadow.close()
 */
export class OfflineShadow {
  /** The shadow as a statement sink: running or querying through it opens the database. */
  readonly sink: StatementSink
  readonly #open: () => Promise<DatabaseConnection>
  #connection: Promise<DatabaseConnection> | undefined
  #pending: string[] = []

  constructor(open: () => Promise<DatabaseConnection>) {
    this.#open = open
    this.sink = {
      offline: false,
      run: async (statement) => void (await (await this.#opened()).execute(statement.sql, statement.params)),
      query: async (statement) => (await this.#opened()).query(statement.sql, statement.params),
    }
  }

  /** Runs a statement of the script on the shadow (or keeps it for when it opens); one that fails there is the script's, not the shadow's. */
  async follow(sql: string): Promise<void> {
    if (this.#connection === undefined) {
      this.#pending.push(sql)
      return
    }
    await (await this.#connection).execute(sql).catch(() => undefined)
  }

  /** Closes the shadow if it was opened. */
  async close(): Promise<void> {
    await (await this.#connection)?.close()
  }

  #opened(): Promise<DatabaseConnection> {
    this.#connection ??= this.#open().then(async (connection) => {
      // The shadow only has to follow the schema: a statement that fails there (data it lacks) is the script's.
      for (const sql of this.#pending) await connection.execute(sql).catch(() => undefined)
      this.#pending = []
      return connection
    })
    return this.#connection
  }
}
