/**
 * `athanor lint`: reads the ops of revisions (never their SQL text), asks the
 * dialect's rules and the shared ones what would lock or rewrite a busy
 * table, then weighs each finding by the table's size from the catalog
 * statistics (when the database can be reached) and applies what the
 * revisions and the config allow.
 */
import type { LintAllowEntry } from '../config/config-types.js'
import { runWithXArgs } from '../config/x-args.js'
import { openConnection } from '../dialect/connect.js'
import type { TableName } from '../dialect/ddl-compiler.js'
import type { DatabaseConnection, Dialect } from '../dialect/dialect.js'
import { sizeKey, type LintRuleSet, type LintTarget, type RuleFinding, type TableSize } from '../dialect/lint-rules.js'
import { loadDialect } from '../dialect/registry.js'
import { AthanorError, DatabaseError, UsageError } from '../errors.js'
import type { LintAllowance } from '../operations/lint-allowance.js'
import { loadRevisionModule } from '../runtime/revision-module.js'
import { planUpgrade } from '../runtime/planning.js'
import { VersionTable } from '../runtime/version-table.js'
import type { RevisionGraph } from '../script/graph.js'
import type { Revision } from '../script/revision.js'
import { OpRecorder } from './op-recorder.js'
import { newWalk, readOp, SHARED_RULES, type ReadOp } from './lint-subjects.js'

/** How bad a finding is: `error` fails `lint` (exit 1), `note` is a finding on a small table. */
export type LintLevel = 'error' | 'warning' | 'note'

/** One finding: which rule, where, why it hurts, what to do instead. */
export interface LintFinding {
  readonly rule: string
  readonly level: LintLevel
  /** The rule's own level, before the table's size lowered it. */
  readonly ruleLevel: 'error' | 'warning'
  readonly revision: string
  readonly revisionMessage: string
  /** The op: `create_index ix_a on account`. */
  readonly op: string
  /** The table whose size weighs the finding (`name` or `schema.name`); null when none does. */
  readonly table: string | null
  readonly why: string
  readonly safe: string
  /** The table's size from the catalog statistics; null when the database was not reached or has no such table yet. */
  readonly size: TableSize | null
  /** Set when an op's `lint.allow` or the config's `lint.allow` silenced it. */
  readonly silenced: { readonly by: 'op' | 'config'; readonly reason: string } | null
}

/** What `lint` found. */
export interface LintResult {
  /** The revisions read, oldest first. */
  readonly revisions: readonly string[]
  readonly database: { readonly dialect: string; readonly reachable: boolean; readonly product: string | null; readonly version: string | null }
  /** The findings not silenced, in revision order. */
  readonly findings: readonly LintFinding[]
  /** The findings an allowance silenced, with its reason. */
  readonly silenced: readonly LintFinding[]
  /** Count of error-level findings: `lint` exits 1 when it is not 0. */
  readonly errors: number
  /** What the reader should know about how lint ran (an unreachable database, an assumed version). */
  readonly notes: readonly string[]
}

/** What a lint run needs. */
export interface LintRunOptions {
  readonly graph: RevisionGraph
  readonly url: string
  readonly versionTable: string
  readonly versionTableSchema?: string | undefined
  readonly transactionPerMigration: boolean
  readonly xArgs: Readonly<Record<string, string>>
  readonly smallTableRows: number
  readonly allow: readonly LintAllowEntry[]
  /** `A:B` (as `history -r`) or one target; default: the revisions not yet applied. */
  readonly range?: string | undefined
  /** Every revision, base to heads. */
  readonly all?: boolean | undefined
  /** The version to assume when the database cannot be reached (`'11'`, `'10.6'`). */
  readonly serverVersion?: string | undefined
}

interface Pending {
  readonly finding: RuleFinding
  readonly revision: Revision
  readonly op: string
  readonly allowance: LintAllowance | undefined
}

/**
 * Lints the revisions `options` names.
 *
 * @example
 * const { findings, errors } = await lintRevisions({ graph, url: 'postgres://…', … })
 */
