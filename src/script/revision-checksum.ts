/**
 * A revision file's source checksum: what the database records when the
 * revision is applied, so a later edit of an applied file can be noticed.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { RevisionError } from '../errors.js'
import { displayPath } from './display-path.js'

/**
 * The SHA-256 (hex) of a revision file's text with line endings made `\n`,
 * so a checkout that turns them into `\r\n` does not count as an edit.
 *
 * @example
 * revisionChecksum('/app/migrations/versions/3f2a9c1b7d4e_users.ts') // '9f86d08…' (64 hex characters)
 * @throws RevisionError when the file cannot be read
 */
export function revisionChecksum(path: string): string {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new RevisionError(`cannot read ${displayPath(path)}: ${(error as Error).message}`, { cause: error })
  }
  return createHash('sha256').update(text.replace(/\r\n?/g, '\n')).digest('hex')
}
