import { mkdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname, join, relative, resolve, isAbsolute } from 'node:path'
import { AmbiguousTargetError, UsageError } from '../errors.js'
import { displayPath } from './display-path.js'
import { RevisionGraph } from './graph.js'
import type { Revision } from './revision.js'
import { readRevisionFiles } from './revision-file-reader.js'
import { DEFAULT_SCRIPT_TEMPLATE } from './revision-template.js'
import { type NewRevisionSpec, prepareRevision, writePreparedRevision } from './revision-writer.js'
import { describeRevisions } from './target-resolver.js'

export { DEFAULT_SCRIPT_TEMPLATE } from './revision-template.js'
export type { NewRevisionSpec } from './revision-writer.js'

/** Name of the template file inside the migrations folder. */
export const SCRIPT_TEMPLATE_FILE = 'script.ts.tmpl'
/** Name of the folder holding revision files inside the migrations folder. */
export const VERSIONS_DIR = 'versions'

/** Options of {@link ScriptDirectory.load}. */
export interface ScriptDirectoryOptions {
  /**
   * Further folders of revision files (Alembic's `version_locations`), read
   * recursively after `<migrations>/versions`; absolute or relative to the
   * working directory.
   */
  readonly extraLocations?: readonly string[]
}

/** Where {@link ScriptDirectory.writeRevision} puts the new file. */
export interface WriteRevisionOptions {
  /**
   * `revision --version-path DIR`: a version location or a folder inside one
   * (created when missing). Default: `versions/` with one location; with
   * several, the folder of the new revision's first parent.
   */
  readonly versionPath?: string
}

/**
 * A migrations folder: the revision files of its `versions/` (and of any
 * further version locations), read recursively into a {@link RevisionGraph}
 * (headers only, nothing imported), and the writer of new revision files
 * from `script.ts.tmpl`.
 *
 * @example
 * const script = await ScriptDirectory.load('./migrations', { extraLocations: ['./billing/versions'] })
 * script.getRevision('head').id
 * await script.writeRevision({ message: 'add users', downRevisions: [script.getRevision('head').id] })
 */
export class ScriptDirectory {
  /** The migrations folder, absolute. */
  readonly dir: string
  /** Its `versions/` folder, absolute. */
  readonly versionsDir: string
  /** Every folder revision files are read from, absolute: `versionsDir` first, then the extra locations. */
  readonly versionLocations: readonly string[]
  #graph: RevisionGraph

  private constructor(dir: string, versionLocations: readonly string[], graph: RevisionGraph) {
    this.dir = dir
    this.versionsDir = join(dir, VERSIONS_DIR)
    this.versionLocations = versionLocations
    this.#graph = graph
  }

  /**
   * Reads every `*.{ts,mts,js,mjs}` (not `.d.ts`, not hidden) under
   * `<migrationsDir>/versions/` and the extra locations, sub-folders included.
   *
   * @throws ConfigError when a location is missing; RevisionError for an unreadable header or an invalid graph
   */
  static async load(migrationsDir: string, options: ScriptDirectoryOptions = {}): Promise<ScriptDirectory> {
    const dir = resolve(migrationsDir)
    const locations = [...new Set([join(dir, VERSIONS_DIR), ...(options.extraLocations ?? []).map((location) => resolve(location))])]
    const revisions = readRevisionFiles(locations)
    return new ScriptDirectory(dir, Object.freeze(locations), new RevisionGraph(revisions))
  }

  /** The revision graph; replaced by a new one after {@link writeRevision}. */
  get graph(): RevisionGraph {
    return this.#graph
  }

  /**
   * Resolves a target ('head', an id or prefix, 'label@head', '-1', …) to
   * exactly one revision.
   *
   * @throws UsageError when the target names no revision (`base`), several
   *   (`heads` with several heads), or cannot be resolved; the message lists candidates
   */
  getRevision(target: string, current: readonly string[] = []): Revision {
    const revisions = this.#graph.resolve(target, current)
    if (revisions.length === 1) return revisions[0] as Revision
    if (revisions.length === 0) {
      throw new UsageError(`"${target}" names no revision${this.#graph.size === 0 ? ': there are no revisions yet' : ' (it is base)'}`)
    }
    throw new AmbiguousTargetError(target, revisions.map((revision) => revision.id), `"${target}" names ${revisions.length} revisions: ${describeRevisions(revisions)}`, {
      hint: 'name one of them by id or label@head',
    })
  }

  /**
   * Writes a new revision file from `script.ts.tmpl` (the built-in default
   * when the folder has none) atomically, refusing an existing id or file
   * name. Nothing is written when anything is wrong. The graph is updated.
   *
   * @returns the new revision as read back from the written text
   */
  async writeRevision(spec: NewRevisionSpec, options: WriteRevisionOptions = {}): Promise<Revision> {
    const template = await this.#readTemplate()
    const folder = this.#folderFor(spec, options.versionPath)
    const prepared = prepareRevision(this.#graph, folder, template, spec)
    mkdirSync(folder, { recursive: true })
    writePreparedRevision(prepared)
    this.#graph = prepared.graph
    return prepared.revision
  }

  #folderFor(spec: NewRevisionSpec, versionPath: string | undefined): string {
    if (versionPath !== undefined) {
      const folder = resolve(versionPath)
      const inside = this.versionLocations.some((location) => {
        const rel = relative(location, folder)
        return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
      })
      if (!inside) {
        throw new UsageError(`--version-path ${displayPath(folder)} is not inside a version location`, {
          hint: `the version locations are ${this.versionLocations.map(displayPath).join(', ')}; add the folder to \`migrations\` in the config`,
        })
      }
      return folder
    }
    if (this.versionLocations.length === 1) return this.versionsDir
    const parent = spec.downRevisions[0]
    if (parent === undefined) {
      throw new UsageError('there are several version locations; say which one a new base revision goes in', {
        hint: 'pass --version-path DIR',
      })
    }
    return dirname(this.#graph.get(parent).path)
  }

  async #readTemplate(): Promise<string> {
    try {
      return await readFile(join(this.dir, SCRIPT_TEMPLATE_FILE), 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return DEFAULT_SCRIPT_TEMPLATE
      throw error
    }
  }
}
