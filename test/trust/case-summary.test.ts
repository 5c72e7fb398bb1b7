import { describe, expect, it } from 'vitest'
import { caseKind } from '../support/case-summary-reporter.js'

describe('the end-of-run summary of cases by kind', () => {
  it('counts the trust suites under their names', () => {
    expect(caseKind('test/trust/hostile-config.test.ts')).toBe('hostile inputs')
    expect(caseKind('test/trust/fuzz-identifiers.test.ts')).toBe('fuzzing')
    expect(caseKind('test/runtime/crash-suite.test.ts')).toBe('crashes')
    expect(caseKind('test/runtime/concurrency.test.ts')).toBe('concurrency')
    expect(caseKind('test/trust/secrets.test.ts')).toBe('secrets')
    expect(caseKind('test/trust/dry-run.test.ts')).toBe('trust (other)')
  })

  it('counts every other test under its folder', () => {
    expect(caseKind('test/cli/init.test.ts')).toBe('test/cli')
    expect(caseKind('test\\runtime\\stamp.test.ts')).toBe('test/runtime')
  })
})
