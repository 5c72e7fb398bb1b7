/**
 * Runs before every test file: a test whose CLI runs printed a test password
 * (see test-secrets.ts) fails, naming which password and which command.
 */
import { afterEach } from 'vitest'
import { takeLeaks } from './test-secrets.js'

afterEach(() => {
  const leaks = takeLeaks()
  if (leaks.length > 0) throw new Error(`a test password leaked into output: ${leaks.join('; ')}`)
})
