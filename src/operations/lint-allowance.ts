/**
 * What a revision says about `athanor lint` on one op: the rule ids it
 * silences there, and why. Lint prints the reason with each finding it
 * silences, so a reviewer sees what was accepted and on what grounds.
 *
 * @example
 * await op.createIndex('ix_tag_name', 'tag', ['name'], {
 *   lint: { allow: ['pg-index-not-concurrent'], reason: 'tag holds a few hundred rows' },
 * })
 */
export interface LintAllowance {
  /** Rule ids (as `athanor lint` prints them) silenced on this op. */
  readonly allow: readonly string[]
  /** Why the finding is acceptable here; printed by lint. */
  readonly reason?: string
}

/** The `lint` key every op's options take. */
export interface LintOption {
  readonly lint?: LintAllowance
}
