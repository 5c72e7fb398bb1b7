/**
 * Errors athanor raises on purpose. Each carries a stable `code` (one of
 * {@link ErrorCode}), an optional `hint` the CLI prints on its own line, the
 * process exit code the CLI uses, and, where the error is about particular
 * things (the heads of an ambiguous `head`, the steps a failed run did), those
 * things as fields.
 *
 * @example
 * throw new UsageError('unknown target "hed"', { hint: 'did you mean "head"?' })
 */

/**
 * Every code an athanor error carries, by name. docs/cli.md lists them with
 * their exit codes ({@link EXIT_CODES}).
 *
 * @example
 * if (error instanceof AthanorError && error.code === ErrorCode.NotAtHead) await athanor.upgrade('head')
 */
export const ErrorCode = Object.freeze({
  /** Bad command-line usage or input. */
  Usage: 'E_USAGE',
  /** `head` (or a new revision's parent) is ambiguous: there are several heads. */
  MultipleHeads: 'E_MULTIPLE_HEADS',
  /** A target names several revisions where one is needed. */
  AmbiguousTarget: 'E_AMBIGUOUS_TARGET',
  /** The config file is missing, fails to load, or holds an invalid value. */
  Config: 'E_CONFIG',
  /** A revision file or the revision graph is invalid. */
  Revision: 'E_REVISION',
  /** The version table names a revision no revision file defines. */
  UnknownVersionRow: 'E_UNKNOWN_VERSION_ROW',
  /** The version table cannot be right: a row below another row, or not athanor's columns. */
  VersionTableInconsistent: 'E_VERSION_TABLE_INCONSISTENT',
  /** A database operation failed. */
  Database: 'E_DATABASE',
  /** A revision failed during upgrade or downgrade; the error lists what did run. */
  MigrationFailed: 'E_MIGRATION_FAILED',
  /** A killed run left a revision half done and the next run cannot settle it alone (`athanor resume`). */
  RevisionInterrupted: 'E_REVISION_INTERRUPTED',
  /** Autogenerate or `check` on a database that is not at the head(s). */
  NotAtHead: 'E_NOT_AT_HEAD',
  /** An application requires an up-to-date database (`onStart: 'require-up-to-date'`) and it is behind or ahead. */
  NotUpToDate: 'E_NOT_UP_TO_DATE',
  /** `check` found differences between the models and the database. */
  ModelsDiffer: 'E_CHECK_DIFFERS',
  /** `check --strict` found facts of the database the models cannot carry (`not carried: …`). */
  NotCarried: 'E_NOT_CARRIED',
  /** `lint` found an error-level finding on the revisions it read. */
  LintFailed: 'E_LINT',
  /** `check --verify`, `--linear` or `--conflicts` found a problem (a changed applied file, several heads, overlapping branches). */
  CheckFailed: 'E_CHECK_FAILED',
  /** A `postWrite` command failed on a new revision file. */
  PostWrite: 'E_POST_WRITE',
  /** The editor `athanor edit` started failed. */
  Editor: 'E_EDITOR',
  /** Anything athanor did not raise on purpose, as the CLI reports it. */
  Unexpected: 'E_UNEXPECTED',
} as const)

/** One of the {@link ErrorCode} values. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]

/**
 * The exit code the CLI ends with for each error code: 2 for input, config
 * and usage errors, 1 for an operation that failed.
 *
 * @example
 * EXIT_CODES[ErrorCode.MigrationFailed] // 1
 */
