import { randomBytes } from 'node:crypto'
import { displayPath } from './display-path.js'
import { existsSync, linkSync, renameSync, unlinkSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { RevisionError, UsageError } from '../errors.js'
import { RESERVED_TARGET_WORDS, RevisionGraph } from './graph.js'
import { parseRevisionSource } from './header-parser.js'
import type { Revision } from './revision.js'
import {
  DEFAULT_DOWNGRADE_BODY,
  DEFAULT_UPGRADE_BODY,
  escapeDocMessage,
  headerLiteral,
  renderTemplate,
} from './revision-template.js'

/** What a new revision file holds. */
export interface NewRevisionSpec {
  /** The `-m` message; its first line becomes the revision's message. */
  message: string
  /** The id (`--rev-id`): letters, digits, `_` and `-`; else 12 random lowercase hex characters. */
  id?: string
  /** Parents (full ids); `[]` starts a new base. */
  downRevisions: readonly string[]
  /** Branch labels this revision declares. */
  branchLabels?: readonly string[]
  /** Revision ids or branch labels this revision depends on. */
  dependsOn?: readonly string[]
  /** Code inside `upgrade(op) { … }`; default a `// write the upgrade here` comment. */
  upgradeBody?: string
  /** Code inside `downgrade(op) { … }`; default a comment. */
  downgradeBody?: string
  /** Extra import lines placed after the `athanor` import. */
  imports?: string
  /** Creation time written in the doc comment; default now. */
  createDate?: Date
}

/** Ids a user may give with `--rev-id`. */
const GIVEN_ID_PATTERN = /^[A-Za-z0-9_-]+$/
/** Longest file-name slug, in characters. */
export const MAX_SLUG_LENGTH = 40

/** A fresh random id: 12 lowercase hex characters. */
export function randomRevisionId(): string {
  return randomBytes(6).toString('hex')
}

/**
 * A file-system-safe slug of a message: lowercase ASCII letters and digits
 * joined by `_`, at most {@link MAX_SLUG_LENGTH} characters, cut at a word
 * boundary when one is near.
 *
 * @example
 * slugify('Add users: email & name!') // 'add_users_email_name'
 */
export function slugify(message: string): string {
  const words = message
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '')
  let slug = ''
  for (const word of words) {
    const next = slug === '' ? word : `${slug}_${word}`
    if (next.length > MAX_SLUG_LENGTH) {
      if (slug === '') slug = word.slice(0, MAX_SLUG_LENGTH)
      break
    }
    slug = next
  }
  return slug
}

/** The file name for a revision: `<id>_<slug>.ts`, or `<id>.ts` when the message has no usable word. */
export function revisionFileName(id: string, message: string): string {
  const slug = slugify(message)
  return slug === '' ? `${id}.ts` : `${id}_${slug}.ts`
}

/** A rendered, validated revision file, not yet on disk. */
export interface PreparedRevision {
  readonly revision: Revision
  readonly text: string
  readonly graph: RevisionGraph
}

/**
 * Renders a new revision from a template and checks it before anything is
 * written: the id is free and well-formed, parents and dependencies exist,
 * labels are free, the graph stays valid, and the rendered text reads back
 * (through the static header parser) as exactly the requested headers.
 *
 * @throws UsageError for a bad or taken id; RevisionError for an invalid graph or a template that loses headers
 */
export function prepareRevision(graph: RevisionGraph, versionsDir: string, template: string, spec: NewRevisionSpec): PreparedRevision {
  const id = spec.id ?? freshId(graph)
  if (!GIVEN_ID_PATTERN.test(id)) {
    throw new UsageError(`revision id "${id}" may only hold letters, digits, "_" and "-"`)
  }
  if (RESERVED_TARGET_WORDS.has(id)) throw new UsageError(`revision id "${id}" is a reserved target word`)
  if (graph.has(id)) {
    throw new UsageError(`revision id ${id} already exists in ${displayPath(graph.get(id).path)}`, { hint: 'pick another --rev-id, or leave it out for a random one' })
  }
  // JavaScript callers may leave the list out; treat that as a new base, like [].
  const downRevisions = [...new Set(spec.downRevisions ?? [])]
  for (const parent of downRevisions) {
    if (!graph.has(parent)) throw new UsageError(`cannot write a revision on ${parent}: no revision has that id`)
  }
  const path = resolve(join(versionsDir, revisionFileName(id, spec.message)))
  if (existsSync(path)) throw new UsageError(`${displayPath(path)} already exists`)
  const branchLabels = [...new Set(spec.branchLabels ?? [])]
  const dependsOn = [...new Set(spec.dependsOn ?? [])]
  const text = renderTemplate(template, {
    message: escapeDocMessage(spec.message),
    revision: id,
    downRevision: headerLiteral(downRevisions, true),
    branchLabels: headerLiteral(branchLabels, false),
    dependsOn: headerLiteral(dependsOn, false),
    revises: downRevisions.join(', '),
    createDate: (spec.createDate ?? new Date()).toISOString(),
    imports: (spec.imports ?? '').trim(),
    upgradeBody: bodyOrDefault(spec.upgradeBody, DEFAULT_UPGRADE_BODY),
    downgradeBody: bodyOrDefault(spec.downgradeBody, DEFAULT_DOWNGRADE_BODY),
  })
  const revision = parseRevisionSource(text, path)
  const expected = { id, downRevisions, branchLabels, dependsOn }
  const actual = { id: revision.id, downRevisions: revision.downRevisions, branchLabels: revision.branchLabels, dependsOn: revision.dependsOn }
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new RevisionError(`the revision template does not write the headers asked for: wanted ${JSON.stringify(expected)}, it wrote ${JSON.stringify(actual)}`, {
      hint: "the template must keep `export const revision = '${revision}'` and the ${downRevision}, ${branchLabels} and ${dependsOn} placeholders",
    })
  }
  const next = new RevisionGraph([...graph.all(), revision])
  return { revision, text, graph: next }
}

function bodyOrDefault(body: string | undefined, fallback: string): string {
  if (body === undefined || body.trim() === '') return fallback
  return body.replace(/\s+$/, '')
}

function freshId(graph: RevisionGraph): string {
  for (;;) {
    const id = randomRevisionId()
    // A clash with an existing id or label is possible in theory: draw again.
    if (!graph.has(id) && graph.branchLabelOwner(id) === undefined) return id
  }
}

/**
 * Writes a prepared revision atomically and without overwriting: the text
 * goes to a hidden temporary file first, which is then hard-linked to its
 * final name (failing if the name is taken) and removed. A crash leaves at
 * most a hidden temporary file that the loader ignores.
 */
export function writePreparedRevision(prepared: PreparedRevision): void {
  const finalPath = prepared.revision.path
  const directory = resolve(finalPath, '..')
  const temporary = join(directory, `.${prepared.revision.id}.${randomBytes(4).toString('hex')}.tmp`)
  writeFileSync(temporary, prepared.text, { flag: 'wx' })
  try {
    try {
      linkSync(temporary, finalPath)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'EEXIST') throw new UsageError(`${displayPath(finalPath)} already exists`)
      // File systems without hard links: fall back to a checked rename.
      if (existsSync(finalPath)) throw new UsageError(`${displayPath(finalPath)} already exists`)
      renameSync(temporary, finalPath)
    }
  } finally {
    if (existsSync(temporary)) unlinkSync(temporary)
  }
}
