/** The load hook of register.mjs: appends each ES module's URL to the trace file as it loads. */
import { appendFileSync } from 'node:fs'

let out

export function initialize(data) {
  out = data.out
}

export async function load(url, context, next) {
  appendFileSync(out, `${url}\n`)
  return next(url, context)
}
