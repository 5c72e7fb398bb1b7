/** How `--verify` findings read on a terminal. */
import { relative } from 'node:path'
import type { VerifyResult } from '../../runtime/checksums.js'

/**
 * One warning per applied revision whose file changed since it ran.
 *
 * @example
 * verifyWarnings(result, process.cwd()) // ['revision 3f2a9c1b7d4e (migrations/versions/3f2a…_users.ts) changed since it was applied; `athanor rehash 3f2a9c1b7d4e` accepts the edit']
 */
export function verifyWarnings(result: VerifyResult, cwd: string): string[] {
  return result.changed.map(
    (c) => `revision ${c.revision} (${relative(cwd, c.path)}) changed since it was applied; \`athanor rehash ${c.revision}\` accepts the edit`,
  )
}
