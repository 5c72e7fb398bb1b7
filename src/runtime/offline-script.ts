import type { Dialect, Row, SqlStatement, StatementSink } from '../dialect/dialect.js'
import type { StatementTimeouts } from '../dialect/runtime-support.js'
import { replacePlaceholders } from '../dialect/placeholder-scan.js'
import { UsageError } from '../errors.js'
import type { RunExecutor } from './run-executor.js'
import type { OfflineShadow } from './offline-shadow.js'

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
  readonly connection = undefined
  readonly dialect: Dialect
  readonly shadow: StatementSink | undefined
  readonly #chunks: string[] = []
  readonly #shadow: OfflineShadow | undefined
  #inTransaction = false
  #statementsInStep = 0
  #timeouts: StatementTimeouts | undefined

  /** `shadow`: a scratch database every statement also runs on (see `RuntimeSupport.openOfflineShadow`). */
  constructor(dialect: Dialect, shadow?: OfflineShadow) {
    this.dialect = dialect
    this.#shadow = shadow
    this.shadow = shadow?.sink
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
    await this.#shadow?.follow(sql)
  }

  async query(statement: SqlStatement): Promise<Row[]> {
    throw new UsageError(`op.query cannot run in offline (--sql) mode: "${statement.sql.slice(0, 80)}"`, {
      hint: 'nothing can be read back while writing a script; check op.context.offline and skip the query',
    })
  }

  async begin(): Promise<void> {
    this.#inTransaction = true
    await this.run({ sql: this.dialect.beginSql })
    if (this.#timeouts !== undefined) await this.#runAll(this.dialect.runtime.timeouts.set(this.#timeouts, 'transaction'))
  }

  async setTimeouts(timeouts: StatementTimeouts | undefined): Promise<void> {
    this.#timeouts = timeouts
    if (timeouts !== undefined && this.#inTransaction) await this.#runAll(this.dialect.runtime.timeouts.set(timeouts, 'transaction'))
  }

  async #runAll(statements: readonly SqlStatement[]): Promise<void> {
    for (const statement of statements) await this.run(statement)
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
    const timeouts = this.#timeouts
    try {
      if (timeouts !== undefined) await this.#runAll(this.dialect.runtime.timeouts.set(timeouts, 'session'))
      return await fn()
    } finally {
      if (timeouts !== undefined) await this.#runAll(this.dialect.runtime.timeouts.reset(timeouts))
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
