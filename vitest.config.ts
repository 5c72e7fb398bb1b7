import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Names the run and, at its end, drops the server databases the test processes kept for reuse.
    globalSetup: ['test/support/global-setup.ts'],
    // The secrets scan: a test password in a CLI run's output fails that test, one in console
    // output or a failure message fails the run (test/support/test-secrets.ts).
    setupFiles: ['test/support/secrets-setup.ts'],
    // After the run: how many cases of each kind ran and passed (test/support/case-summary-reporter.ts).
    reporters: ['default', './test/support/secrets-reporter.ts', './test/support/case-summary-reporter.ts'],
    // One process runs many test files: PGlite instances (test/support/pglite-pool.ts) and loaded
    // modules are reused instead of rebuilt per file, which halves the suite's time. Tests must
    // therefore leave no global state behind: spies are restored after each test, and the CLI's
    // in-process runner puts back the environment it changes.
    isolate: false,
    restoreMocks: true,
  },
})
