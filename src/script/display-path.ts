import { isAbsolute, relative } from 'node:path'

/**
 * A file path as error messages show it: relative to the working directory
 * when the file lies inside it (`migrations/versions/3f2a…_users.ts`), else as
 * given. Revisions keep their absolute path; only messages are shortened.
 *
 * @example
 * displayPath(process.cwd() + '/migrations/versions/a.ts') // 'migrations/versions/a.ts'
 */
export function displayPath(path: string): string {
  const shown = relative(process.cwd(), path)
  return shown === '' || shown.startsWith('..') || isAbsolute(shown) ? path : shown
}
