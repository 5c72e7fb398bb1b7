/**
 * The passwords tests put in database URLs, and the scan that fails a run
 * when one of them shows up in anything athanor printed. Tests that give a
 * URL a password take it from here, so the scan knows what to look for; a
 * test that needs a password-like *data* value (a seed row) uses another
 * string, because data is printed as it is.
 *
 * @example
 * const url = withPassword(db.url, TEST_PASSWORD)
 * const run = await athanor(dir, ['--url', url, 'current']) // its output is scanned
 */

/** A plain test password. */
export const TEST_PASSWORD = 'athanor-test-pw-6Zq'
/** A test password with an unencoded `@`, as people write them. */
export const TEST_PASSWORD_AT = 'p@ss-athanor-test-9Kx'
/** A test password given as a `?password=` query parameter. */
export const TEST_PASSWORD_PARAM = 'athanor-param-pw-3Wd'

/** Every password the scan looks for. */
export const TEST_PASSWORDS: readonly string[] = [TEST_PASSWORD, TEST_PASSWORD_AT, TEST_PASSWORD_PARAM]

/** What the setup file and the reporter share: where leaks found in the current test are kept. */
const LEAKS = Symbol.for('athanor.test.secretLeaks')
type LeakStore = { [LEAKS]?: string[] }

/**
 * `url` with its user's password set to `password` (written as is, so an `@`
 * stays unencoded); a URL without a user gets `postgres`.
 *
 * @example
 * withPassword('postgres://postgres@127.0.0.1:5432/x', TEST_PASSWORD) // 'postgres://postgres:athanor-test-pw-6Zq@127.0.0.1:5432/x'
 */
export function withPassword(url: string, password: string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)(?:([^:@/]*)(?::[^@/]*)?@)?(.*)$/i.exec(url)
  if (match === null) throw new Error(`not a server URL: ${url}`)
  return `${match[1]}${match[2] ?? 'postgres'}:${password}@${match[3]}`
}

/**
 * The test passwords found in `text`, by position in {@link TEST_PASSWORDS}
 * (never the password itself, so the report does not leak it again).
 *
 * @example
 * findTestPasswords(`error: ${TEST_PASSWORD}`) // ['TEST_PASSWORDS[0]']
 */
export function findTestPasswords(text: string): string[] {
  return TEST_PASSWORDS.flatMap((password, i) => (text.includes(password) ? [`TEST_PASSWORDS[${i}]`] : []))
}

/**
 * Scans what a CLI run printed; a test password in it is recorded and fails
 * the test that printed it (test/support/secrets-setup.ts).
 *
 * @example
 * scanOutput(run.stdout + run.stderr, 'athanor current')
 */
export function scanOutput(text: string, what: string): void {
  const found = findTestPasswords(text)
  if (found.length === 0) return
  const store = globalThis as LeakStore
  ;(store[LEAKS] ??= []).push(`${what} printed ${found.join(', ')}`)
}

/**
 * The leaks recorded since the last call, emptied.
 *
 * @example
 * const leaks = takeLeaks() // [] when nothing leaked
 */
export function takeLeaks(): string[] {
  const store = globalThis as LeakStore
  const leaks = store[LEAKS] ?? []
  store[LEAKS] = []
  return leaks
}