export const EXIT_CODES: Readonly<Record<ErrorCode, 1 | 2>> = Object.freeze({
  [ErrorCode.Usage]: 2,
  [ErrorCode.MultipleHeads]: 2,
  [ErrorCode.AmbiguousTarget]: 2,
  [ErrorCode.Config]: 2,
  [ErrorCode.Revision]: 2,
  [ErrorCode.UnknownVersionRow]: 2,
  [ErrorCode.VersionTableInconsistent]: 2,
  [ErrorCode.Database]: 1,
  [ErrorCode.MigrationFailed]: 1,
  [ErrorCode.RevisionInterrupted]: 1,
  [ErrorCode.NotAtHead]: 1,
  [ErrorCode.NotUpToDate]: 1,
  [ErrorCode.ModelsDiffer]: 1,
  [ErrorCode.NotCarried]: 1,
  [ErrorCode.LintFailed]: 1,
  [ErrorCode.CheckFailed]: 1,
  [ErrorCode.PostWrite]: 1,
  [ErrorCode.Editor]: 1,
  [ErrorCode.Unexpected]: 1,
})

/**
 * The base of every athanor error.
 *
 * @example
 * throw new AthanorError('editor "vim" failed', { code: ErrorCode.Editor })
 */
export class AthanorError extends Error {
  /** Stable machine-readable code, one of {@link ErrorCode}. */
  readonly code: ErrorCode
  /** One line of advice for the user, printed as `hint: …`. */
  readonly hint: string | undefined
  /** Exit code the CLI ends with: 2 for input/config/usage, 1 for a failed operation (see {@link EXIT_CODES}). */
  readonly exitCode: 1 | 2

  constructor(message: string, options: { code: ErrorCode; hint?: string | undefined; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.code = options.code
    this.hint = options.hint
    this.exitCode = EXIT_CODES[options.code]
  }

  /**
   * The data this error is about, beyond code, message and hint (`--json`
   * prints it next to them). Empty unless a subclass carries some.
   *
   * @example
   * new MultipleHeadsError('head', ['a1', 'b1'], '…').data // { target: 'head', heads: ['a1', 'b1'] }
   */
  get data(): Readonly<Record<string, unknown>> {
    return {}
  }
}

/** Options every specific error class takes. */
export interface ErrorOptions {
  hint?: string | undefined
  cause?: unknown
}

/** Bad command-line usage or an unresolvable target. Exit code 2. */
export class UsageError extends AthanorError {
  constructor(message: string, options: ErrorOptions & { code?: ErrorCode } = {}) {
    super(message, { ...options, code: options.code ?? ErrorCode.Usage })
  }
}

/**
 * `head` where there are several heads, or a new revision with no parent
 * named while there are several. Carries the heads.
 *
 * @example
 * error.heads // ['a1a1a1a1a1a1', 'b2b2b2b2b2b2']
 */
export class MultipleHeadsError extends UsageError {
  /** The target as written (`head`, `billing@head`), or undefined for a new revision's parent. */
  readonly target: string | undefined
  /** The head ids, in graph order. */
  readonly heads: readonly string[]

  constructor(target: string | undefined, heads: readonly string[], message: string, options: ErrorOptions = {}) {
    super(message, { ...options, code: ErrorCode.MultipleHeads })
    this.target = target
    this.heads = Object.freeze([...heads])
  }

  override get data(): Readonly<Record<string, unknown>> {
    return { target: this.target ?? null, heads: this.heads }
  }
}

/**
 * A target (a prefix, a relative step, `heads`) that names several revisions
 * where one is needed. Carries the candidates.
 *
 * @example
 * error.candidates // ['ae1027a6acf1', 'ae10f2c3d4e5']
 */
export class AmbiguousTargetError extends UsageError {
  /** The target as written. */
  readonly target: string
  /** The revision ids it could mean. */
  readonly candidates: readonly string[]

  constructor(target: string, candidates: readonly string[], message: string, options: ErrorOptions = {}) {
    super(message, { ...options, code: ErrorCode.AmbiguousTarget })
    this.target = target
    this.candidates = Object.freeze([...candidates])
  }

