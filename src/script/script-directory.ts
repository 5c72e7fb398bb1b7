import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { AmbiguousTargetError, UsageError } from '../errors.js'
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

/**
 * A migrations folder: its `versions/` revision files read into a
 * {@link RevisionGraph} (headers only, nothing imported), and the writer of
 * new revision files from `script.ts.tmpl`.
 *
 * @example
 * const script = await ScriptDirectory.load('./migrations')
 * script.getRevision('head').id
 * await script.writeRevision({ message: 'add users', downRevisions: [script.getRevision('head').id] })
 */
export class ScriptDirectory {
  /** The migrations folder, absolute. */
  readonly dir: string
  /** Its `versions/` folder, absolute. */
  readonly versionsDir: string
  #graph: RevisionGraph

  private constructor(dir: string, graph: RevisionGraph) {
    this.dir = dir
    this.versionsDir = join(dir, VERSIONS_DIR)
    this.#graph = graph
  }

  /**
   * Reads `<migrationsDir>/versions/*.{ts,mts,js,mjs}` (not `.d.ts`, not hidden files).
   *
   * @throws ConfigError when `versions/` is missing; RevisionError for an unreadable header or an invalid graph
   */
  static async load(migrationsDir: string): Promise<ScriptDirectory> {
    const dir = resolve(migrationsDir)
    const revisions = readRevisionFiles(join(dir, VERSIONS_DIR))
    return new ScriptDirectory(dir, new RevisionGraph(revisions))
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
  async writeRevision(spec: NewRevisionSpec): Promise<Revision> {
    const template = await this.#readTemplate()
    const prepared = prepareRevision(this.#graph, this.versionsDir, template, spec)
    writePreparedRevision(prepared)
    this.#graph = prepared.graph
    return prepared.revision
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
