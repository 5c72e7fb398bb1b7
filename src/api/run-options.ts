/**
 * What a run of upgrade, downgrade, stamp, the other runtime commands and
 * lint takes from the API's caller and from the config: the one mapping
 * from a resolved config to the runtime's and the linter's options.
 */
import type { ResolvedConfig } from '../config/config-types.js'
import type { LintRunOptions } from '../lint/lint-run.js'
import type { RuntimeOptions, StepResult } from '../runtime/commands.js'

/** Options shared by upgrade, downgrade and stamp. */
export interface RunOptions {
  /** Emit the SQL instead of running it (offline mode); the result's `sql` holds it. */
  sql?: boolean
  /** Run against the live database and roll everything back (upgrade/downgrade; SQLite, PostgreSQL): the result says what would happen. */
  dryRun?: boolean
  /** `--tag`: free text passed to scripts through `op.context.tag`. */
  tag?: string
  /** Called as each step finishes. */
  onStep?: (step: StepResult) => void
  /** Called while waiting for another process's migration lock. */
  onLockWait?: (message: string) => void
}

/**
 * The runtime's options for one run: the config's database, version table,
 * locks and timeouts, and the caller's tag and callbacks.
 *
 * @example
 * await runUpgrade(script, 'head', { ...runtimeOptionsOf(athanor.config, { tag: 'v2' }), sql: false })
 */
export function runtimeOptionsOf(config: ResolvedConfig, options: RunOptions): RuntimeOptions {
  return {
    url: config.url,
    versionTable: config.versionTable,
    ...(config.versionTableSchema === undefined ? {} : { versionTableSchema: config.versionTableSchema }),
    transactionPerMigration: config.transactionPerMigration,
    xArgs: config.xArgs,
    lockTimeoutMs: config.lockTimeoutMs,
    ...(config.ddlLockTimeoutMs === undefined && config.statementTimeoutMs === undefined
      ? {}
      : { timeouts: { ddlLockTimeoutMs: config.ddlLockTimeoutMs, statementTimeoutMs: config.statementTimeoutMs } }),
    ...(config.stepTimeoutMs === undefined ? {} : { stepTimeoutMs: config.stepTimeoutMs }),
    ...(config.ddlLockRetries > 0 ? { lockRetries: { attempts: config.ddlLockRetries, delayMs: config.ddlLockRetryDelayMs } } : {}),
    ...(options.tag === undefined ? {} : { tag: options.tag }),
    ...(options.onStep === undefined ? {} : { onStep: options.onStep }),
    ...(options.onLockWait === undefined ? {} : { onLockWait: options.onLockWait }),
  }
}

/**
 * The linter's options from the config: the database it weighs tables on,
 * the version table that says what is applied, and the config's `lint` block.
 *
 * @example
 * await lintRevisions({ graph: script.graph, ...lintOptionsOf(athanor.config), all: true })
 */
export function lintOptionsOf(config: ResolvedConfig): Omit<LintRunOptions, 'graph' | 'range' | 'all'> {
  return {
    url: config.url,
    versionTable: config.versionTable,
    versionTableSchema: config.versionTableSchema,
    transactionPerMigration: config.transactionPerMigration,
    xArgs: config.xArgs,
    smallTableRows: config.lint.smallTableRows,
    allow: config.lint.allow,
    serverVersion: config.lint.serverVersion,
  }
}
