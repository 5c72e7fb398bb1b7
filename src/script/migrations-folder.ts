/**
 * What a new migrations folder holds: the revision template and an empty
 * `versions/`. `init` writes it inside a new project; an application that
 * registers athanor gets it when the folder is missing, as Flask-Alembic's
 * `init_app` does.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { DEFAULT_SCRIPT_TEMPLATE } from './revision-template.js'

/**
 * The files of a new migrations folder, as `[path relative to the folder, text]`.
 *
 * @example
 * migrationsFolderFiles().map(([path]) => path) // ['script.ts.tmpl', 'versions/.gitkeep']
 */
export function migrationsFolderFiles(): Array<[string, string]> {
  return [
    ['script.ts.tmpl', DEFAULT_SCRIPT_TEMPLATE],
    ['versions/.gitkeep', ''],
  ]
}

/**
 * Creates the migrations folder `dir` with its template when `dir` does not
 * exist; leaves an existing folder exactly as it is. Returns the absolute
 * paths written (empty when the folder was there).
 *
 * @example
 * ensureMigrationsFolder('/app/migrations') // ['/app/migrations/script.ts.tmpl', '/app/migrations/versions/.gitkeep']
 */
export function ensureMigrationsFolder(dir: string): string[] {
  if (existsSync(dir)) return []
  const written: string[] = []
  for (const [path, text] of migrationsFolderFiles()) {
    const full = join(dir, path)
    mkdirSync(dirname(full), { recursive: true })
    // 'wx': two processes starting at once may both find the folder missing; neither overwrites the other.
    try {
      writeFileSync(full, text, { flag: 'wx' })
      written.push(full)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
  }
  return written
}
