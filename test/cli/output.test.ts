import { describe, expect, it } from 'vitest'
import { Output, type CliStreams, type OutputMode } from '../../src/cli/output.js'

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

  it('masks URL passwords on stdout, in JSON and on stderr', () => {
    const { streams, out, err } = capture(false)
    const o = new Output(streams, mode())
    o.line('at postgres://u:pw1@h/db')
    o.json({ url: 'mysql://root:pw2@h/db' })
    o.warn('retrying mariadb://a:pw3@h/db')
    expect(out.join('') + err.join('')).not.toMatch(/pw[123]/)
    expect(err.join('')).toBe('warning: retrying mariadb://a:***@h/db\n')
  })
})
