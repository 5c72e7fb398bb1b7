/**
 * `Athanor`: the programmatic API. Every CLI command is a thin shell over one
 * of its methods, which return data and never print.
 */
import { existsSync } from 'node:fs'
import { ConfigError, UsageError } from './errors.js'
import type { AthanorConfig, ResolvedConfig } from './config/config-types.js'
import { isResolvedConfig, loadConfig, resolveConfig, type LoadConfigOptions } from './config/load-config.js'
import { validateConfig } from './config/config-validation.js'
import { setXArgs } from './config/x-args.js'
import { runPostWrite } from './config/post-write.js'
import type { Revision } from './script/revision.js'
import type { Operations } from './operations/operations.js'
import { ScriptDirectory } from './script/script-directory.js'
import type { RunResult, RuntimeOptions, StepResult } from './runtime/commands.js'
import { planNewRevision, planMerge, type NewRevisionOptions, type MergeOptions } from './api/revision-planning.js'
import { describeRevision, resolveHeads, type RevisionDetails } from './api/revision-details.js'

export type { NewRevisionOptions, MergeOptions } from './api/revision-planning.js'
export type { RevisionDetails } from './api/revision-details.js'
export type { RunResult, StepResult } from './runtime/commands.js'

/** Options of `new Athanor(…)`: a config object plus where relative paths start. */
export interface AthanorOptions extends AthanorConfig {
  /** Folder relative paths are resolved against; default `process.cwd()`. */
  cwd?: string
  /** `-x key=value` arguments for this run (read by scripts through `xArg`). */
  xArgs?: Readonly<Record<string, string>>
}

/** One entry of {@link Athanor.history}: a revision and where it sits. */
export interface HistoryEntry extends RevisionDetails {
  /** True when the database's version table names this revision (only with `indicateCurrent`). */
  readonly isCurrent: boolean
}

/** Options shared by upgrade, downgrade and stamp. */
export interface RunOptions {
  /** Emit the SQL instead of running it (offline mode); the result's `sql` holds it. */
  sql?: boolean
  /** `--tag`: free text passed to scripts through `op.context.tag`. */
  tag?: string
  /** Called as each step finishes. */
  onStep?: (step: StepResult) => void
  /** Called while waiting for another process's migration lock. */
  onLockWait?: (message: string) => void
}

/**
 * The athanor API: graph queries, new revisions, and runs against the
 * database, returning data.
 *
 * `Athanor.fromConfig()` loads the script directory before it returns, so
 * `athanor.script` is ready; after `new Athanor(…)` call `await
 * athanor.loadScript()` first, or just call any async method (each loads it).
 *
 * @example
 * const athanor = await Athanor.fromConfig()
 * await athanor.revision('create users')
 * const { steps, current } = await athanor.upgrade('head')
 * await athanor.close()
 */
export class Athanor {
  /** The effective config: defaults filled in, paths absolute. */
  readonly config: ResolvedConfig
  #script: ScriptDirectory | undefined

  /**
   * Makes an API object from a config object (or a config `loadConfig` returned).
   *
   * @example
   * const athanor = new Athanor({ url: 'sqlite::memory:', migrations: './migrations' })
   */
  constructor(options: AthanorOptions | ResolvedConfig = {}) {
    if (isResolvedConfig(options)) {
      this.config = options
    } else {
      const { cwd, xArgs, ...config } = options
      const root = cwd ?? process.cwd()
      this.config = resolveConfig(validateConfig(config, 'Athanor options'), {
        configPath: undefined,
        rootDir: root,
        cwd: root,
        xArgs: xArgs ?? {},
      })
      setXArgs(this.config.xArgs)
    }
  }

  /**
   * Loads `athanor.config.ts` (see `loadConfig`) and the script directory.
   *
   * @example
   * const athanor = await Athanor.fromConfig({ url: 'sqlite:./test.db' })
   */
  static async fromConfig(options: LoadConfigOptions = {}): Promise<Athanor> {
    const athanor = new Athanor(await loadConfig(options))
    await athanor.loadScript()
    return athanor
  }

