/**
 * The template new revision files are written from (`migrations/script.ts.tmpl`)
 * and its tiny placeholder language: `${name}` for the names in
 * {@link TEMPLATE_PLACEHOLDERS}, replaced in one pass; any other `${…}` is
 * left as written, so a template may hold JavaScript template literals.
 *
 * Two layout rules keep the output tidy:
 * - a line holding only a placeholder whose value is empty disappears;
 * - a multi-line value continues each line with the placeholder line's
 *   prefix when that prefix is only spaces and `*` (an indented body, or a
 *   doc-comment line).
 * Lines a placeholder was on lose their trailing spaces.
 */

/** Default contents of `migrations/script.ts.tmpl`, written by `athanor init`. */
export const DEFAULT_SCRIPT_TEMPLATE = `/**
 * \${message}
 *
 * Revision ID: \${revision}
 * Revises: \${revises}
 * Create Date: \${createDate}
 */
import { type Operations, t } from 'athanor'
\${imports}

export const revision = '\${revision}'
export const downRevision: string | string[] | null = \${downRevision}
export const branchLabels: string[] | null = \${branchLabels}
export const dependsOn: string[] | null = \${dependsOn}

export async function upgrade(op: Operations) {
  \${upgradeBody}
}

export async function downgrade(op: Operations) {
  \${downgradeBody}
}
`

/** The values a template can use, all already rendered as text. */
export interface TemplateValues {
  /** The message, with `*\/` escaped so it cannot end the doc comment. */
  readonly message: string
  /** The bare revision id. */
  readonly revision: string
  /** `downRevision` as a TypeScript literal: `null`, `'a1'` or `['a1', 'b2']`. */
  readonly downRevision: string
  /** `branchLabels` as a TypeScript literal: `null` or `['billing']`. */
  readonly branchLabels: string
  /** `dependsOn` as a TypeScript literal: `null` or `['billing']`. */
  readonly dependsOn: string
  /** The parents as a comma list for the doc comment (`a1, b2`), empty for a base. */
  readonly revises: string
  /** ISO-8601 creation time. */
  readonly createDate: string
  /** Extra import lines (may be empty). */
  readonly imports: string
  /** Code inside `upgrade(op) { … }`. */
  readonly upgradeBody: string
  /** Code inside `downgrade(op) { … }`. */
  readonly downgradeBody: string
}

/** Every placeholder name a template may use. */
export const TEMPLATE_PLACEHOLDERS: readonly (keyof TemplateValues)[] = [
  'message',
  'revision',
  'downRevision',
  'branchLabels',
  'dependsOn',
  'revises',
  'createDate',
  'imports',
  'upgradeBody',
  'downgradeBody',
]

const PLACEHOLDER_SET: ReadonlySet<string> = new Set(TEMPLATE_PLACEHOLDERS)

/** Body written when the caller gives none. */
export const DEFAULT_UPGRADE_BODY = '// write the upgrade here'
/** Body written when the caller gives none. */
export const DEFAULT_DOWNGRADE_BODY = '// write the downgrade here (undo the upgrade)'

/**
 * Renders a template with the given values.
 *
 * @example
 * renderTemplate("export const revision = '${revision}'\n", values) // "export const revision = 'ab12cd34ef56'\n"
 */
export function renderTemplate(template: string, values: TemplateValues): string {
  const lineBreak = template.includes('\r\n') ? '\r\n' : '\n'
  const output: string[] = []
  for (const line of template.split(/\r?\n/)) {
    let rendered = ''
    let usedPlaceholder = false
    let allPlaceholdersEmpty = true
    let cursor = 0
    for (;;) {
      const open = line.indexOf('${', cursor)
      if (open < 0) break
      const close = line.indexOf('}', open + 2)
      if (close < 0) break
      const name = line.slice(open + 2, close).trim()
      if (!PLACEHOLDER_SET.has(name)) {
        rendered += line.slice(cursor, close + 1)
        cursor = close + 1
        continue
      }
      const prefix = line.slice(0, open)
      const value = values[name as keyof TemplateValues]
      usedPlaceholder = true
      if (value !== '') allPlaceholdersEmpty = false
      rendered += line.slice(cursor, open) + continueLines(value, prefix, lineBreak)
      cursor = close + 1
    }
    rendered += line.slice(cursor)
    if (usedPlaceholder && allPlaceholdersEmpty && rendered.trim() === '') continue
    output.push(usedPlaceholder ? rendered.trimEnd() : rendered)
  }
  return output.join(lineBreak)
}

/** Repeats a whitespace-and-`*` line prefix before each continuation line of a multi-line value. */
function continueLines(value: string, prefix: string, lineBreak: string): string {
  const lines = value.split(/\r?\n/)
  if (lines.length === 1) return value
  const continuation = /^[ \t]*\*?[ \t]*$/.test(prefix) ? prefix : ''
  return lines
    .map((line, index) => {
      if (index === 0) return line
      if (line.trim() === '') return continuation.trimEnd()
      return continuation + line
    })
    .join(lineBreak)
}

/**
 * A list of ids or labels as the TypeScript literal a header holds: `null`
 * when empty; for `downRevision` one id is a plain string (as Alembic writes it).
 *
 * @example
 * headerLiteral(['a1', 'b2'], true) // "['a1', 'b2']"
 * headerLiteral(['a1'], true)       // "'a1'"
 * headerLiteral([], false)          // 'null'
 */
export function headerLiteral(items: readonly string[], scalarWhenSingle: boolean): string {
  if (items.length === 0) return 'null'
  const quoted = items.map(quoteString)
  if (scalarWhenSingle && quoted.length === 1) return quoted[0] as string
  return `[${quoted.join(', ')}]`
}

/** A single-quoted TypeScript string literal. */
export function quoteString(value: string): string {
  let out = "'"
  for (const char of value) {
    switch (char) {
      case "'":
        out += "\\'"
        break
      case '\\':
        out += '\\\\'
        break
      case '\n':
        out += '\\n'
        break
      case '\r':
        out += '\\r'
        break
      default:
        out += char
    }
  }
  return out + "'"
}

/**
 * The message as it goes into the doc comment: `*\/` escaped so it cannot
 * end the comment (the header parser undoes this), line breaks normalized.
 */
export function escapeDocMessage(message: string): string {
  return message.replace(/\r\n?/g, '\n').replaceAll('*/', '*\\/').trim()
}
