/**
 * Errors athanor raises on purpose. Each carries a stable `code`, an optional
 * `hint` the CLI prints on its own line, and the process exit code the CLI uses.
 *
 * @example
 * throw new UsageError('unknown target "hed"', { hint: 'did you mean "head"?' })
 */
export class AthanorError extends Error {
  /** Stable machine-readable code, e.g. `E_USAGE`, `E_GRAPH`, `E_DB`. */
  readonly code: string
  /** One line of advice for the user, printed as `hint: …`. */
  readonly hint: string | undefined
  /** Exit code the CLI ends with: 2 for input/config/usage, 1 for a failed operation. */
  readonly exitCode: 1 | 2

  constructor(message: string, options: { code: string; hint?: string; exitCode: 1 | 2; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.code = options.code
    this.hint = options.hint
    this.exitCode = options.exitCode
  }
}

/** Bad command-line usage or an unresolvable target. Exit code 2. */
export class UsageError extends AthanorError {
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { ...options, code: 'E_USAGE', exitCode: 2 })
  }
}

/** The config file is missing, fails to load, or holds an invalid value. Exit code 2. */
export class ConfigError extends AthanorError {
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { ...options, code: 'E_CONFIG', exitCode: 2 })
  }
}

/** A revision file or the revision graph is invalid (bad header, duplicate id, cycle…). Exit code 2. */
export class RevisionError extends AthanorError {
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { ...options, code: 'E_REVISION', exitCode: 2 })
  }
}

/** A database operation failed while running. Exit code 1. */
export class DatabaseError extends AthanorError {
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { ...options, code: 'E_DATABASE', exitCode: 1 })
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
    options: { hint?: string } = {},
  ) {
    super(message, { ...options, code: 'E_NOT_UP_TO_DATE', exitCode: 1 })
    this.current = data.current
    this.pending = data.pending
    this.unknown = data.unknown
  }
}
