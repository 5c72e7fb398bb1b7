/**
 * An independent witness for the PostgreSQL lint rules: squawk (the
 * `squawk-cli` dev dependency) reads athanor's `upgrade --sql` output of
 * each PostgreSQL lint case, bad form and safe form, and every squawk finding
 * on a lock or a rewrite must also be an athanor finding on the same
 * revisions — except the ones listed below, each with its reason (they are
 * listed in docs/lint.md too).
 */
import { execFileSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'
import { lintProject, type LintProject } from './lint-project.js'
import { BASE, CASES } from './lint-case-table.js'

const SQUAWK = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'squawk')

/** squawk's rules on a lock or a rewrite, and the athanor rules any one of which covers each. */
const LOCK_RULES: Readonly<Record<string, readonly string[]>> = {
  'require-concurrent-index-creation': ['pg-index-not-concurrent'],
  'require-concurrent-index-deletion': ['pg-index-not-concurrent'],
  'ban-concurrent-index-creation-in-transaction': ['pg-concurrently-in-transaction'],
  'constraint-missing-not-valid': ['pg-fk-not-valid', 'pg-check-not-valid', 'pg-unique-without-index', 'pg-primary-key-without-index', 'pg-validate-same-transaction'],
  'adding-foreign-key-constraint': ['pg-fk-not-valid'],
  'disallowed-unique-constraint': ['pg-unique-without-index'],
  'adding-serial-primary-key-field': ['pg-primary-key-without-index'],
  'adding-not-nullable-field': ['pg-set-not-null'],
  'adding-required-field': ['pg-set-not-null', 'pg-volatile-default'],
  'changing-column-type': ['pg-type-rewrite'],
  'adding-field-with-default': ['pg-volatile-default'],
  'renaming-column': ['rename-column'],
  'renaming-table': ['rename-table'],
  'ban-drop-column': ['drop-column'],
  'ban-drop-table': ['drop-table'],
  // The statements' own lock waits: athanor's answer is the config's ddlLockTimeoutMs/statementTimeoutMs, set for these runs.
  'require-lock-timeout': [],
  'require-statement-timeout': [],
}

/** squawk's rules on style or re-runnability, not on a lock or a rewrite: not the witness's business. */
const NOT_LOCK_RULES = new Set(['prefer-robust-stmts', 'prefer-bigint-over-int', 'prefer-bigint-over-smallint', 'prefer-text-field', 'prefer-timestamptz', 'prefer-identity', 'ban-char-field'])

/** Where squawk and athanor disagree on purpose: case, form, squawk rule, and why (docs/lint.md lists the same). */
const EXCEPTIONS: readonly { rule: string; form: 'bad' | 'safe'; squawk: string; reason: string }[] = [
  {
    rule: 'pg-type-rewrite',
    form: 'safe',
    squawk: 'changing-column-type',
    reason: 'widening varchar(50) to varchar(100) and text to text rewrite nothing (PostgreSQL skips the rewrite for binary-coercible changes); squawk flags every type change',
  },
]

interface SquawkFinding {
  readonly rule_name: string
  readonly message: string
}

function squawk(file: string): SquawkFinding[] {
  try {
    return JSON.parse(execFileSync(SQUAWK, [file, '--reporter', 'json'], { encoding: 'utf8' })) as SquawkFinding[]
  } catch (error) {
    // squawk exits 1 when it found something; its JSON is on stdout all the same.
    const stdout = (error as { stdout?: string }).stdout
    if (typeof stdout !== 'string' || stdout === '') throw error
    return JSON.parse(stdout) as SquawkFinding[]
  }
}

describe('squawk on the --sql of the PostgreSQL lint cases', () => {
  let db: TestDatabase
  let project: LintProject
  let serial = 0
  const timeouts = { ddlLockTimeoutMs: 2000, statementTimeoutMs: 60_000 }

  beforeAll(async () => {
    if (!existsSync(SQUAWK)) throw new Error(`squawk is not installed at ${SQUAWK}: run npm ci (squawk-cli is a dev dependency)`)
    db = await createTestDatabase('postgres')
    project = lintProject(db.url)
    project.write({ id: 'aaaa00000001', down: null, upgrade: BASE, message: 'base' })
    await project.athanor().upgrade('head')
  }, 60_000)

  afterAll(async () => {
    project.cleanup()
    await db.drop()
  })

  /** Writes `bodies` as revisions after the base; squawk's findings on their SQL and athanor's rule ids on their ops. */
  async function witness(bodies: readonly string[], config: Record<string, number> = timeouts): Promise<{ squawk: SquawkFinding[]; athanor: Set<string> }> {
    serial += 1
    const ids = bodies.map((_, i) => `cc${serial.toString(16).padStart(4, '0')}${i}00000`.slice(0, 12))
    ids.forEach((id, i) => project.write({ id, down: i === 0 ? 'aaaa00000001' : ids[i - 1]!, upgrade: bodies[i]! }))
    try {
      const { sql } = await project.athanor(config).upgrade('aaaa00000001:head', { sql: true })
      const file = join(project.dir, `witness-${serial}.sql`)
      writeFileSync(file, sql ?? '')
      const lint = await project.athanor(config).lint()
      return { squawk: squawk(file), athanor: new Set(lint.findings.map((f) => f.rule)) }
    } finally {
      ids.forEach((id) => project.remove(id))
    }
  }

  const forms = CASES.postgres.flatMap((c) => (['bad', 'safe'] as const).map((form) => [c.rule, form, c[form]] as const))

  it.each(forms)('%s, %s form: every squawk finding on a lock or a rewrite is an athanor finding', async (rule, form, bodies) => {
    const seen = await witness(bodies)
    for (const finding of seen.squawk) {
      if (NOT_LOCK_RULES.has(finding.rule_name)) continue
      const covering = LOCK_RULES[finding.rule_name]
      // A squawk rule this table does not know is a new one to sort: lock/rewrite or not.
      expect(covering, `squawk rule ${finding.rule_name} (${finding.message}) is in neither list`).toBeDefined()
      if (EXCEPTIONS.some((e) => e.rule === rule && e.form === form && e.squawk === finding.rule_name)) continue
      expect(covering!.length, `${finding.rule_name}: squawk asks for a timeout although the config sets them`).toBeGreaterThan(0)
      expect(covering!.some((r) => seen.athanor.has(r)), `squawk ${finding.rule_name} (${finding.message}); athanor found ${[...seen.athanor].join(', ') || 'nothing'}`).toBe(true)
    }
  })

  it('each listed exception is still one: squawk still reports it', async () => {
    for (const exception of EXCEPTIONS) {
      const c = CASES.postgres.find((x) => x.rule === exception.rule)!
      const seen = await witness(c[exception.form])
      expect(seen.squawk.map((f) => f.rule_name)).toContain(exception.squawk)
    }
  })

  it("squawk's timeout findings are what the config's ddlLockTimeoutMs and statementTimeoutMs answer", async () => {
    const bad = CASES.postgres.find((x) => x.rule === 'pg-index-not-concurrent')!.bad
    const without = await witness(bad, {})
    expect(without.squawk.map((f) => f.rule_name)).toEqual(expect.arrayContaining(['require-lock-timeout', 'require-statement-timeout']))
    const withTimeouts = await witness(bad)
    expect(withTimeouts.squawk.map((f) => f.rule_name)).not.toContain('require-lock-timeout')
    expect(withTimeouts.squawk.map((f) => f.rule_name)).not.toContain('require-statement-timeout')
  })
})
