import { closeSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs'
import { displayPath } from './display-path.js'
import { resolve, sep } from 'node:path'
import { ConfigError, RevisionError } from '../errors.js'
import { parseRevisionPrefix, parseRevisionSource } from './header-parser.js'
import type { Revision } from './revision.js'

/**
 * Lists and reads the revision files of a `versions/` folder. Reads only the
 * first {@link HEADER_PREFIX_BYTES} of each file (the headers sit at the
 * top), and the whole file only when its fourth header lies further down.
 */

/** How much of each file is read first. */
export const HEADER_PREFIX_BYTES = 4096

/** True for a file name that is a revision file: `.ts`, `.mts`, `.js` or `.mjs`, not a declaration file, not hidden. */
export function isRevisionFileName(name: string): boolean {
  if (name.startsWith('.') || name.startsWith('#')) return false
  if (name.endsWith('.d.ts') || name.endsWith('.d.mts')) return false
  return name.endsWith('.ts') || name.endsWith('.mts') || name.endsWith('.js') || name.endsWith('.mjs')
}

/**
 * The revision file names in a folder, sorted (only so errors are stable:
 * the graph never orders by name).
 *
 * @throws ConfigError when the folder does not exist
 */
export function listRevisionFiles(versionsDir: string): string[] {
  let names: string[]
  try {
    names = readdirSync(versionsDir)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new ConfigError(`no versions folder at ${versionsDir}`, { hint: 'run `athanor init` to create the migrations folder', cause: error })
    }
    throw new ConfigError(`cannot list ${versionsDir}: ${(error as Error).message}`, { cause: error })
  }
  return names.filter(isRevisionFileName).sort()
}

/**
 * Reads every revision file's headers in a folder.
 *
 * Synchronous reads on purpose: for thousands of small files a plain
 * open/read/close loop into one reused buffer is faster than as many promises.
 *
 * @example
 * const revisions = readRevisionFiles('/app/migrations/versions')
 */
export function readRevisionFiles(versionsDir: string): Revision[] {
  const buffer = Buffer.allocUnsafe(HEADER_PREFIX_BYTES)
  const revisions: Revision[] = []
  // Resolved once: path.resolve per file showed up in profiles of 10,000-file folders.
  const directory = resolve(versionsDir) + sep
  for (const name of listRevisionFiles(versionsDir)) {
    revisions.push(readRevisionFile(directory + name, buffer))
  }
  return revisions
}

/** Reads one file's headers, reading its head first and the rest only if needed. */
export function readRevisionFile(path: string, buffer: Buffer = Buffer.allocUnsafe(HEADER_PREFIX_BYTES)): Revision {
  let bytesRead: number
  try {
    const handle = openSync(path, 'r')
    try {
      bytesRead = readSync(handle, buffer, 0, buffer.length, 0)
    } finally {
      closeSync(handle)
    }
  } catch (error) {
    throw new RevisionError(`cannot read ${displayPath(path)}: ${(error as Error).message}`, { cause: error })
  }
  const head = buffer.toString('utf8', 0, bytesRead)
  if (bytesRead < buffer.length) return parseRevisionSource(head, path)
  return parseRevisionPrefix(head, path) ?? parseRevisionSource(readFileSync(path, 'utf8'), path)
}