  override get data(): Readonly<Record<string, unknown>> {
    return { target: this.target, candidates: this.candidates }
  }
}

/** The config file is missing, fails to load, or holds an invalid value. Exit code 2. */
export class ConfigError extends AthanorError {
  constructor(message: string, options: ErrorOptions = {}) {
    super(message, { ...options, code: ErrorCode.Config })
  }
}

/**
 * A read found no embedded database at the URL's path; it is never created
 * just to be read. Exit code 2.
 *
 * @example
 * throw new MissingDatabaseError('/no/such/dir/x.db') // no such database file: /no/such/dir/x.db
 */
export class MissingDatabaseError extends ConfigError {
  constructor(readonly path: string) {
    super(`no such database file: ${path}`, { hint: 'check the URL (read commands never create a database; upgrade does)' })
  }
}

/** A revision file or the revision graph is invalid (bad header, duplicate id, cycle…). Exit code 2. */
export class RevisionError extends AthanorError {
  constructor(message: string, options: ErrorOptions & { code?: ErrorCode } = {}) {
    super(message, { ...options, code: options.code ?? ErrorCode.Revision })
  }
}

/**
 * The version table names a revision no revision file in this project
 * defines (a branch not merged here, a deleted file, another project's
 * database): nothing can be planned from there.
 *
 * @example
 * throw new UnknownVersionRowError('0123456789ab')
 */
export class UnknownVersionRowError extends RevisionError {
  /** The version table's row. */
  readonly revision: string

  constructor(revision: string) {
    super(`the database is at revision ${revision}, which no revision file in this project defines`, {
      code: ErrorCode.UnknownVersionRow,
      hint: 'check out the code that has it, or if the database really is at one of your revisions: stamp --purge <revision>',
    })
    this.revision = revision
  }

  override get data(): Readonly<Record<string, unknown>> {
    return { revision: this.revision }
  }
}

/**
 * The version table cannot be what athanor wrote: it holds a revision and
 * one of its descendants (a database is at one revision per branch), or it
 * lacks the `version_num` column. Nothing runs on it; `stamp --purge` (or a
 * fixed `versionTable`) is the way out.
 *
 * @example
 * throw new VersionTableInconsistentError('athanor_version', 'it holds a1 and its descendant b2', 'keep the descendant: athanor stamp --purge b2')
 */
export class VersionTableInconsistentError extends AthanorError {
  /** The version table's name. */
  readonly table: string

  constructor(table: string, problem: string, hint: string, cause?: unknown) {
    super(`the version table ${table} is inconsistent: ${problem}`, { code: ErrorCode.VersionTableInconsistent, hint, cause })
    this.table = table
  }

  override get data(): Readonly<Record<string, unknown>> {
    return { table: this.table }
  }
}

/** A database operation failed while running. Exit code 1. */
export class DatabaseError extends AthanorError {
  constructor(message: string, options: ErrorOptions & { code?: ErrorCode } = {}) {
    super(message, { ...options, code: options.code ?? ErrorCode.Database })
  }
}

/**
 * The database is not at the code's heads where an application requires it
 * (`onStart: 'require-up-to-date'`): revisions are pending, or the database
 * is at a revision the code does not have. Exit code 1.
 *
 * @example
 * throw new NotUpToDateError('the database is behind the code: 1 revision to apply (b2c3d4e5f6a7 add status)', { current: ['a1b2c3d4e5f6'], pending: ['b2c3d4e5f6a7'], unknown: [] })
 */
export class NotUpToDateError extends AthanorError {
  /** The revision ids the version table holds. */
  readonly current: readonly string[]
  /** Revisions an upgrade to the heads would apply, in order. */
  readonly pending: readonly string[]
  /** Version-table rows no revision of the code defines (the database is ahead). */
  readonly unknown: readonly string[]

  constructor(
    message: string,
    data: { current: readonly string[]; pending: readonly string[]; unknown: readonly string[] },
    options: ErrorOptions = {},
  ) {
    super(message, { ...options, code: ErrorCode.NotUpToDate })
    this.current = data.current
    this.pending = data.pending
    this.unknown = data.unknown
  }

  override get data(): Readonly<Record<string, unknown>> {
    return { current: this.current, pending: this.pending, unknown: this.unknown }
  }
}
