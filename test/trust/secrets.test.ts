import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SecretMask, maskPasswords, urlSecrets } from '../../src/dialect/secret-mask.js'
import { athanor } from '../cli/cli-in-process.js'
import { tempDir, writeRevisionFile } from '../cli/cli-project.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'
import { findTestPasswords, TEST_PASSWORD, TEST_PASSWORD_AT, TEST_PASSWORD_PARAM, withPassword } from '../support/test-secrets.js'

/** A seed value that looks like a URL with a password: data, printed as it is. */
const SEED_URL = 'postgres://app:s3cret@db2/app'

describe('maskPasswords', () => {
  it('masks a password holding an unencoded @ whole', () => {
    expect(maskPasswords(`cannot reach postgres://app:${TEST_PASSWORD_AT}@db/app`)).toBe('cannot reach postgres://app:***@db/app')
  })

  it('masks password query parameters', () => {
    expect(maskPasswords(`mysql://root@db/app?ssl=true&password=${TEST_PASSWORD_PARAM}&x=1`)).toBe('mysql://root@db/app?ssl=true&password=***&x=1')
    expect(maskPasswords(`postgres://db/app?sslpassword=${TEST_PASSWORD_PARAM}`)).toBe('postgres://db/app?sslpassword=***')
  })

  it('stops at the end of a quoted URL, leaving the next string alone', () => {
    expect(maskPasswords(`{"url":"postgres://u:${TEST_PASSWORD}@h/db","to":"ann@example.com"}`)).toBe('{"url":"postgres://u:***@h/db","to":"ann@example.com"}')
  })
})

describe('SecretMask', () => {
  it('masks a configured password wherever it appears, without its URL', () => {
    const mask = new SecretMask([`postgres://app:${TEST_PASSWORD}@db/app`])
    expect(mask.apply(`invalid input syntax for type integer: "${TEST_PASSWORD}"`)).toBe('invalid input syntax for type integer: "***"')
  })

  it('knows a password as written and decoded, and password parameters', () => {
    expect(urlSecrets(`postgres://app:p%40ss-word@db/app?password=${TEST_PASSWORD_PARAM}&sslmode=require`)).toEqual(['p%40ss-word', 'p@ss-word', TEST_PASSWORD_PARAM])
    expect(urlSecrets('sqlite:./app.db')).toEqual([])
  })

  it('does not blank short passwords out of every word', () => {
    expect(new SecretMask(['postgres://u:ab@h/db']).apply('about tables')).toBe('about tables')
  })
})

describe('the CLI masks credentials in messages and never in data', () => {
  let project: { dir: string; cleanup(): void }
  beforeEach(() => {
    project = tempDir()
    writeFileSync(join(project.dir, 'athanor.config.ts'), `export default { url: 'sqlite:./app.db' }\n`)
    writeRevisionFile(project.dir, {
      id: 'aaaa00000001',
      message: 'seed links',
      upgrade: `const { t } = await import('athanor')
  const link = await op.createTable('link', { url: t.text() })
  await op.bulkInsert(link, [{ url: '${SEED_URL}' }])`,
      downgrade: "await op.dropTable('link')",
    })
  })
  afterEach(() => project.cleanup())

  it('upgrade --sql prints a seed value that looks like a URL unchanged', async () => {
    const run = await athanor(project.dir, ['upgrade', 'base:head', '--sql'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(`'${SEED_URL}'`)
  })

  it('upgrade --sql --json keeps the seed value in the SQL field', async () => {
    const run = await athanor(project.dir, ['upgrade', 'base:head', '--sql', '--json'])
    expect(run.code).toBe(0)
    expect((JSON.parse(run.stdout) as { sql: string }).sql).toContain(`'${SEED_URL}'`)
  })

  it.each([
    ['a password with an unencoded @', `postgres://app:${TEST_PASSWORD_AT}@127.0.0.1:1/app`],
    ['a ?password= parameter', `postgres://app@127.0.0.1:1/app?password=${TEST_PASSWORD_PARAM}`],
  ])('an unreachable server named by %s: the error shows the URL masked', async (_, url) => {
    const run = await athanor(project.dir, ['--url', url, 'current'])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^error: cannot connect to postgres:\/\/app(:\*\*\*)?@127\.0\.0\.1:1\/app/)
    expect(run.stderr).toContain('***')
    expect(findTestPasswords(run.stdout + run.stderr)).toEqual([])
  })

  it('the same under --json and --verbose', async () => {
    const run = await athanor(project.dir, ['--url', `postgres://app:${TEST_PASSWORD_AT}@127.0.0.1:1/app`, 'current', '--json', '--verbose'])
    expect(run.code).toBe(1)
    expect((JSON.parse(run.stdout) as { error: { message: string } }).error.message).toContain('postgres://app:***@127.0.0.1:1/app')
    expect(findTestPasswords(run.stdout + run.stderr)).toEqual([])
  })
})

describe('on PostgreSQL, a configured password a driver echoes is masked', () => {
  let db: TestDatabase
  let project: { dir: string; cleanup(): void }
  beforeEach(async () => {
    db = await createTestDatabase('postgres')
    project = tempDir()
    // The test server trusts local connections, so any password is accepted: the URL carries one all the same.
    writeFileSync(join(project.dir, 'athanor.config.ts'), `export default { url: ${JSON.stringify(withPassword(db.url, TEST_PASSWORD))} }\n`)
    writeRevisionFile(project.dir, {
      id: 'aaaa00000001',
      message: 'echo the password',
      upgrade: `await op.execute("SELECT '${TEST_PASSWORD}'::integer")`,
    })
  })
  afterEach(async () => {
    project.cleanup()
    await db.drop()
  })

  it('in the error line and the failed statement of the --json document', async () => {
    const text = await athanor(project.dir, ['upgrade'])
    expect(text.code).toBe(1)
    expect(text.stderr).toContain('invalid input syntax for type integer: "***"')
    const json = await athanor(project.dir, ['upgrade', '--json'])
    expect(json.code).toBe(1)
    expect(JSON.stringify(JSON.parse(json.stdout))).toContain(`SELECT '***'::integer`)
    expect(findTestPasswords(text.stderr + json.stdout)).toEqual([])
  })
})