export async function lintRevisions(options: LintRunOptions): Promise<LintResult> {
  const dialect = await loadDialect(options.url)
  const notes: string[] = []
  const conn = await tryConnect(options.url, notes)
  try {
    const revisions = await chooseRevisions(options, conn, notes)
    const rules = await dialect.lint.load()
    const target = await describeTarget(rules, conn, options.serverVersion, notes)
    const pending = await readRevisions(dialect, rules, target, revisions, options)
    const sizes = conn === null ? null : await rules.tableSizes(conn, uniqueTables(pending))
    const weighed = pending.map((p) => weigh(p, sizes, options))
    const findings = weighed.filter((f) => f.silenced === null)
    return {
      revisions: revisions.map((r) => r.id),
      database: {
        dialect: dialect.name,
        reachable: conn !== null,
        product: target.product,
        version: target.version === null ? null : target.version.join('.'),
      },
      findings,
      silenced: weighed.filter((f) => f.silenced !== null),
      errors: findings.filter((f) => f.level === 'error').length,
      notes,
    }
  } finally {
    await conn?.close()
  }
}

/** Every rule id lint knows for a dialect, with its summary: the shared ones and the dialect's. */
export async function lintRules(dialect: Dialect): Promise<Readonly<Record<string, string>>> {
  return { ...SHARED_RULES, ...(await dialect.lint.load()).rules }
}

async function tryConnect(url: string, notes: string[]): Promise<DatabaseConnection | null> {
  try {
    return await openConnection(url)
  } catch (error) {
    if (!(error instanceof DatabaseError)) throw error
    notes.push(`the database could not be reached (${error.message}): no table sizes, so no finding is lowered to a note`)
    return null
  }
}

async function chooseRevisions(options: LintRunOptions, conn: DatabaseConnection | null, notes: string[]): Promise<Revision[]> {
  const { graph } = options
  if (options.all === true) return [...graph.all()]
  const current = conn === null ? null : await new VersionTable(conn.dialect, options.versionTable, options.versionTableSchema).read(conn)
  const range = options.range
  if (range !== undefined) {
    if (!range.includes(':')) return graph.resolve(range, current ?? [])
    const [from, to] = range.split(':', 2) as [string, string]
    if (current === null && /(^|:)current($|:)/.test(range)) throw new UsageError('"current" in a lint range needs the database, which could not be reached')
    return graph.range(from === '' ? undefined : from, to === '' ? undefined : to, current ?? []).reverse()
  }
  if (current === null) {
    notes.push('which revisions are applied is unknown: every revision was linted')
    return [...graph.all()]
  }
  return planUpgrade(graph, current, 'heads')
}

async function describeTarget(rules: LintRuleSet, conn: DatabaseConnection | null, assumed: string | undefined, notes: string[]): Promise<LintTarget> {
  if (conn !== null) return rules.describeTarget(conn)
  if (assumed === undefined) {
    notes.push('server version unknown: version-dependent rules assume a current release (set lint.serverVersion to say which)')
    return { version: null, product: null }
  }
  const match = /^(\d+)(?:\.(\d+))?/.exec(assumed)
  if (!match) throw new UsageError(`lint.serverVersion "${assumed}" is not a version`, { hint: "write e.g. '11' or '10.6'" })
  return { version: [Number(match[1]), Number(match[2] ?? 0)], product: null }
}

