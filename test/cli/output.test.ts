import { describe, expect, it } from 'vitest'
import { Output, type CliStreams, type OutputMode } from '../../src/cli/output.js'
import { SecretMask } from '../../src/config/url.js'
import { findTestPasswords, TEST_PASSWORD, TEST_PASSWORD_AT, TEST_PASSWORD_PARAM } from '../support/test-secrets.js'

function capture(isTTY: boolean, env: Record<string, string> = {}): { streams: CliStreams; out: string[]; err: string[] } {
  const out: string[] = []
  const err: string[] = []
  return {
    streams: { stdout: { write: (t: string) => out.push(t), isTTY }, stderr: { write: (t: string) => err.push(t) }, env },
    out,
    err,
  }
}
const mode = (over: Partial<OutputMode> = {}): OutputMode => ({ json: false, quiet: false, verbose: false, color: true, ...over })

describe('Output', () => {
  it('colours on a terminal', () => {
    const { streams, out } = capture(true)
    const o = new Output(streams, mode())
    o.line(o.c.green('x'))
    expect(out.join('')).toContain('\u001b[32m')
  })

  it('no colours with --no-color', () => {
    const { streams, out } = capture(true)
    const o = new Output(streams, mode({ color: false }))
    o.line(o.c.green('x'))
    expect(out.join('')).toBe('x\n')
  })

  it('no colours when NO_COLOR is set', () => {
    const { streams, out } = capture(true, { NO_COLOR: '1' })
    const o = new Output(streams, mode())
    o.line(o.c.green('x'))
    expect(out.join('')).toBe('x\n')
  })

  it('no colours when stdout is not a terminal', () => {
    const { streams, out } = capture(false)
    const o = new Output(streams, mode())
    o.line(o.c.green('x'))
    expect(out.join('')).toBe('x\n')
  })

  it('info lines are silenced by -q and by --json; results are not', () => {
    const quiet = capture(false)
    const o = new Output(quiet.streams, mode({ quiet: true }))
    o.info('progress')
    o.line('result')
    expect(quiet.out.join('')).toBe('result\n')
    const json = capture(false)
    new Output(json.streams, mode({ json: true })).info('progress')
    expect(json.out).toEqual([])
  })

  it('masks URL passwords in messages: progress, warnings and stderr', () => {
    const { streams, out, err } = capture(false)
    const o = new Output(streams, mode())
    o.info(`at postgres://u:${TEST_PASSWORD}@h/db`)
    o.warn(`retrying mariadb://a:${TEST_PASSWORD_AT}@h/db`)
    o.stderr(`failed: mysql://root@h/db?password=${TEST_PASSWORD_PARAM}`)
    expect(findTestPasswords(out.join('') + err.join(''))).toEqual([])
    expect(out.join('')).toBe('at postgres://u:***@h/db\n')
    expect(err.join('')).toBe('warning: retrying mariadb://a:***@h/db\nfailed: mysql://root@h/db?password=***\n')
  })

  it('masks the configured credentials it was given, wherever they appear in a message', () => {
    const { streams, err } = capture(false)
    const o = new Output(streams, mode(), new SecretMask([`postgres://u:${TEST_PASSWORD}@h/db`]))
    o.stderr(`error: invalid input syntax: "${TEST_PASSWORD}"`)
    expect(err.join('')).toBe('error: invalid input syntax: "***"\n')
  })

  it('writes data (a result line, a JSON result) exactly as it is', () => {
    const { streams, out } = capture(false)
    const o = new Output(streams, mode())
    o.line(`INSERT INTO link (url) VALUES ('postgres://app:s3cret@db2/app');`)
    o.json({ sql: 'mysql://root:s3cret@h/db' })
    expect(out.join('')).toBe(`INSERT INTO link (url) VALUES ('postgres://app:s3cret@db2/app');\n{\n  "sql": "mysql://root:s3cret@h/db"\n}\n`)
  })
})
