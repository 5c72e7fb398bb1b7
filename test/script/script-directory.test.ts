import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ConfigError, RevisionError, UsageError } from '../../src/errors.js'
import { parseRevisionSource } from '../../src/script/header-parser.js'
import { DEFAULT_SCRIPT_TEMPLATE, ScriptDirectory } from '../../src/script/script-directory.js'
import { slugify } from '../../src/script/revision-writer.js'

let dir: string
let versions: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'athanor-script-'))
  versions = join(dir, 'versions')
  mkdirSync(versions)
})

afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

function writeVersion(name: string, id: string, down: string | null, extra = ''): void {
  const downLiteral = down === null ? 'null' : `'${down}'`
  writeFileSync(join(versions, name), `/**\n * ${id} message\n */\nexport const revision = '${id}'\nexport const downRevision = ${downLiteral}\n${extra}`)
}

function fileNames(): string[] {
  return readdirSync(versions).sort()
}

describe('ScriptDirectory.load', () => {
  it('reads .ts, .mts, .js and .mjs revision files into a graph', async () => {
    writeVersion('a_one.ts', 'aaaa0001', null)
    writeVersion('b_two.js', 'bbbb0002', 'aaaa0001')
    writeVersion('c_three.mjs', 'cccc0003', 'bbbb0002')
    writeVersion('d_four.mts', 'dddd0004', 'cccc0003')
    const script = await ScriptDirectory.load(dir)
    expect(script.graph.size).toBe(4)
    expect(script.getRevision('head').id).toBe('dddd0004')
    expect(script.getRevision('head').path).toBe(join(versions, 'd_four.mts'))
    expect(script.versionsDir).toBe(versions)
  })

  it('ignores declaration files, hidden files and other files', async () => {
    writeVersion('a_one.ts', 'aaaa0001', null)
    writeFileSync(join(versions, 'types.d.ts'), 'export const revision = 42')
    writeFileSync(join(versions, '.aaaa.tmp'), 'export const revision = 42')
    writeFileSync(join(versions, '.gitkeep'), '')
    writeFileSync(join(versions, 'notes.md'), 'export const revision = 42')
    expect((await ScriptDirectory.load(dir)).graph.size).toBe(1)
  })

  it('reads headers that sit past the first 4 KiB', async () => {
    const padding = `// ${'x'.repeat(5000)}\n`
    writeFileSync(join(versions, 'late.ts'), `${padding}export const revision = 'late0001'\nexport const downRevision = null\n`)
    expect((await ScriptDirectory.load(dir)).getRevision('late').id).toBe('late0001')
  })

  it('reads a fourth header cut by the 4 KiB boundary', async () => {
    const head = "export const revision = 'cut00001'\nexport const downRevision = null\nexport const branchLabels = null\n"
    const pad = `// ${'y'.repeat(4096 - head.length - 30)}\n`
    writeFileSync(join(versions, 'cut.ts'), `${head}${pad}export const dependsOn: string[] | null = ['zzzz']\n// more\n`)
    await expect(ScriptDirectory.load(dir)).rejects.toThrow('names dependsOn zzzz')
  })

  it('names the file and line of an unreadable header', async () => {
    writeFileSync(join(versions, 'bad.ts'), "export const revision = 'bad00001'\nexport const downRevision = PARENT\n")
    await expect(ScriptDirectory.load(dir)).rejects.toThrow(`${join(versions, 'bad.ts')}:2: downRevision must be`)
  })

  it('names both files of a duplicate id', async () => {
    writeVersion('one.ts', 'dupe0001', null)
    writeVersion('two.ts', 'dupe0001', null)
    await expect(ScriptDirectory.load(dir)).rejects.toThrow(`duplicate revision id dupe0001 in ${join(versions, 'one.ts')} and ${join(versions, 'two.ts')}`)
  })

  it('is a ConfigError when versions/ is missing', async () => {
    rmSync(versions, { recursive: true })
    await expect(ScriptDirectory.load(dir)).rejects.toBeInstanceOf(ConfigError)
  })
})

