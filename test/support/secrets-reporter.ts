/**
 * The run-wide half of the secrets scan: everything tests wrote to the
 * console and every failure message is scanned for the test passwords
 * (test-secrets.ts); one found fails the whole run, after saying where.
 */
import type { UserConsoleLog } from 'vitest'
import type { Reporter, TestModule } from 'vitest/node'
import { findTestPasswords } from './test-secrets.js'

/**
 * A vitest reporter that sets a failing exit code when a test password was printed.
 *
 * @example
 * // vitest.config.ts
 * reporters: ['default', './test/support/secrets-reporter.ts']
 */
export default class SecretsReporter implements Reporter {
  readonly #leaks: string[] = []

  onUserConsoleLog(log: UserConsoleLog): void {
    for (const found of findTestPasswords(log.content)) this.#leaks.push(`console output (${log.type}) holds ${found}`)
  }

  onTestRunEnd(modules: readonly TestModule[], errors: readonly unknown[]): void {
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        for (const error of test.result().errors ?? []) {
          const text = `${error.message ?? ''}\n${error.stack ?? ''}`
          for (const found of findTestPasswords(text)) this.#leaks.push(`the failure of "${test.fullName}" holds ${found}`)
        }
      }
    }
    for (const error of errors) {
      for (const found of findTestPasswords(String((error as { stack?: string }).stack ?? error))) this.#leaks.push(`an unhandled error holds ${found}`)
    }
    if (this.#leaks.length === 0) return
    process.stderr.write(`\nsecrets scan: a test password was printed\n${this.#leaks.map((leak) => `  ${leak}`).join('\n')}\n`)
    process.exitCode = 1
  }
}
