import type { DatabaseConnection, Dialect, Row, SqlStatement, StatementSink } from '../dialect/dialect.js'
import { replacePlaceholders } from '../dialect/placeholder-scan.js'
import { UsageError } from '../errors.js'
import type { RunExecutor } from './run-executor.js'

/**
 * The offline (`--sql`) sink: instead of running statements it writes them
 * into a SQL script, each ended by `;`, with `?` parameters inlined as
 * literals by the dialect so that a quote, backslash or newline in a value is
 * still read back exactly.
 *
 * @example
 * const script = new OfflineScript(postgresDialect)
 * await script.run({ sql: 'INSERT INTO t (a) VALUES (?)', params: ["it's"] })
 * script.text() // "INSERT INTO t (a) VALUES ('it''s');\n\n"
 */
export class OfflineScript implements RunExecutor {
  readonly offline = true
  readonly dialect: Dialect
  readonly shadow: StatementSink | undefined
  readonly #chunks: string[] = []
  readonly #shadow: DatabaseConnection | undefined
  #inTransaction = false
  #statementsInStep = 0

  /** `shadow`: a scratch database every statement also runs on (see `RuntimeSupport.openOfflineShadow`). */
  constructor(dialect: Dialect, shadow?: DatabaseConnection) {
    this.dialect = dialect
    this.#shadow = shadow
    this.shadow = shadow === undefined ? undefined : connectionSink(shadow)
    for (const sql of dialect.scriptPreamble) this.#chunks.push(`${sql};\n\n`)
  }

  get statementsInStep(): number {
    return this.#statementsInStep
  }

  startStep(): void {
    this.#statementsInStep = 0
  }

  /** The script written so far. */
  text(): string {
    return this.#chunks.join('')
  }

  note(text: string): void {
    this.#chunks.push(`-- ${text.replace(/\s*\n\s*/g, ' ')}\n\n`)
  }

  async run(statement: SqlStatement): Promise<void> {
    this.#statementsInStep += 1
    const sql = inlineParameters(this.dialect, statement).trimEnd()
    this.#chunks.push(sql.endsWith(';') ? `${sql}\n\n` : `${sql};\n\n`)
    // The shadow only has to follow the schema: a statement that fails there (data it lacks) is the script's, not its.
    await this.#shadow?.execute(sql).catch(() => undefined)
  }

  async query(statement: SqlStatement): Promise<Row[]> {
    throw new UsageError(`op.query cannot run in offline (--sql) mode: "${statement.sql.slice(0, 80)}"`, {
      hint: 'nothing can be read back while writing a script; check op.context.offline and skip the query',
    })
  }

  async begin(): Promise<void> {
    this.#inTransaction = true
    await this.run({ sql: this.dialect.beginSql })
  }

  async commit(): Promise<void> {
    if (!this.#inTransaction) return
    this.#inTransaction = false
    await this.run({ sql: this.dialect.commitSql })
  }

  async rollback(): Promise<void> {
    this.#inTransaction = false
  }

  async autocommit<T>(fn: () => Promise<T>): Promise<T> {
    const resume = this.#inTransaction
    await this.commit()
    try {
      return await fn()
    } finally {
      if (resume) await this.begin()
    }
  }
}

/**
 * Replaces each `?` placeholder of a statement by its parameter rendered as a
 * literal of the dialect.
 *
 * @example
 * inlineParameters(sqliteDialect, { sql: 'SELECT ?', params: [null] }) // 'SELECT NULL'
 */
export function inlineParameters(dialect: Dialect, statement: SqlStatement): string {
  const params = statement.params ?? []
  if (params.length === 0) return statement.sql
  const syntax = dialect.runtime.placeholderSyntax
  let used = 0
  const sql = replacePlaceholders(statement.sql, syntax, (i) => {
    if (i >= params.length) throw placeholderMismatch(statement)
    used = i + 1
    return dialect.renderLiteral(params[i])
  })
  if (used !== params.length) throw placeholderMismatch(statement)
  return sql
}

function placeholderMismatch(statement: SqlStatement): UsageError {
  return new UsageError(
    `statement has a different number of ? placeholders than parameters (${statement.params?.length ?? 0}): "${statement.sql.slice(0, 80)}"`,
  )
}

function connectionSink(conn: DatabaseConnection): StatementSink {
  return {
    offline: false,
    run: async (statement) => void (await conn.execute(statement.sql, statement.params)),
    query: (statement) => conn.query(statement.sql, statement.params),
  }
}
