/**
 * The shape of `athanor.config.ts` (DESIGN §1) and of the config once loaded.
 */

/** What `include.object` and `include.name` receive: enough to decide whether autogenerate looks at a thing. */
export interface IncludeObjectInfo {
  /** `table`, `column`, `index`, `unique_constraint`, `foreign_key_constraint`… as Alembic names them. */
  readonly type: string
  readonly name: string | null
  readonly schema?: string | null
  /** True when the object comes from the database, false when it comes from the models. */
  readonly reflected?: boolean
}

/**
 * The config a project writes. Every key is optional; `migrations` defaults to
 * `./migrations` and `url` to `sqlite:./app.db`.
 *
 * @example
 * export default defineConfig({ url: 'sqlite:./app.db', models: './src/models.ts' })
 */
export interface AthanorConfig {
  /** Database URL; `--url` overrides it. A relative SQLite/PGlite path is taken from the config file's folder. */
  url?: string
  /** Module whose exports hold the target schema (autogenerate and `check` only). */
  models?: string
  /**
   * Folder holding `script.ts.tmpl` and `versions/`. Default `./migrations`.
   * A list names further folders of revision files after the first (Alembic's
   * `version_locations`); every folder is read recursively.
   */
  migrations?: string | string[]
  /** Name of the table recording the current revisions. Default `athanor_version`. */
  versionTable?: string
  /** Schema of the version table (PostgreSQL); the connection's default when absent. */
  versionTableSchema?: string
  /** What autogenerate compares besides tables and columns. All default to true. */
  compare?: {
    types?: boolean
    serverDefaults?: boolean
    comments?: boolean
  }
  /** Which database objects autogenerate looks at. */
  include?: {
    schemas?: string[]
    name?: (name: string | null, info: { type: string; parentNames: Record<string, string | null> }) => boolean
    object?: (obj: IncludeObjectInfo) => boolean
  }
  /** One transaction per revision (true, default) or one for the whole run. */
  transactionPerMigration?: boolean
  /** Commands run on each new revision file, e.g. `['prettier --write']`; the path is appended. */
  postWrite?: string[]
  /** How long upgrade/downgrade/stamp wait for the migration lock. Default 60000 ms. */
  lockTimeoutMs?: number
  /**
   * How long one statement of a revision may wait for a lock on a table before
   * failing (PostgreSQL `lock_timeout`, MariaDB `lock_wait_timeout`, SQLite
   * `busy_timeout`), so a blocked migration fails fast instead of queueing
   * every query behind it. Distinct from `lockTimeoutMs`. A revision may
   * `export const ddlLockTimeoutMs = …` to set its own. Default: the database's.
   */
  ddlLockTimeoutMs?: number
  /** How long one statement of a revision may run (PostgreSQL `statement_timeout`, MariaDB `max_statement_time`); per revision as `ddlLockTimeoutMs`. */
  statementTimeoutMs?: number
  /** Times a revision that failed on a lock timeout is tried again (transactional-DDL databases). Default 0. */
  ddlLockRetries?: number
  /** Wait before the first retry, doubled for each next one. Default 1000 ms. */
  ddlLockRetryDelayMs?: number
  /** Settings of `athanor lint`. */
  lint?: LintConfig
}

/** One finding kind silenced for the whole project (`lint.allow`), with the reason lint prints. */
export interface LintAllowEntry {
  /** The rule id, as `athanor lint` prints it. */
  rule: string
  /** Why it is acceptable; printed with every finding it silences. */
  reason: string
  /** Only in this revision (id or unique prefix). */
  revision?: string
  /** Only on this table (`name` or `schema.name`). */
  table?: string
}

/** How `athanor lint` judges the project's revisions. */
export interface LintConfig {
  /** Tables with fewer rows than this (catalog statistics) have their findings lowered to notes. Default 10000. */
  smallTableRows?: number
  /** The server version to assume when the database cannot be reached, e.g. `'11'` or `'10.6'`. */
  serverVersion?: string
  /** Findings silenced for the whole project. */
  allow?: LintAllowEntry[]
}

/** Where the effective URL came from, for messages. */
export type UrlSource = 'flag' | 'config' | 'default'

/**
 * A config after loading: every default filled in, every path absolute.
 */
export interface ResolvedConfig {
  /** Absolute path of the config file, or undefined when none was found (defaults used). */
  readonly configPath: string | undefined
  /** Folder relative paths were resolved against: the config file's folder, else the working directory. */
  readonly rootDir: string
  readonly url: string
  readonly urlSource: UrlSource
  /** Absolute path of the models module, when configured. */
  readonly models: string | undefined
  /** Absolute path of the migrations folder (the first of a list). */
  readonly migrations: string
  /** Absolute paths of the further folders of revision files a `migrations` list names. */
  readonly extraVersionLocations: readonly string[]
  readonly versionTable: string
  readonly versionTableSchema: string | undefined
  readonly compare: { readonly types: boolean; readonly serverDefaults: boolean; readonly comments: boolean }
  readonly include: NonNullable<AthanorConfig['include']>
  readonly transactionPerMigration: boolean
  readonly postWrite: readonly string[]
  readonly lockTimeoutMs: number
  readonly ddlLockTimeoutMs: number | undefined
  readonly statementTimeoutMs: number | undefined
  readonly ddlLockRetries: number
  readonly ddlLockRetryDelayMs: number
  readonly lint: { readonly smallTableRows: number; readonly serverVersion: string | undefined; readonly allow: readonly LintAllowEntry[] }
  /** The `-x key=value` arguments of this run. */
  readonly xArgs: Readonly<Record<string, string>>
}

/**
 * Types a config object; returns it unchanged.
 *
 * @example
 * import { defineConfig } from 'athanor'
 * export default defineConfig({ url: process.env.DATABASE_URL ?? 'sqlite:./app.db' })
 */
export function defineConfig(config: AthanorConfig): AthanorConfig {
  return config
}

/** Defaults DESIGN §1 gives. */
export const CONFIG_DEFAULTS = {
  migrations: './migrations',
  versionTable: 'athanor_version',
  transactionPerMigration: true,
  lockTimeoutMs: 60_000,
  smallTableRows: 10_000,
  ddlLockRetries: 0,
  ddlLockRetryDelayMs: 1000,
} as const