describe('ScriptDirectory.getRevision', () => {
  it('resolves exactly one revision or lists the candidates', async () => {
    writeVersion('a.ts', 'aaaa0001', null)
    writeVersion('b.ts', 'bbbb0002', 'aaaa0001')
    writeVersion('c.ts', 'cccc0003', 'aaaa0001')
    const script = await ScriptDirectory.load(dir)
    expect(script.getRevision('bbbb').id).toBe('bbbb0002')
    expect(script.getRevision('-1', ['bbbb0002']).id).toBe('aaaa0001')
    expect(() => script.getRevision('heads')).toThrow('"heads" names 2 revisions: bbbb0002 (bbbb0002 message), cccc0003 (cccc0003 message)')
    expect(() => script.getRevision('head')).toThrow(UsageError)
    expect(() => script.getRevision('base')).toThrow('"base" names no revision (it is base)')
  })
})

describe('ScriptDirectory.writeRevision', () => {
  const createDate = new Date('2026-11-22T19:40:00.000Z')

  it('writes exactly the DESIGN §2 file shape', async () => {
    writeVersion('parent.ts', '9b1c0e2f4a5d', null)
    const script = await ScriptDirectory.load(dir)
    const written = await script.writeRevision({ message: 'create users', id: '3f2a9c1b7d4e', downRevisions: ['9b1c0e2f4a5d'], createDate })
    expect(written.path).toBe(join(versions, '3f2a9c1b7d4e_create_users.ts'))
    expect(readFileSync(written.path, 'utf8')).toBe(`/**
 * create users
 *
 * Revision ID: 3f2a9c1b7d4e
 * Revises: 9b1c0e2f4a5d
 * Create Date: 2026-11-22T19:40:00.000Z
 */
import { type Operations, t } from 'athanor'

export const revision = '3f2a9c1b7d4e'
export const downRevision: string | string[] | null = '9b1c0e2f4a5d'
export const branchLabels: string[] | null = null
export const dependsOn: string[] | null = null

export async function upgrade(op: Operations) {
  // write the upgrade here
}

export async function downgrade(op: Operations) {
  // write the downgrade here (undo the upgrade)
}
`)
  })

  it('writes what the header parser reads back, for merges, labels, dependencies and bodies', async () => {
    writeVersion('a.ts', 'aaaa0001', null)
    writeVersion('b.ts', 'bbbb0002', null, "export const branchLabels = ['billing']\n")
    const script = await ScriptDirectory.load(dir)
    const written = await script.writeRevision({
      message: 'merge */ heads\nsecond line',
      downRevisions: ['aaaa0001', 'bbbb0002'],
      branchLabels: ['merged'],
      dependsOn: ['billing'],
      imports: "import { sql } from 'athanor'",
      upgradeBody: "await op.execute('CREATE TABLE t (id INTEGER)')\n\nawait op.execute('SELECT 1')",
      downgradeBody: "await op.execute('DROP TABLE t')",
      createDate,
    })
    const text = readFileSync(written.path, 'utf8')
    const reread = parseRevisionSource(text, written.path)
    expect(reread).toEqual(written)
    expect(reread.id).toMatch(/^[0-9a-f]{12}$/)
    expect(reread.downRevisions).toEqual(['aaaa0001', 'bbbb0002'])
    expect(reread.branchLabels).toEqual(['merged'])
    expect(reread.dependsOn).toEqual(['billing'])
    expect(reread.message).toBe('merge */ heads')
    expect(text).toContain(" * merge *\\/ heads\n * second line\n")
    expect(text).toContain("import { type Operations, t } from 'athanor'\nimport { sql } from 'athanor'\n\nexport const revision")
    expect(text).toContain("  await op.execute('CREATE TABLE t (id INTEGER)')\n\n  await op.execute('SELECT 1')\n}")
    expect(text).toContain(" * Revises: aaaa0001, bbbb0002\n")
    expect(text).toContain("export const downRevision: string | string[] | null = ['aaaa0001', 'bbbb0002']\n")
  })

  it('adds the new revision to the graph', async () => {
    const script = await ScriptDirectory.load(dir)
    const first = await script.writeRevision({ message: 'first', downRevisions: [] })
    const second = await script.writeRevision({ message: 'second', downRevisions: [first.id] })
    expect(script.getRevision('head').id).toBe(second.id)
    expect((await ScriptDirectory.load(dir)).getRevision('head').id).toBe(second.id)
  })

  it('uses the folder template', async () => {
    writeFileSync(join(dir, 'script.ts.tmpl'), "// custom ${message}\nexport const revision = '${revision}'\nexport const downRevision = ${downRevision}\nconst keep = `${other}`\n")
    const script = await ScriptDirectory.load(dir)
    const written = await script.writeRevision({ message: 'hello', id: 'cust0001', downRevisions: [] })
    expect(readFileSync(written.path, 'utf8')).toBe("// custom hello\nexport const revision = 'cust0001'\nexport const downRevision = null\nconst keep = `${other}`\n")
  })

  it('refuses an existing id and writes nothing', async () => {
    writeVersion('a.ts', 'aaaa0001', null)
    const script = await ScriptDirectory.load(dir)
    await expect(script.writeRevision({ message: 'again', id: 'aaaa0001', downRevisions: [] })).rejects.toThrow(
      `revision id aaaa0001 already exists in ${join(versions, 'a.ts')}`,
    )
    expect(fileNames()).toEqual(['a.ts'])
  })

  it('refuses a malformed id, a missing parent, a taken label and a template that loses headers, writing nothing', async () => {
    writeVersion('a.ts', 'aaaa0001', null, "export const branchLabels = ['core']\n")
    const script = await ScriptDirectory.load(dir)
    await expect(script.writeRevision({ message: 'x', id: 'no way', downRevisions: [] })).rejects.toBeInstanceOf(UsageError)
    await expect(script.writeRevision({ message: 'x', id: 'heads', downRevisions: [] })).rejects.toThrow('reserved')
    await expect(script.writeRevision({ message: 'x', downRevisions: ['zzzz9999'] })).rejects.toThrow('no revision has that id')
    await expect(script.writeRevision({ message: 'x', downRevisions: ['aaaa0001'], branchLabels: ['core'] })).rejects.toBeInstanceOf(RevisionError)
    await expect(script.writeRevision({ message: 'x', downRevisions: ['aaaa0001'], dependsOn: ['nothing'] })).rejects.toThrow('names dependsOn nothing')
    writeFileSync(join(dir, 'script.ts.tmpl'), "export const revision = '${revision}'\n")
    await expect(script.writeRevision({ message: 'x', downRevisions: ['aaaa0001'] })).rejects.toThrow('the revision template does not write the headers asked for')
    expect(fileNames()).toEqual(['a.ts'])
    expect(script.graph.size).toBe(1)
  })

  it('refuses to overwrite an existing file of the same name', async () => {
    writeFileSync(join(versions, 'abcd0001_same.ts.bak'), '')
    writeFileSync(join(versions, 'abcd0001_same.ts'), '// not a revision yet\nexport const revision = "other001"\n')
    const script = await ScriptDirectory.load(dir)
    await expect(script.writeRevision({ message: 'same', id: 'abcd0001', downRevisions: [] })).rejects.toThrow('already exists')
    expect(readFileSync(join(versions, 'abcd0001_same.ts'), 'utf8')).toContain('not a revision yet')
  })

  it('the default template is the one init writes', () => {
    expect(DEFAULT_SCRIPT_TEMPLATE).toContain("export const revision = '${revision}'")
  })
})

describe('slugify', () => {
  it('keeps lowercase words joined by _', () => {
    expect(slugify('Add Users: email & name!')).toBe('add_users_email_name')
  })

  it('drops accents and unsafe characters', () => {
    expect(slugify('Ajouter la clé ../../etc/passwd')).toBe('ajouter_la_cle_etc_passwd')
  })

  it('stays within 40 characters, cut at a word boundary', () => {
    const slug = slugify('one two three four five six seven eight nine ten eleven')
    expect(slug.length).toBeLessThanOrEqual(40)
    expect(slug).toBe('one_two_three_four_five_six_seven_eight')
  })

  it('is empty for a message without letters or digits, and the file is then just the id', async () => {
    expect(slugify('***')).toBe('')
    const script = await ScriptDirectory.load(dir)
    const written = await script.writeRevision({ message: '***', id: 'bare0001', downRevisions: [] })
    expect(written.path).toBe(join(versions, 'bare0001.ts'))
  })
})
