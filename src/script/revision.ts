/**
 * One revision file as the graph sees it: its four static headers, the
 * message from its doc comment, and where it lives. Read from the file's text
 * without importing it.
 */
export interface Revision {
  /** The full revision id, e.g. `3f2a9c1b7d4e`. */
  readonly id: string
  /** Parents: empty for a base, several for a merge point. */
  readonly downRevisions: readonly string[]
  /** Names of the branch this revision starts or belongs to (`label@head`). */
  readonly branchLabels: readonly string[]
  /** Revisions (ids or labels) that must be applied before this one, across branches. */
  readonly dependsOn: readonly string[]
  /** First line of the doc comment: the `-m` message. */
  readonly message: string
  /** `Create Date:` from the doc comment, as written; undefined when absent. */
  readonly createDate: string | undefined
  /** Absolute path of the file. */
  readonly path: string
}
