/**
 * Preloaded with `node --import` into a CLI process under test: records every
 * module the process loads (ES modules through a load hook, CommonJS from the
 * require cache at exit) into the file `ATHANOR_LOAD_TRACE` names, one URL or
 * path a line. test/cli/start-up-modules.test.ts reads it.
 */
import { appendFileSync, writeFileSync } from 'node:fs'
import { createRequire, register } from 'node:module'

const out = process.env.ATHANOR_LOAD_TRACE
if (out === undefined) throw new Error('ATHANOR_LOAD_TRACE names no file')
writeFileSync(out, '')
register(new URL('./hooks.mjs', import.meta.url), { data: { out } })
const cache = createRequire(import.meta.url).cache
process.on('exit', () => appendFileSync(out, Object.keys(cache).map((path) => `${path}\n`).join('')))