async function readRevisions(dialect: Dialect, rules: LintRuleSet, target: LintTarget, revisions: readonly Revision[], options: LintRunOptions): Promise<Pending[]> {
  const recorder = new OpRecorder(dialect, options.xArgs)
  const walk = newWalk(dialect.transactionalDdl)
  const pending: Pending[] = []
  for (const revision of revisions) {
    if (options.transactionPerMigration) recorder.nextTransaction()
    const start = recorder.recorded.length
    await runWithXArgs(options.xArgs, async () => {
      const module = await loadRevisionModule(revision)
      const op = recorder.operations('up', revision.id)
      try {
        await module.upgrade(op)
        await op.drain()
      } catch (error) {
        if (error instanceof AthanorError) throw error
        throw new UsageError(`lint could not read revision ${revision.id}: its upgrade() failed without a database: ${error instanceof Error ? error.message : String(error)}`, {
          hint: 'lint runs upgrade(op) with ops recorded, not run, and op.query returning no rows; check op.context.offline around code that needs real rows',
          cause: error,
        })
      }
    })
    walk.createdHere = new Set()
    const read: Array<{ read: ReadOp; allowance: LintAllowance | undefined; transaction: number; autocommit: boolean }> = []
    for (const entry of recorder.recorded.slice(start)) {
      const r = readOp(entry, walk)
      if (r !== null) read.push({ read: r, allowance: entry.allowance, transaction: entry.transaction, autocommit: entry.autocommit })
    }
    for (const { read: r, allowance } of read) {
      const found = [...r.shared, ...r.subjects.flatMap((s) => rules.check(s, target))]
      for (const finding of found) pending.push({ finding, revision, op: r.description, allowance })
    }
    pending.push(...mixedDdlAndData(revision, read, dialect))
  }
  return pending
}

/** A data write in the same transaction as DDL on an existing table keeps the DDL's lock for as long as the write takes. */
function mixedDdlAndData(
  revision: Revision,
  read: ReadonlyArray<{ read: ReadOp; allowance: LintAllowance | undefined; transaction: number; autocommit: boolean }>,
  dialect: Dialect,
): Pending[] {
  if (!dialect.transactionalDdl) return []
  const out: Pending[] = []
  for (const data of read.filter((r) => r.read.writesData && !r.autocommit)) {
    const ddl = read.find((r) => r.read.ddlOn !== null && !r.autocommit && r.transaction === data.transaction)
    if (ddl === undefined || ddl.read.ddlOn === null) continue
    out.push({
      revision,
      op: data.read.description,
      allowance: data.allowance,
      finding: {
        rule: 'mixed-ddl-data',
        level: 'warning',
        table: ddl.read.ddlOn,
        why: `this data change runs in the transaction of "${ddl.read.description}", so the lock that DDL took on "${sizeKey(ddl.read.ddlOn)}" is held until every row is written`,
        safe: 'put the data change in its own revision (or in op.autocommitBlock), in batches, after the DDL revision has committed',
      },
    })
  }
  return out
}

function uniqueTables(pending: readonly Pending[]): TableName[] {
  const seen = new Map<string, TableName>()
  for (const { finding } of pending) if (finding.table !== null) seen.set(sizeKey(finding.table), finding.table)
  return [...seen.values()]
}

function weigh(p: Pending, sizes: Map<string, TableSize> | null, options: LintRunOptions): LintFinding {
  const { finding, revision } = p
  const table = finding.table === null ? null : sizeKey(finding.table)
  const size = table === null || sizes === null ? null : sizes.get(table) ?? null
  // Reached but not there yet: created by an earlier revision of this run, so empty when this one runs.
  const missing = table !== null && sizes !== null && size === null
  const small = missing || (size !== null && size.rows !== null && size.rows < options.smallTableRows)
  return {
    rule: finding.rule,
    level: small ? 'note' : finding.level,
    ruleLevel: finding.level,
    revision: revision.id,
    revisionMessage: revision.message,
    op: p.op,
    table,
    why: finding.why,
    safe: finding.safe,
    size,
    silenced: silencedBy(p, table, options.allow),
  }
}

function silencedBy(p: Pending, table: string | null, allow: readonly LintAllowEntry[]): LintFinding['silenced'] {
  const { finding, revision, allowance } = p
  if (allowance?.allow.includes(finding.rule)) return { by: 'op', reason: allowance.reason ?? 'no reason given' }
  const entry = allow.find(
    (a) =>
      a.rule === finding.rule &&
      (a.revision === undefined || revision.id.startsWith(a.revision)) &&
      (a.table === undefined || a.table === table || (finding.table !== null && a.table === finding.table.name)),
  )
  return entry === undefined ? null : { by: 'config', reason: entry.reason }
}