  /** The migrations folder read as a revision graph. Throws until {@link loadScript} has run. */
  get script(): ScriptDirectory {
    if (this.#script === undefined) {
      throw new UsageError('the script directory is not loaded yet', {
        hint: 'await athanor.loadScript() first, or create the object with Athanor.fromConfig()',
      })
    }
    return this.#script
  }

  /** Reads (or re-reads) the migrations folder's revision headers. */
  async loadScript(): Promise<ScriptDirectory> {
    const dir = this.config.migrations
    if (!existsSync(dir)) {
      throw new ConfigError(`migrations folder not found: ${dir}`, {
        hint: this.config.configPath === undefined
          ? 'run `athanor init` to create a project, or pass -c with your config file'
          : 'create it with `athanor init`, or fix `migrations` in the config',
      })
    }
    this.#script = await ScriptDirectory.load(dir)
    return this.#script
  }

  async #loaded(): Promise<ScriptDirectory> {
    return this.#script ?? (await this.loadScript())
  }

  /**
   * Writes a new revision file following the single head (or `head`), and
   * runs the config's `postWrite` commands on it.
   *
   * @example
   * await athanor.revision('add email', { head: 'accounts@head' })
   */
  async revision(message: string, options: NewRevisionOptions = {}): Promise<Revision> {
    if (options.autogenerate === true) {
      throw new UsageError('--autogenerate needs autogenerate, which is not built yet', {
        hint: 'write the revision by hand: drop --autogenerate',
      })
    }
    const script = await this.#loaded()
    const written = await script.writeRevision(planNewRevision(script.graph, message, options))
    // writeRevision has already added the revision to script.graph, so later calls see it.
    await runPostWrite(this.config.postWrite, written.path, this.config.rootDir)
    return written
  }

  /**
   * Writes a merge revision whose parents are `revisions` (default: every head).
   *
   * @example
   * await athanor.merge([], 'merge heads')
   */
  async merge(revisions: readonly string[], message: string, options: MergeOptions = {}): Promise<Revision> {
    const script = await this.#loaded()
    const written = await script.writeRevision(planMerge(script.graph, revisions, message, options))
    // writeRevision has already added the revision to script.graph, so later calls see it.
    await runPostWrite(this.config.postWrite, written.path, this.config.rootDir)
    return written
  }

  /**
   * The head revisions. With `resolveDependencies`, a head another revision
   * depends on is not counted (Alembic's `heads --resolve-dependencies`).
   */
  async heads(options: { resolveDependencies?: boolean } = {}): Promise<RevisionDetails[]> {
    const script = await this.#loaded()
    return resolveHeads(script.graph, options.resolveDependencies === true).map((r) => describeRevision(script.graph, r))
  }

  /** The branch points, newest first; each lists the revisions it branches into in `children`. */
  async branches(): Promise<RevisionDetails[]> {
    const { graph } = await this.#loaded()
    return graph
      .all()
      .filter((r) => graph.isBranchPoint(r.id))
      .reverse()
      .map((r) => describeRevision(graph, r))
  }

  /**
   * The revisions, newest first. `range` is `A:B` as in Alembic (either side
   * may be empty; `current` needs the database). `indicateCurrent` reads the
   * database to fill `isCurrent`.
   *
   * @example
   * await athanor.history({ range: 'base:head', indicateCurrent: true })
   */
  async history(options: { range?: string; indicateCurrent?: boolean } = {}): Promise<HistoryEntry[]> {
    const script = await this.#loaded()
    const range = options.range
    const needsCurrent = options.indicateCurrent === true || (range !== undefined && /(^|:)current($|:)/.test(range))
    const current = needsCurrent ? await this.current() : []
    let revisions: readonly Revision[]
    if (range === undefined) {
      revisions = [...script.graph.all()].reverse()
    } else {
      if (!range.includes(':')) {
        throw new UsageError(`history range "${range}" needs a colon`, { hint: 'write -r A:B, A: or :B (e.g. -r base:head)' })
      }
      const [from, to] = range.split(':', 2) as [string, string]
      revisions = script.graph.range(from === '' ? undefined : from, to === '' ? undefined : to, current)
    }
    const currentSet = new Set(options.indicateCurrent === true ? current : [])
    return revisions.map((r) => ({ ...describeRevision(script.graph, r), isCurrent: currentSet.has(r.id) }))
  }

  /**
   * The revisions a target names (`head`, a prefix, `label@head`, `heads`…),
   * with their place in the graph.
   */
  async show(target: string): Promise<RevisionDetails[]> {
    const { graph } = await this.#loaded()
    const revisions = graph.resolve(target)
    if (revisions.length === 0) throw new UsageError(`"${target}" names no revision`, { hint: 'the graph is empty or the target is base' })
    return revisions.map((r) => describeRevision(graph, r))
  }

  /** Upgrades the database to `target` (default `head`). */
  async upgrade(target = 'head', options: RunOptions = {}): Promise<RunResult> {
    const [script, runtime] = await Promise.all([this.#loaded(), importRuntime()])
    return runtime.runUpgrade(script, target, { ...this.#runtimeOptions(options), sql: options.sql === true })
  }

  /** Downgrades the database to `target` (default `-1`: one step down). */
  async downgrade(target = '-1', options: RunOptions = {}): Promise<RunResult> {
    const [script, runtime] = await Promise.all([this.#loaded(), importRuntime()])
    return runtime.runDowngrade(script, target, { ...this.#runtimeOptions(options), sql: options.sql === true })
  }

  /** Writes `revisions` into the version table without running any script. */
  async stamp(revisions: readonly string[], options: RunOptions & { purge?: boolean } = {}): Promise<RunResult> {
    if (revisions.length === 0) throw new UsageError('stamp needs at least one revision', { hint: 'e.g. athanor stamp head' })
    const [script, runtime] = await Promise.all([this.#loaded(), importRuntime()])
    return runtime.runStamp(script, revisions, {
      ...this.#runtimeOptions(options),
      purge: options.purge === true,
      sql: options.sql === true,
    })
  }

  /** The revision ids the database's version table holds (empty at base). */
  async current(): Promise<string[]> {
    const [script, runtime] = await Promise.all([this.#loaded(), importRuntime()])
    return runtime.readCurrent(script, this.#runtimeOptions({}))
  }

  /**
   * Runs `fn` with an `op` object on the database, in one transaction that
   * commits when `fn` (and every op it started) has finished and rolls back
   * when anything fails. Outside any revision: the version table is not
   * touched and no migration lock is taken — for seeding, scripts and tests.
   *
   * @example
   * await athanor.withOperations(async (op) => op.dropColumn('account', 'legacy'))
   */
  async withOperations<T>(fn: (op: Operations) => Promise<T>): Promise<T> {
    const [{ openConnection }, { Operations }, { ConnectionExecutor }] = await Promise.all([
      import('./dialect/connect.js'),
      import('./operations/operations.js'),
      import('./api/connection-executor.js'),
    ])
    const conn = await openConnection(this.config.url)
    try {
      const op = new Operations(new ConnectionExecutor(conn), {
        dialect: conn.dialect.name,
        xArgs: this.config.xArgs,
        tag: undefined,
        offline: false,
        revision: undefined,
        direction: undefined,
      })
      await conn.begin()
      try {
        const result = await fn(op)
        await op.drain()
        await conn.commit()
        return result
      } catch (error) {
        await conn.rollback().catch(() => undefined)
        throw error
      }
    } finally {
      await conn.close()
    }
  }

  /** Releases what this object holds. Connections are opened per call, so this is cheap; call it anyway. */
  async close(): Promise<void> {
    this.#script = undefined
  }

  #runtimeOptions(options: RunOptions): RuntimeOptions {
    const config = this.config
    return {
      url: config.url,
      versionTable: config.versionTable,
      ...(config.versionTableSchema === undefined ? {} : { versionTableSchema: config.versionTableSchema }),
      transactionPerMigration: config.transactionPerMigration,
      xArgs: config.xArgs,
      lockTimeoutMs: config.lockTimeoutMs,
      ...(options.tag === undefined ? {} : { tag: options.tag }),
      ...(options.onStep === undefined ? {} : { onStep: options.onStep }),
      ...(options.onLockWait === undefined ? {} : { onLockWait: options.onLockWait }),
    }
  }
}

// The runtime pulls in drivers and the op machinery; graph-only commands never load it.
function importRuntime(): Promise<typeof import('./runtime/commands.js')> {
  return import('./runtime/commands.js')
}
