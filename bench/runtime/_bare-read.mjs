/**
 * The floor `heads` is measured against: a bare Node read of every revision
 * file of `migrations/versions` and one regular expression for its id, with
 * nothing else loaded. Run as a process by cold-start.mjs, in the project.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const dir = join(process.cwd(), 'migrations', 'versions')
const header = /Revision ID: (\w+)\r?\n \* Revises: ([\w, ]*)/
let found = 0
for (const name of readdirSync(dir)) {
  if (name.endsWith('.ts') && header.test(readFileSync(join(dir, name), 'utf8'))) found += 1
}
process.stdout.write(`${found}\n`)
