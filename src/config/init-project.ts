/**
 * `athanor init`: writes a new project's config, migrations folder and an
 * example models module — all or nothing.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { UsageError } from '../errors.js'
import { migrationsFolderFiles } from '../script/migrations-folder.js'
import { CONFIG_FILE_NAMES } from './load-config.js'

/** Options of {@link initProject}. */
export interface InitProjectOptions {
  /** Models module the config points at, relative to the project folder. When given, no example is written. */
  models?: string
  /** The migrations folder, relative to the project folder (as `alembic init DIR`). Default `migrations`. */
  migrations?: string
}

/** What {@link initProject} wrote. */
export interface InitProjectResult {
  /** Absolute project folder. */
  readonly dir: string
  /** Paths written, relative to `dir`, in the order written (folders end with `/`). */
  readonly created: readonly string[]
}

const DEFAULT_MODELS = './src/models.ts'
const DEFAULT_MIGRATIONS = 'migrations'

/**
 * Creates `athanor.config.ts`, `migrations/script.ts.tmpl`,
 * `migrations/versions/.gitkeep` and (unless `models` is given)
 * `src/models.ts` in `dir`; `migrations` names another migrations folder,
 * which the config then points at. Refuses with a `UsageError`, writing
 * nothing, when a config file exists, the migrations folder is not empty, or
 * the example models file exists.
 *
 * @example
 * await initProject('./my-app') // { dir: '/abs/my-app', created: ['athanor.config.ts', …] }
 * await initProject('.', { migrations: 'db/migrations' }) // config says migrations: './db/migrations'
 */
export async function initProject(dir: string, options: InitProjectOptions = {}): Promise<InitProjectResult> {
  const root = resolve(dir)
  if (existsSync(root) && !statSync(root).isDirectory()) {
    throw new UsageError(`cannot init ${dir}: it is a file, not a folder`)
  }
  const migrationsPath = options.migrations ?? DEFAULT_MIGRATIONS
  const migrations = resolve(root, migrationsPath)
  if (migrations === root) {
    throw new UsageError('the migrations folder cannot be the project folder itself', { hint: 'e.g. athanor init migrations' })
  }
  const modelsPath = options.models ?? DEFAULT_MODELS
  const writeExample = options.models === undefined
  refuseExisting(root, migrations, writeExample ? join(root, modelsPath) : undefined)

  const files: Array<[string, string]> = [
    ['athanor.config.ts', renderConfig(modelsPath, relative(root, migrations))],
    ...migrationsFolderFiles().map(([path, text]): [string, string] => [relative(root, join(migrations, path)), text]),
  ]
  if (writeExample) files.push([relative(root, join(root, modelsPath)), readTemplate('models.ts.tmpl')])
  for (const [path, text] of files) {
    const full = join(root, path)
    mkdirSync(dirname(full), { recursive: true })
    writeFileSync(full, text, { flag: 'wx' })
  }
  return { dir: root, created: files.map(([path]) => path) }
}

function refuseExisting(root: string, migrations: string, examplePath: string | undefined): void {
  const hint = 'init writes into an empty project only; pick another folder or remove the existing files'
  for (const name of CONFIG_FILE_NAMES) {
    if (existsSync(join(root, name))) throw new UsageError(`cannot init: ${join(root, name)} already exists`, { hint })
  }
  if (existsSync(migrations) && (!statSync(migrations).isDirectory() || readdirSync(migrations).length > 0)) {
    throw new UsageError(`cannot init: ${migrations} already exists and is not empty`, { hint })
  }
  if (examplePath !== undefined && existsSync(examplePath)) {
    throw new UsageError(`cannot init: ${examplePath} already exists`, {
      hint: `pass --models ${relative(root, examplePath)} to use it instead of an example`,
    })
  }
}

function renderConfig(modelsPath: string, migrationsPath: string): string {
  return readTemplate('athanor.config.ts.tmpl')
    .replace('${models}', configPathLiteral(modelsPath))
    .replace('${migrations}', configPathLiteral(migrationsPath))
}

/** A path as the config writes it: `./`-relative unless absolute or already relative, with `/` and escaped quotes. */
function configPathLiteral(path: string): string {
  const shown = path.startsWith('.') || isAbsolute(path) ? path : `./${path}`
  return shown.replace(/\\/g, '/').replace(/'/g, "\\'")
}

function readTemplate(name: string): string {
  // templates/ sits at the package root, next to both src/ and dist/.
  const here = dirname(fileURLToPath(import.meta.url))
  return readFileSync(join(here, '..', '..', 'templates', name), 'utf8')
}
